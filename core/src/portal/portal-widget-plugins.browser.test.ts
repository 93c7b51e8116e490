import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { axeViolations, watchPage } from '@kredo/identity/testing/browser';
import { buildPortal } from '@kredo/portal/build';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../app/test-api.ts';
import { loadConfig } from '../config/load-config.ts';
import { portalCopyRoute } from '../invoice-copies/index.ts';
import { createTestPartner } from '../marketplace/test-partner.ts';
import { payLinkRoutes, portalPayLinkRoute } from '../pay-links/index.ts';
import { createPluginRuntime, type PluginRuntime } from '../plugin-runtime/index.ts';
import { addDays } from '../shared/iso-date.ts';
import { businessDay } from '../shared/test-business-date.ts';
import { STEP_TIMEOUT, startHostPage, useChromium } from './test-host-page.ts';

// <kredo-portal> with a tenant's pay-link and invoice-copy plugins installed (written here, answering
// without a provider behind them), in Chromium on a host page under a strict CSP: the debtor
// downloads an invoice's PDF (a blob: link, which the page's CSP need not allow) and clicks Pay, the
// page going to the pay link's address: a checkout page this test serves as the provider's, on an
// origin of its own.

await buildPortal();
const config = loadConfig({ KREDO_PLUGIN_WORKERS: '1', KREDO_PLUGIN_BREACHES_BEFORE_DISABLE: '100' });
let runtime: PluginRuntime | undefined;
const { server, caller, newTenant } = await createTestApi({
  listen: true,
  routes: ({ orm, secretsKey }) => {
    runtime = createPluginRuntime({ orm, config, secretsKey });
    const payLinks = { orm, runtime, publicUrl: () => 'https://kredo.example' };
    return [
      portalPayLinkRoute(payLinks),
      ...payLinkRoutes(payLinks),
      portalCopyRoute({ orm, runtime, filterDeadlineMs: 5000 }),
    ];
  },
});
const core = server.info.uri;
const host = await startHostPage(core);
const checkout = await startCheckout();
const acme = await newTenant('Acme Supplies');
const backend = await caller(acme.tenantId, ['portal:sessions'], 'cli_acme_web');
expect((await acme.api('PUT', '/api/v1/portal/settings', { origins: [host.origin] })).status).toBe(200);

const partner = await createTestPartner(caller, acme.tenantId, 'Portal Plugins B.V.');
await partner.installFor(
  acme,
  { id: 'com.example.portal-pay', capabilities: ['payLink'], scopes: ['invoices:read', 'payments:write'] },
  `globalThis.__kredo = { hooks: {
    'capability:payLink.createLink': async (input) => ({ ok: true, value: {
      url: '${checkout.origin}/checkout/tr_' + input.amount + '?back=' + encodeURIComponent(input.redirectUrl), expiresAt: '2099-01-01T00:00:00Z',
      providerReference: 'tr_' + input.amount } }),
  } };`,
);
const pdf = Buffer.from('%PDF-1.7\n% copy\n%%EOF\n');
await partner.installFor(
  acme,
  { id: 'com.example.portal-copy', hooks: [{ name: 'invoice.copy', kind: 'filter', priority: 0 }] },
  `globalThis.__kredo = { hooks: { 'invoice.copy': () => ({ ok: true, value: {
    contentType: 'application/pdf', base64: '${pdf.toString('base64')}' } }) } };`,
);

const chromium = useChromium();
afterAll(async () => {
  await host.close();
  await checkout.close();
  await runtime?.close();
});

describe('<kredo-portal> with the tenant’s pay-link and invoice-copy plugins', () => {
  it('downloads an invoice’s PDF and pays the chosen invoices by a pay link', {
    timeout: 4 * STEP_TIMEOUT,
  }, async () => {
    const today = businessDay();
    const debtor = await acme.api('POST', '/api/v1/debtors', {
      administrationId: acme.administrationId,
      number: 'P1',
      name: 'Debtor P1',
      type: 'b2b',
      language: 'en',
    });
    const invoices: string[] = [];
    for (const [i, amount] of [100_00, 200_00].entries()) {
      const invoice = await acme.api('POST', '/api/v1/invoices', {
        administrationId: acme.administrationId,
        debtorId: debtor.body.id,
        number: `P1-F${i + 1}`,
        issueDate: addDays(today, -40),
        dueDate: addDays(today, -10),
        amount,
        currency: 'EUR',
      });
      expect(invoice.status).toBe(201);
      invoices.push(invoice.body.id);
    }
    const session = await backend('POST', '/api/v1/portal/sessions', { debtorId: debtor.body.id });
    const context = await chromium().newContext({ locale: 'en-GB', acceptDownloads: true });
    context.setDefaultTimeout(STEP_TIMEOUT);
    const { page, violations } = await watchPage(context);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    try {
      await page.goto(`${host.origin}/?session=${encodeURIComponent(session.body.token)}`);
      const widget = page.locator('kredo-portal');
      const table = widget.getByRole('table', { name: 'Open invoices' });
      await table.waitFor();

      // The PDF, saved through a blob: link under the page's CSP.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        table.getByRole('button', { name: 'Download invoice P1-F1 as PDF' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('P1-F1.pdf');
      expect(await readFile(await download.path())).toEqual(pdf);
      await expect
        .poll(() => widget.getByRole('status').textContent())
        .toContain('Invoice P1-F1 was downloaded.');
      expect(await axeViolations(page)).toEqual([]);

      // Paying the first invoice only: the Pay button, then the dialog's; the page goes to the provider's
      // checkout, which will bring the debtor back to the page without its query (the session in this
      // host's address stays with the page).
      await widget.getByRole('button', { name: 'Pay', exact: true }).click();
      const dialog = widget.locator('#pay-dialog');
      await widget.getByRole('dialog', { name: 'Pay invoices' }).waitFor();
      expect(await dialog.getByRole('checkbox', { checked: true }).count()).toBe(2);
      await dialog.getByLabel(/P1-F2/).uncheck();
      expect(await axeViolations(page)).toEqual([]);
      await dialog.getByRole('button', { name: 'Go to payment' }).click();
      const payUrl = `${checkout.origin}/checkout/tr_10000?back=${encodeURIComponent(`${host.origin}/`)}`;
      await page.waitForURL(payUrl);
      await page.getByRole('heading', { name: 'Test provider checkout: tr_10000' }).waitFor();
      expect(checkout.visits).toEqual(['/checkout/tr_10000']);

      // The pay link the click made, through core's API: the chosen invoice only, its amount.
      const links = await acme.api('GET', `/api/v1/debtors/${debtor.body.id}/pay-links`);
      expect(links.body.data).toEqual([
        expect.objectContaining({
          url: payUrl,
          invoiceIds: [invoices[0]],
          amount: { amount: 100_00, currency: 'EUR' },
          status: 'open',
        }),
      ]);
      expect(violations).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

/** The payment provider's checkout, on its own origin: the page a pay link sends the debtor to. */
async function startCheckout() {
  const visits: string[] = [];
  const provider = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://provider');
    const reference = /^\/checkout\/(tr_\d+)$/.exec(url.pathname)?.[1];
    if (!reference) return response.writeHead(404).end();
    visits.push(url.pathname);
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(
      `<!doctype html><html lang="en"><head><title>Checkout</title></head><body><h1>Test provider checkout: ${reference}</h1></body></html>`,
    );
  });
  await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(provider.address() as AddressInfo).port}`,
    visits,
    close: () => new Promise((resolve) => provider.close(resolve)),
  };
}
