import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { axeViolations, type WatchedPage, watchPage } from '@kredo/identity/testing/browser';
import { buildPortal } from '@kredo/portal/build';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApi, type Json } from '../app/test-api.ts';
import { startDemoShop } from '../demo/demo-shop.ts';
import { addDays } from '../shared/iso-date.ts';
import { businessDay } from '../shared/test-business-date.ts';
import { STEP_TIMEOUT, startHostPage, useChromium } from './test-host-page.ts';

// <kredo-portal> in real Chromium, as a tenant embeds it: core on one origin serves the script and
// the API; a plain host page on another origin, under a strict CSP, holds one script tag and the
// element with a session its "backend" (this test) minted. What the debtor does is then found
// through core's staff API.

type Page = WatchedPage['page'];

// Into portal/dist, which core serves: the test sees the widget as it is in the source.
await buildPortal();
const { server, newTenant, caller } = await createTestApi({ listen: true });
const core = server.info.uri;
const acme = await newTenant('Acme Supplies');
const backend = await caller(acme.tenantId, ['portal:sessions'], 'cli_acme_web');

/** A debtor speaking `language` with invoices due `daysAgo` days ago (negative: not yet due). */
async function debtorWith(number: string, language: string, daysAgo: number[]) {
  const debtor = await acme.api('POST', '/api/v1/debtors', {
    administrationId: acme.administrationId,
    number,
    name: `Debtor ${number}`,
    type: 'b2b',
    email: `${number.toLowerCase()}@example.com`,
    language,
  });
  expect(debtor.status).toBe(201);
  const today = businessDay();
  for (const [i, ago] of daysAgo.entries()) {
    const invoice = await acme.api('POST', '/api/v1/invoices', {
      administrationId: acme.administrationId,
      debtorId: debtor.body.id,
      number: `${number}-F${i + 1}`,
      issueDate: addDays(today, -ago - 30),
      dueDate: addDays(today, -ago),
      amount: 100_00 * (i + 1),
      currency: 'EUR',
    });
    expect(invoice.status).toBe(201);
  }
  return debtor.body.id as string;
}

async function mintSession(debtorId: string): Promise<Json> {
  const res = await backend('POST', '/api/v1/portal/sessions', { debtorId });
  expect(res.status).toBe(201);
  return res.body;
}

const host = await startHostPage(core);
const hostOrigin = host.origin;
expect((await acme.api('PUT', '/api/v1/portal/settings', { origins: [hostOrigin] })).status).toBe(200);

const chromium = useChromium();
afterAll(() => host.close());

// The callbacks given to page.evaluate run in Chromium; core compiles without lib.dom, so the little
// of the DOM they touch is declared here.
type Event = { type: string; detail: Json };
type Focusable = { id: string; textContent: string | null };
declare const window: { kredoEvents: Event[] };
declare const document: {
  addEventListener(type: string, listener: (event: Event) => void): void;
  querySelector(selector: 'kredo-portal'): {
    lang: string;
    shadowRoot: { activeElement: Focusable | null };
    setAttribute(name: string, value: string): void;
  };
};

/**
 * The host page in a fresh context: the events the widget fires are recorded on the document (as a
 * host's listener would get them: they bubble out of the shadow root), page errors and CSP violations kept.
 */
async function openHost(session: string, look: { viewport?: { width: number; height: number } } = {}) {
  const context = await chromium().newContext({ locale: 'en-GB', deviceScaleFactor: 1, ...look });
  context.setDefaultTimeout(STEP_TIMEOUT);
  const watched = await watchPage(context);
  const errors: string[] = [];
  watched.page.on('pageerror', (error) => errors.push(error.message));
  await watched.page.addInitScript(() => {
    window.kredoEvents = [];
    for (const type of [
      'kredo-session-expired',
      'kredo-dispute-opened',
      'kredo-promise-made',
      'kredo-language-changed',
      'kredo-plan-requested',
      'kredo-po-number-added',
      'kredo-contact-changed',
      'kredo-question-asked',
    ])
      document.addEventListener(type, (event) =>
        window.kredoEvents.push({ type: event.type, detail: event.detail }),
      );
  });
  await watched.page.goto(`${hostOrigin}/?session=${encodeURIComponent(session)}`);
  return { ...watched, errors, close: () => context.close() };
}

/** A locator's text with every run of white space (Intl's no-break spaces too) as one space. */
const textOf = async (locator: { textContent(): Promise<string | null> }) =>
  ((await locator.textContent()) ?? '').replace(/\s+/g, ' ');
const events = (page: Page) => page.evaluate(() => window.kredoEvents);
/** The element inside the widget's shadow root that has the focus: its id, else its text. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const active = document.querySelector('kredo-portal').shadowRoot.activeElement;
    return active?.id || active?.textContent?.trim();
  });

describe('<kredo-portal> on a tenant’s page', () => {
  it('lists the invoices, disputes one, promises a date and switches language, under a strict CSP', {
    timeout: 5 * STEP_TIMEOUT,
  }, async () => {
    const debtorId = await debtorWith('W1', 'nl', [45, 5, -10]);
    const { token } = await mintSession(debtorId);
    const { page, violations, errors, close } = await openHost(token);
    const widget = page.locator('kredo-portal');

    // In the debtor's language (nl), with totals and ageing per currency.
    await expect.poll(() => widget.getByRole('heading', { level: 2 }).textContent()).toContain('Uw facturen');
    const table = widget.getByRole('table', { name: 'Openstaande facturen' });
    await table.waitFor();
    expect(await table.getByRole('row').count()).toBe(4);
    expect(await table.getByRole('rowheader').allTextContents()).toEqual(['W1-F1', 'W1-F2', 'W1-F3']);
    expect(await table.textContent()).toContain('45 dagen te laat');
    expect(await textOf(widget.locator('.totals'))).toContain('€ 600,00');
    expect(await page.evaluate(() => document.querySelector('kredo-portal').lang)).toBe('nl');
    expect(await axeViolations(page)).toEqual([]);

    // A dispute about the first invoice, by keyboard and labels.
    const disputeButton = widget.getByRole('button', { name: 'Factuur betwisten' });
    await disputeButton.click();
    await widget.getByRole('dialog', { name: 'Factuur betwisten' }).waitFor();
    // Its form is slotted into <kredo-dialog>: found from the element, not from the <dialog> inside.
    const dialog = widget.locator('#dispute-dialog');
    // The focus moved into the dialog: its first control, the first invoice's box.
    expect(await focused(page)).toMatch(/^dispute-inv_/);
    await dialog.getByLabel(/W1-F1/).check();
    await dialog.getByLabel('Reden').selectOption({ index: 0 });
    await dialog.getByLabel('Uw bericht').fill('Levering was onvolledig');
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Betwisting versturen' }).click();
    const status = widget.getByRole('status');
    await expect.poll(() => status.textContent()).toContain('Uw betwisting van W1-F1 is ontvangen');
    expect(await widget.getByRole('dialog').count()).toBe(0);
    expect(await focused(page)).toBe('Factuur betwisten');
    const disputed = (await events(page)).find((e) => e.type === 'kredo-dispute-opened');
    const disputes = await acme.api('GET', `/api/v1/disputes?debtorId=${debtorId}`);
    expect(disputes.body.data.map((d: Json) => d.id)).toEqual([disputed?.detail.dispute.id]);

    // A promise for the overdue invoices (ticked already), a week from the business date.
    const { today } = (
      await server.inject({
        url: '/api/v1/portal/invoices',
        headers: { authorization: `Bearer ${token}` },
      })
    ).result as Json;
    await widget.getByRole('button', { name: 'Betaling toezeggen' }).click();
    await widget.getByRole('dialog', { name: 'Betaling toezeggen' }).waitFor();
    const promiseDialog = widget.locator('#promise-dialog');
    await promiseDialog.getByLabel('Ik betaal op').fill(addDays(today, 7));
    await promiseDialog.getByRole('button', { name: 'Toezegging versturen' }).click();
    await expect.poll(() => textOf(status)).toContain('u € 300,00 betaalt op');
    const promised = (await events(page)).find((e) => e.type === 'kredo-promise-made');
    const promise = await acme.api('GET', `/api/v1/promises/${promised?.detail.promise.id}`);
    expect(promise.body).toMatchObject({
      debtorId,
      promisedOn: addDays(today, 7),
      amount: { amount: 300_00 },
    });

    // Escape closes a dialog, the focus back on its button.
    await disputeButton.click();
    await widget.getByRole('dialog').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => widget.getByRole('dialog').count()).toBe(0);
    expect(await focused(page)).toBe('Factuur betwisten');

    // The switch: English texts, formats and reasons, the element's lang following.
    await widget.getByLabel('Taal', { exact: true }).selectOption('en');
    await expect
      .poll(() => widget.getByRole('heading', { level: 2 }).textContent())
      .toContain('Your invoices');
    expect(await widget.getByRole('table', { name: 'Open invoices' }).textContent()).toContain(
      '45 days overdue',
    );
    expect((await events(page)).at(-1)).toEqual({
      type: 'kredo-language-changed',
      detail: { language: 'en' },
    });
    expect(await page.locator('kredo-portal[lang="en"]').count()).toBe(1);

    // The paid tab, by keyboard: the arrow key moves between the tabs.
    await widget.getByRole('tab', { name: 'Open' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await widget.getByRole('tab', { name: 'Paid' }).getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => widget.getByRole('tabpanel').textContent()).toContain('No invoices.');
    expect(await axeViolations(page)).toEqual([]);

    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  it('requests a plan, adds a PO number, changes contact details and asks a question', {
    timeout: 5 * STEP_TIMEOUT,
  }, async () => {
    const debtorId = await debtorWith('W5', 'en', [20, 10]);
    const { token } = await mintSession(debtorId);
    const { page, violations, errors, close } = await openHost(token);
    const widget = page.locator('kredo-portal');
    await widget.getByRole('table', { name: 'Open invoices' }).waitFor();
    const status = widget.getByRole('status');
    const today = businessDay();

    // No plugin provides pay links or PDFs in this core: those buttons are not there.
    expect(await widget.getByRole('button', { name: 'Pay', exact: true }).count()).toBe(0);
    expect(await widget.getByRole('button', { name: /PDF/ }).count()).toBe(0);

    // A plan within the creditor's rules (at most 24 instalments of at least € 25.00 by default):
    // 13 instalments of € 300.00 break the smallest one, said next to the field; 3 are made.
    await widget.getByRole('button', { name: 'Request a payment plan' }).click();
    await widget.getByRole('dialog', { name: 'Request a payment plan' }).waitFor();
    const plan = widget.locator('#plan-dialog');
    expect(await textOf(plan.locator('#plan-limits'))).toContain(
      'At most 24 instalments, each at least €25.00',
    );
    await plan.getByLabel('Number of instalments').fill('13');
    await plan.getByLabel('Pay every').selectOption('monthly');
    await plan.getByLabel('First instalment on').fill(addDays(today, 14));
    await plan.getByRole('button', { name: 'Request plan' }).click();
    await expect.poll(() => plan.locator('#plan-instalments-error').textContent()).toContain('minInstalment');
    expect(await plan.getByLabel('Number of instalments').getAttribute('aria-invalid')).toBe('true');
    expect(await focused(page)).toBe('plan-instalments');
    expect(await axeViolations(page)).toEqual([]);
    await plan.getByLabel('Number of instalments').fill('3');
    await plan.getByRole('button', { name: 'Request plan' }).click();
    await expect
      .poll(() => textOf(status))
      .toContain('Your payment plan is set: 3 instalments of about €100.00');
    const planned = (await events(page)).find((e) => e.type === 'kredo-plan-requested');
    const stored = await acme.api('GET', `/api/v1/payment-plans/${planned?.detail.plan.id}`);
    expect(stored.body).toMatchObject({ debtorId, frequency: 'monthly', total: { amount: 300_00 } });
    expect(stored.body.instalments.map((i: Json) => i.amount)).toEqual([100_00, 100_00, 100_00]);

    // A PO number for the second invoice.
    await widget.getByRole('button', { name: 'Add a PO number' }).click();
    const po = widget.locator('#po-dialog');
    await widget.getByRole('dialog', { name: 'Add a purchase order number' }).waitFor();
    await po.getByLabel('Invoice', { exact: true }).selectOption({ label: 'W5-F2' });
    // Blanks only: core's 400 names the field, and the refusal shows next to it.
    await po.getByLabel('PO number').fill('   ');
    await po.getByRole('button', { name: 'Save PO number' }).click();
    await expect.poll(() => po.locator('#po-number-error').textContent()).toContain('poNumber');
    expect(await po.getByLabel('PO number').getAttribute('aria-invalid')).toBe('true');
    await po.getByLabel('PO number').fill('PO-4711');
    await po.getByRole('button', { name: 'Save PO number' }).click();
    await expect.poll(() => textOf(status)).toContain('PO number PO-4711 was added to invoice W5-F2');
    const poEvent = (await events(page)).find((e) => e.type === 'kredo-po-number-added');
    const invoice = await acme.api('GET', `/api/v1/invoices/${poEvent?.detail.invoiceId}`);
    expect(invoice.body).toMatchObject({ number: 'W5-F2', poNumber: 'PO-4711' });

    // New contact details, the form showing the current ones.
    await widget.getByRole('button', { name: 'Contact details' }).click();
    const contact = widget.locator('#contact-dialog');
    await widget.getByRole('dialog', { name: 'Your contact details' }).waitFor();
    expect(await contact.getByLabel('E-mail address').inputValue()).toBe('w5@example.com');
    await contact.getByLabel('E-mail address').fill('accounts@w5.example');
    await contact.getByLabel('Phone number').fill('+31 20 123 4567');
    await contact.getByLabel('Reach me by').selectOption('letter');
    expect(await axeViolations(page)).toEqual([]);
    await contact.getByRole('button', { name: 'Save details' }).click();
    await expect.poll(() => textOf(status)).toContain('Your contact details were saved.');
    const debtor = await acme.api('GET', `/api/v1/debtors/${debtorId}`);
    expect(debtor.body).toMatchObject({ email: 'accounts@w5.example', phone: '+31 20 123 4567' });

    // A question about the first invoice.
    await widget.getByRole('button', { name: 'Ask a question' }).click();
    const question = widget.locator('#question-dialog');
    await widget.getByRole('dialog', { name: 'Ask a question' }).waitFor();
    await question.getByLabel('Your question').fill('Can I have the delivery note?');
    await question.getByLabel(/W5-F1/).check();
    await question.getByRole('button', { name: 'Send question' }).click();
    await expect.poll(() => textOf(status)).toContain('Your question was sent.');
    expect(await focused(page)).toBe('Ask a question');

    // Each is on the collector's action list.
    const tasks = await acme.api('GET', `/api/v1/tasks?debtorId=${debtorId}&limit=100`);
    const byKind = (kind: string) => tasks.body.data.filter((task: Json) => task.kind === kind);
    expect(byKind('portal_po_number').map((task: Json) => task.title)).toEqual([
      'PO number PO-4711 for invoice W5-F2',
    ]);
    expect(byKind('portal_contact_changed')[0].body).toContain('email: w5@example.com → accounts@w5.example');
    expect(byKind('portal_question').map((task: Json) => [task.title, task.body])).toEqual([
      ['Question from the portal about W5-F1', 'Can I have the delivery note?'],
    ]);
    expect((await events(page)).map((e) => e.type)).toEqual([
      'kredo-plan-requested',
      'kredo-po-number-added',
      'kredo-contact-changed',
      'kredo-question-asked',
    ]);
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  it('tells the host page when the session has ended', { timeout: 2 * STEP_TIMEOUT }, async () => {
    const debtorId = await debtorWith('W2', 'de', [3]);
    const minted = await mintSession(debtorId);
    expect((await backend('DELETE', `/api/v1/portal/sessions/${minted.id}`)).status).toBe(200);
    const { page, violations, errors, close } = await openHost(minted.token);
    await expect.poll(() => events(page)).toEqual([{ type: 'kredo-session-expired', detail: {} }]);
    // The debtor's language is unknown without a session: the browser's.
    expect(await page.locator('kredo-portal').getByRole('alert').textContent()).toContain(
      'Your session has ended',
    );
    expect(await axeViolations(page)).toEqual([]);
    // What a host does then: a new session on the element, which loads again.
    const renewed = await mintSession(debtorId);
    await page.evaluate(
      (token) => document.querySelector('kredo-portal').setAttribute('session', token),
      renewed.token,
    );
    const table = page.locator('kredo-portal').getByRole('table', { name: 'Offene Rechnungen' });
    await table.waitFor();
    expect(await table.getByRole('rowheader').allTextContents()).toEqual(['W2-F1']);
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  it('keeps its look: a screenshot within a tolerance of the stored one', {
    timeout: 2 * STEP_TIMEOUT,
  }, async () => {
    const debtorId = await debtorWith('W3', 'en', [45, 5, -10]);
    const { token } = await mintSession(debtorId);
    const { page, close } = await openHost(token, { viewport: { width: 960, height: 900 } });
    const widget = page.locator('kredo-portal');
    await widget.getByRole('table', { name: 'Open invoices' }).waitFor();
    // The invoices' dates follow today's: masked (painted over), so only the look is compared.
    const dates = widget.locator(
      'kredo-invoice-table tbody td:nth-child(2), kredo-invoice-table tbody td:nth-child(3)',
    );
    const shot = await widget.screenshot({ animations: 'disabled', caret: 'hide', mask: [dates] });
    await close();
    expect(lookChange(shot)).toBeLessThanOrEqual(LOOK_TOLERANCE);
  });

  it('shows in the demo shop (npm start), signed in as its debtor', {
    timeout: 2 * STEP_TIMEOUT,
  }, async () => {
    const debtorId = await debtorWith('W4', 'nl', [10]);
    const shop = await startDemoShop({
      callCore: acme.api,
      coreUrl: core,
      debtor: { id: debtorId, name: 'Debtor W4' },
      host: '127.0.0.1',
    });
    if (!shop) throw new Error('the demo shop did not start');
    const context = await chromium().newContext({ locale: 'nl-NL' });
    context.setDefaultTimeout(STEP_TIMEOUT);
    try {
      const { page, violations } = await watchPage(context);
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(shop.url);
      const table = page.locator('kredo-portal').getByRole('table', { name: 'Openstaande facturen' });
      await table.waitFor();
      expect(await table.getByRole('rowheader').allTextContents()).toEqual(['W4-F1']);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Mijn account');
      expect(await axeViolations(page)).toEqual([]);
      expect(violations).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await shop.close();
    }
  });
});

/** The stored look; regenerate with KREDO_WRITE_SCREENSHOTS=1 after a change of look on purpose. */
const BASELINE = fileURLToPath(new URL('./fixtures/kredo-portal.png', import.meta.url));
/**
 * The share of pixels that may differ: another machine's fonts render a little differently; a change
 * of layout, colour or text moves more (the buttons' colour alone is 2 %).
 */
const LOOK_TOLERANCE = 0.01;

/** The share of the screenshot's pixels that differ from the stored one (a diff image is left in tmp). */
function lookChange(shot: Buffer): number {
  if (process.env.KREDO_WRITE_SCREENSHOTS === '1') writeFileSync(BASELINE, shot);
  const actual = PNG.sync.read(shot);
  const expected = PNG.sync.read(readFileSync(BASELINE));
  const { width, height } = expected;
  expect([actual.width, actual.height], 'the widget’s size changed').toEqual([width, height]);
  const diff = new PNG({ width, height });
  const differing = pixelmatch(expected.data, actual.data, diff.data, width, height, { threshold: 0.1 });
  const share = differing / (width * height);
  if (share > LOOK_TOLERANCE) {
    const path = join(tmpdir(), 'kredo-portal.diff.png');
    writeFileSync(path, PNG.sync.write(diff));
    console.error(`kredo-portal's look changed: ${(share * 100).toFixed(2)} % of the pixels; see ${path}`);
  }
  return share;
}
