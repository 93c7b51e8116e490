import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { decodeJwt } from 'jose';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { bundlePlugin } from '../../../sdk/src/cli/build.ts';
import { cliNodeArgs } from '../cli/test-cli.ts';
import { createTestDatabase } from '../db/test-database.ts';
import { freePort } from '../shared/free-port.ts';
import { demoBanner } from './demo-banner.ts';
import { DEMO_TENANT_ID } from './seed-demo.ts';
import { type RunningDemo, startDemo } from './start-demo.ts';
import { demoTestConfig } from './test-demo-config.ts';

// `kredo start --demo` as a newcomer meets it: the demo app on a real port, the reference plugins
// installed and enabled for the demo tenant, and a credit check and a paid pay link through them
// against the fakes the demo started, by the commands its banner prints.

const db = await createTestDatabase();

/** The reference plugins as `pnpm --filter './plugins/*' run build` leaves them: manifest and bundle. */
async function builtReferencePlugins(): Promise<string> {
  const root = mkdtempSync(path.join(tmpdir(), 'kredo-demo-plugins-'));
  for (const folder of ['mollie-pay-link', 'creditsafe-bureau']) {
    const source = fileURLToPath(new URL(`../../../plugins/${folder}/`, import.meta.url));
    mkdirSync(path.join(root, folder, 'dist'), { recursive: true });
    cpSync(path.join(source, 'manifest.json'), path.join(root, folder, 'manifest.json'));
    const { code } = await bundlePlugin({ entry: 'src/plugin.ts', cwd: source });
    writeFileSync(path.join(root, folder, 'dist', 'plugin.js'), code);
  }
  return root;
}
const pluginsDirectory = await builtReferencePlugins();

const { config, url, dataDir } = await demoTestConfig(db.url);
const demoOptions = { logger: pino({ level: 'silent' }), pluginsDirectory };

/** `pnpm kredo token` on the demo's data directory, as the banner suggests, in a process of its own. */
async function kredoToken(args: string[] = [], env: Record<string, string> = {}) {
  return promisify(execFile)(process.execPath, cliNodeArgs('token', ...args), {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    env: {
      ...process.env,
      KREDO_DATA_DIR: dataDir,
      KREDO_IDENTITY_PUBLIC_URL: config.identityPublicUrl,
      KREDO_LOG_LEVEL: 'silent',
      ...env,
    },
  }).then(
    (done) => ({ code: 0, ...done }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

/** As the banner's curl commands call the API: a POST with an empty JSON object. */
async function api(demo: RunningDemo, method: string, route: string, token = demo.token) {
  const response = await fetch(`${url}${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(method === 'POST' && { body: '{}' }),
  });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown> & { data?: unknown[] },
  };
}

describe('kredo start --demo', () => {
  it('answers a credit check, and a pay link asked for by the demo shop’s widget is paid at the Mollie fake, as its banner says', async () => {
    const demo = await startDemo(config, demoOptions);
    try {
      expect(demo.app.config).toMatchObject({ mode: 'demo', pluginAllowPrivateNetworks: true });
      expect(demo.installations.map((i) => [i.pluginId, i.enabled, i.installed])).toEqual([
        ['dev.kredo.mollie-pay-link', true, true],
        ['dev.kredo.creditsafe-connect', true, true],
      ]);
      const example = demo.example;
      if (!example) throw new Error('the demo found no debtor to try the plugins on');
      const debtor = `/api/v1/debtors/${example.debtorId}`;
      const banner = demoBanner(demo, url);
      // The token is the demo ERP client's, from the identity server the demo started.
      expect(decodeJwt(demo.token)).toMatchObject({
        iss: demo.identity.issuer,
        client_id: 'cli_demo_erp',
        tenant: DEMO_TENANT_ID,
      });
      expect(banner).toContain(`TOKEN=$(curl -s -u 'cli_demo_erp:${demo.erp.clientSecret}'`);
      const post = `curl -H "Authorization: Bearer $TOKEN" --json '{}'`;
      expect(banner).toContain(`${post} "${url}${debtor}/credit-checks"`);
      expect(banner).toContain(`${post} "${url}${debtor}/pay-links"`);
      expect(banner).toContain(`https://api.mollie.com → ${demo.fakes.routes['https://api.mollie.com']}`);

      // The demo shop: a tenant's page embedding the widget, with a new session for the example debtor.
      const shop = demo.shop;
      if (!shop) throw new Error('the demo started no shop');
      expect(banner).toContain(`Demo shop      ${shop.url}`);
      const page = await fetch(shop.url);
      expect(page.headers.get('content-security-policy')).toContain(`script-src 'self' ${url};`);
      const html = await page.text();
      expect(html).toContain(`<script type="module" src="${url}/portal/kredo-portal.js">`);
      const session = /<kredo-portal session="([^"]+)"/.exec(html)?.[1];
      const me = await fetch(`${url}/api/v1/portal/me`, {
        headers: { authorization: `Bearer ${session}`, origin: new URL(shop.url).origin },
      });
      expect(me.status).toBe(200);
      expect(me.headers.get('access-control-allow-origin')).toBe(new URL(shop.url).origin);
      expect(((await me.json()) as { debtor: { id: string } }).debtor.id).toBe(example.debtorId);

      // The tenant's hosted sign-in by e-mail link is on, its page where the banner says.
      const signIn = `${url}/portal/sign-in/${DEMO_TENANT_ID}`;
      expect(banner).toContain(
        `Portal sign-in ${signIn}   (a debtor's own sign-in by e-mail link: try ${example.email};`,
      );
      expect((await fetch(signIn)).status).toBe(200);

      // Dunning: each administration set up and its history replayed, as the banner says.
      expect(demo.dunning.map((run) => run.code)).toEqual(['NL01', 'DE01']);
      expect(banner).toContain(`${url}/api/v1/dunning/actions?limit=5`);
      const actions = await api(demo, 'GET', '/api/v1/dunning/actions?limit=200');
      const kinds = new Set((actions.body.data as { kind: string }[]).map((action) => action.kind));
      expect([...kinds].sort()).toEqual(expect.arrayContaining(['email', 'letter']));
      const tasks = await api(demo, 'GET', '/api/v1/dunning/actions?kind=phone_call&limit=1');
      expect(tasks.body.data).toHaveLength(1);

      // The credit check: Creditsafe's fake knows the demo debtor as a company, with a score.
      const check = await api(demo, 'POST', `${debtor}/credit-checks`);
      expect(check.status).toBe(201);
      expect(check.body).toMatchObject({
        bureauId: expect.stringMatching(/^NL-X-/),
        companyName: example.name,
        score: expect.any(Number),
        suggestedLimit: { amount: expect.any(Number), currency: 'EUR' },
      });

      // Paying, as the demo shop's widget does it ("Betalen"): a pay link through the debtor's portal
      // session from the shop's origin; Mollie's fake makes the payment, its checkout a local page.
      const asked = await fetch(`${url}/api/v1/portal/pay-links`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${session}`,
          origin: new URL(shop.url).origin,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ redirectUrl: shop.url }),
      });
      expect(asked.status).toBe(201);
      const link = (await asked.json()) as { url: string; invoiceIds: string[]; amount: unknown };
      expect(link).toMatchObject({ amount: { amount: example.openAmount, currency: example.currency } });
      const checkout = link.url;
      expect(checkout.startsWith(`${demo.fakes.routes['https://api.mollie.com']}/checkout/tr_`)).toBe(true);
      expect(await (await fetch(checkout)).text()).toContain('>Pay</button>');

      // Paying there calls Kredo's webhook as Mollie does: the link is paid, and so are its invoices.
      const paid = await fetch(checkout, { method: 'POST' });
      expect(await paid.text()).toMatch(/ is paid; its webhook answered 200\n$/);
      const links = await api(demo, 'GET', `${debtor}/pay-links`);
      expect(links.body.data?.[0]).toMatchObject({ url: checkout, status: 'paid' });
      for (const invoiceId of link.invoiceIds) {
        expect((await api(demo, 'GET', `/api/v1/invoices/${invoiceId}`)).body).toMatchObject({
          status: 'paid',
          openAmount: 0,
        });
      }
    } finally {
      await demo.stop();
    }
    // The first start seeds the ledger and records its year of payments: a minute or two when busy.
  }, 300_000);

  it('gives a fresh token with `kredo token`, and names what the identity server refused', async () => {
    const demo = await startDemo(config, demoOptions);
    try {
      const printed = await kredoToken();
      expect(printed).toMatchObject({ code: 0, stderr: '' });
      const token = printed.stdout.trim();
      expect(decodeJwt(token)).toMatchObject({ iss: demo.identity.issuer, client_id: 'cli_demo_erp' });
      expect((await api(demo, 'GET', '/api/v1/debtors?limit=1', token)).status).toBe(200);
      const narrow = (await kredoToken(['--scope', 'ledger:read'])).stdout.trim();
      expect(decodeJwt(narrow).scope).toBe('ledger:read');
      expect((await api(demo, 'GET', '/api/v1/dunning/actions?limit=1', narrow)).status).toBe(403);

      const unknown = await kredoToken(['--client-id', 'cli_nobody'], { KREDO_CLIENT_SECRET: '' });
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toMatch(/KREDO_CLIENT_SECRET must hold the secret/);
      const noScope = await kredoToken(['--client-id', 'cli_demo_erp'], { KREDO_CLIENT_SECRET: 'x' });
      expect(noScope.code).toBe(2);
      expect(noScope.stderr).toMatch(/--scope names the scopes/);
      const refused = await kredoToken(['--client-id', 'cli_demo_erp', '--scope', 'ledger:read'], {
        KREDO_CLIENT_SECRET: 'not-it',
      });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/^kredo: no token from the identity server at .*: invalid_client/);
      const nobody = `http://127.0.0.1:${await freePort()}`;
      const down = await kredoToken([], { KREDO_IDENTITY_PUBLIC_URL: nobody });
      expect(down.code).toBe(1);
      expect(down.stderr).toMatch(/nothing answers there; is `pnpm kredo start` running\?/);
    } finally {
      await demo.stop();
    }
  }, 180_000);

  it('started again, keeps the installations and routes them to the new fakes', async () => {
    const demo = await startDemo(config, demoOptions);
    try {
      expect(demo.seeded).toBe(false);
      expect(demo.installations.map((i) => [i.enabled, i.installed])).toEqual([
        [true, false],
        [true, false],
      ]);
      const check = await api(demo, 'POST', `/api/v1/debtors/${demo.example?.debtorId}/credit-checks`);
      expect(check.status).toBe(201);
    } finally {
      await demo.stop();
    }
  }, 120_000);
});
