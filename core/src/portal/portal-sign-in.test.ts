import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createTestApi, type Json } from '../app/test-api.ts';
import { loadConfig } from '../config/load-config.ts';
import { tenantEm } from '../db/tenant-scope.ts';
import { businessDay } from '../shared/test-business-date.ts';
import { portalSignInJobs, SIGN_IN_MAIL_TASK } from './portal-sign-in-jobs.ts';
import { sendSignInLinks } from './portal-sign-in-mail.ts';
import { debtorWithInvoices } from './test-debtor.ts';
import { startSignInMailbox } from './test-sign-in-mail.ts';

// The hosted sign-in by one-time e-mail link, through the front door (server.inject), with a real
// SMTP server to read the link from. The browser's side: portal-sign-in.browser.test.ts.

const { db, server, newTenant } = await createTestApi();
const mailbox = await startSignInMailbox();
const acme = await newTenant('Acme');
const globex = await newTenant('Globex');
const today = businessDay();
expect((await acme.api('PUT', '/api/v1/portal/settings', { origins: [], emailSignIn: true })).status).toBe(
  200,
);

const debtor = (number: string, email: string, language = 'en', parentId?: string) =>
  debtorWithInvoices(acme.api, acme.administrationId, {
    number,
    today,
    daysAgo: [10],
    language,
    email,
    parentId,
  });
const alice = await debtor('S1', 'alice@example.com', 'de');
const shared1 = await debtor('S2', 'office@shared.example');
const shared2 = await debtor('S3', 'OFFICE@shared.example');
const holding = await debtor('S4', 'finance@holding.example');
await debtor('S5', 'north@holding.example', 'en', holding.debtorId);

let ip = 0;
/** A browser of its own (an IP address of its own): the page, then its form posted with the page's cookie. */
async function visitor() {
  const remoteAddress = `10.0.0.${++ip}`;
  let cookie = '';
  const get = async (url: string) => {
    const res = await server.inject({ url, remoteAddress, headers: { cookie } });
    const set = String(res.headers['set-cookie'] ?? '').match(/kredo_sign_in_csrf=[^;]+/)?.[0];
    if (set) cookie = set;
    return {
      status: res.statusCode,
      html: res.payload,
      csrf: res.payload.match(/name="csrf" value="([^"]+)"/)?.[1],
    };
  };
  const post = async (url: string, fields: Record<string, string>) => {
    const res = await server.inject({
      method: 'POST',
      url,
      remoteAddress,
      payload: new URLSearchParams(fields).toString(),
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    });
    return { status: res.statusCode, html: res.payload, headers: res.headers };
  };
  return { get, post };
}

const formUrl = (tenantId = acme.tenantId) => `/portal/sign-in/${tenantId}`;
const mailLinks = () =>
  sendSignInLinks({ orm: db.orm, mailer: mailbox.mailer, publicUrl: 'https://kredo.example' });
/** The path of a mailed link, for server.inject. */
const pathOf = (link: string) => new URL(link).pathname + new URL(link).search;

async function askLink(email: string, language = 'en') {
  const browser = visitor();
  const form = await (await browser).get(`${formUrl()}?lang=${language}`);
  return (await browser).post(formUrl(), { csrf: form.csrf as string, email, lang: language });
}

/** Signs in through a mailed link; answers the page and the session token in it. */
async function signIn(link: string, debtorId?: string) {
  const browser = await visitor();
  const page = await browser.get(pathOf(link));
  expect(page.status).toBe(200);
  const chosen = debtorId ?? (page.html.match(/name="debtorId" value="([^"]+)"/)?.[1] as string);
  const done = await browser.post(new URL(link).pathname, { csrf: page.csrf as string, debtorId: chosen });
  return {
    ...done,
    token: done.html.match(/session="([^"]+)"/)?.[1],
    again: () => browser.post(new URL(link).pathname, { csrf: page.csrf as string, debtorId: chosen }),
  };
}

const me = async (token: string) =>
  (await server.inject({ url: '/api/v1/portal/me', headers: { authorization: `Bearer ${token}` } }))
    .result as Json;

describe('the hosted sign-in by e-mail link', () => {
  it('is off until the tenant turns it on: 404 for its pages', async () => {
    const browser = await visitor();
    expect((await browser.get(formUrl(globex.tenantId))).status).toBe(404);
    expect((await browser.post(formUrl(globex.tenantId), { email: 'x@example.com' })).status).toBe(404);
    expect((await globex.api('GET', '/api/v1/portal/settings')).body).toEqual({
      origins: [],
      emailSignIn: false,
    });
    // Setting the origins alone leaves the sign-in as it is.
    await acme.api('PUT', '/api/v1/portal/settings', { origins: ['https://shop.acme.example'] });
    expect((await acme.api('GET', '/api/v1/portal/settings')).body.emailSignIn).toBe(true);
  });

  it('answers the same for a known and an unknown address, and mails only the known one', async () => {
    const known = await askLink('Alice@Example.com');
    const unknown = await askLink('nobody@example.com');
    expect(known.status).toBe(200);
    expect(unknown).toMatchObject({ status: known.status, html: known.html });
    expect(known.headers['content-security-policy']).toContain("default-src 'none'");
    expect(known.headers['cache-control']).toBe('no-store');
    const css = await server.inject('/portal/sign-in.css');
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toContain('text/css');

    const before = mailbox.received.length;
    expect(await mailLinks()).toMatchObject({ sent: 1, noDebtor: 1 });
    expect(mailbox.received.length).toBe(before + 1);
    const { mail, link } = mailbox.linkTo('alice@example.com');
    // In the debtor's language (German), from its administration.
    expect(mail.subject).toBe('Ihr Anmeldelink für Acme');
    expect(mail.from?.value[0]?.name).toBe('Acme');
    expect(link).toMatch(
      new RegExp(`^https://kredo\\.example/portal/sign-in/${acme.tenantId}/[\\w-]{43}\\?lang=de$`),
    );
  });

  it('refuses a post without the page’s CSRF token, and an address that is none', async () => {
    const browser = await visitor();
    const noCookie = await browser.post(formUrl(), { csrf: 'x'.repeat(43), email: 'alice@example.com' });
    expect(noCookie.status).toBe(403);
    const form = await browser.get(formUrl());
    const bad = await browser.post(formUrl(), { csrf: form.csrf as string, email: 'not an address' });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('aria-invalid="true"');
  });

  it('limits the links asked per address and per IP address', async () => {
    for (let i = 0; i < 3; i++) expect((await askLink('limited@example.com')).status).toBe(200);
    expect((await askLink('limited@example.com')).status).toBe(429);
    const browser = await visitor();
    const form = await browser.get(formUrl());
    for (let i = 0; i < 10; i++)
      expect(
        (await browser.post(formUrl(), { csrf: form.csrf as string, email: `ip${i}@example.com` })).status,
      ).toBe(200);
    expect(
      (await browser.post(formUrl(), { csrf: form.csrf as string, email: 'ip10@example.com' })).status,
    ).toBe(429);
    await mailLinks();
  });

  it('signs in once per link: a GET uses nothing up, a second POST and an expired link are refused', async () => {
    await askLink('alice@example.com');
    await mailLinks();
    const { link } = mailbox.linkTo('alice@example.com');
    const scanner = await visitor();
    expect((await scanner.get(pathOf(link))).status).toBe(200);

    const first = await signIn(link);
    expect(first.status).toBe(200);
    expect(first.headers['content-security-policy']).toContain("script-src 'self'");
    expect(first.html).toContain('<script type="module" src="/portal/kredo-portal.js"></script>');
    const session = await me(first.token as string);
    expect(session).toMatchObject({ debtor: { id: alice.debtorId }, session: { scope: 'debtor' } });
    expect((await first.again()).status).toBe(410);
    expect((await scanner.get(pathOf(link))).status).toBe(410);

    await askLink('alice@example.com');
    await mailLinks();
    const late = mailbox.linkTo('alice@example.com').link;
    await tenantEm(db.orm, acme.tenantId).execute(
      "update portal_sign_in_request set expires_at = now() - interval '1 second' where token_hash is not null and used_at is null",
    );
    expect((await scanner.get(pathOf(late))).status).toBe(410);
  });

  it('lets an address shared by several debtors choose, and signs a group’s head into its group', async () => {
    await askLink('office@shared.example');
    await askLink('finance@holding.example');
    await mailLinks();
    const shared = mailbox.linkTo('office@shared.example').link;
    const page = await (await visitor()).get(pathOf(shared));
    expect(page.html.match(/type="radio"/g)).toHaveLength(2);
    const chosen = await signIn(shared, shared2.debtorId);
    expect((await me(chosen.token as string)).debtor.id).toBe(shared2.debtorId);
    expect(shared1.debtorId).not.toBe(shared2.debtorId);

    const group = await signIn(mailbox.linkTo('finance@holding.example').link);
    const session = await me(group.token as string);
    expect(session.session.scope).toBe('group');
    expect(session.group).toHaveLength(2);
  });

  it('wakes the mail job when a request commits, for that tenant', async () => {
    const jobs = portalSignInJobs({
      orm: db.orm,
      config: loadConfig({}),
      publicUrl: () => 'https://kredo.example',
    });
    const added: unknown[][] = [];
    const trigger = jobs.triggers?.[0];
    const listening = await trigger?.({
      addJob: (async (...args: unknown[]) => added.push(args)) as never,
      connectionString: db.url,
      logger: pino({ level: 'silent' }),
    });
    try {
      await askLink('someone@example.com');
      await expect.poll(() => added.length).toBe(1);
      expect(added[0]).toEqual([
        SIGN_IN_MAIL_TASK,
        { tenantId: acme.tenantId },
        { jobKey: `${SIGN_IN_MAIL_TASK}:${acme.tenantId}` },
      ]);
    } finally {
      await listening?.stop();
    }
  });
});
