import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { axeViolations, type WatchedPage, watchPage } from '@kredo/identity/testing/browser';
import { buildPortal } from '@kredo/portal/build';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { bundlePlugin } from '../../../sdk/src/cli/build.ts';
import type { Json } from '../app/test-api.ts';
import { createTestDatabase } from '../db/test-database.ts';
import { STEP_TIMEOUT, useChromium } from '../portal/test-host-page.ts';
import { businessDay } from '../shared/test-business-date.ts';
import { startDemo } from './start-demo.ts';
import { demoTestConfig } from './test-demo-config.ts';

// The "done when", as a newcomer does it in a browser: `kredo start --demo`, the printed demo
// shop, the widget signed in as the demo debtor; dispute one invoice, promise another, pay a third
// through the Mollie reference plugin at its local fake's checkout; then find all three in core's API.

// The widget as `npm start` builds it before starting (core serves portal/dist).
await buildPortal();
const db = await createTestDatabase();
const chromium = useChromium();

/** The Mollie reference plugin as its build leaves it: manifest and bundle. */
async function builtMolliePlugin(): Promise<string> {
  const root = mkdtempSync(path.join(tmpdir(), 'kredo-shop-plugins-'));
  const source = fileURLToPath(new URL('../../../plugins/mollie-pay-link/', import.meta.url));
  mkdirSync(path.join(root, 'mollie-pay-link', 'dist'), { recursive: true });
  cpSync(path.join(source, 'manifest.json'), path.join(root, 'mollie-pay-link', 'manifest.json'));
  const { code } = await bundlePlugin({ entry: 'src/plugin.ts', cwd: source });
  writeFileSync(path.join(root, 'mollie-pay-link', 'dist', 'plugin.js'), code);
  return root;
}

const { config, url } = await demoTestConfig(db.url);

type Locator = ReturnType<WatchedPage['page']['locator']>;

describe('the demo shop in Chromium', () => {
  it('shows the demo debtor’s invoices; a dispute, a promise and a payment at the Mollie fake reach core', {
    timeout: 10 * STEP_TIMEOUT,
  }, async () => {
    const demo = await startDemo(config, {
      logger: pino({ level: 'silent' }),
      pluginsDirectory: await builtMolliePlugin(),
    });
    const api = async (route: string) => {
      const response = await fetch(`${url}${route}`, { headers: { authorization: `Bearer ${demo.token}` } });
      expect(response.status, route).toBe(200);
      return (await response.json()) as Json;
    };
    const context = await chromium().newContext({ locale: 'en-GB' });
    context.setDefaultTimeout(STEP_TIMEOUT);
    try {
      const { example, shop } = demo;
      if (!example || !shop) throw new Error('the demo has no example debtor or no shop');
      expect(example.openInvoices).toBeGreaterThanOrEqual(3);
      const open = (await api(`/api/v1/invoices?debtorId=${example.debtorId}&status=open&limit=50`))
        .data as Json[];
      const [disputed, promised, paid] = open.map((invoice) => invoice.number as string).sort();

      const { page, violations } = await watchPage(context);
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(shop.url);
      const widget = page.locator('kredo-portal');
      // The demo debtor reads Dutch; the switch makes the widget English for the rest of the test.
      await widget.getByRole('table').first().waitFor();
      await widget.getByLabel(/^(Taal|Language|Sprache|Langue)$/).selectOption('en');
      const table = widget.getByRole('table', { name: 'Open invoices' });
      await table.waitFor();
      expect((await table.getByRole('rowheader').allTextContents()).sort()).toEqual(
        open.map((invoice) => invoice.number).sort(),
      );
      expect(await axeViolations(page)).toEqual([]);
      const status = widget.getByRole('status');

      // A dispute of the first invoice.
      await widget.getByRole('button', { name: 'Dispute an invoice' }).click();
      await widget.getByRole('dialog', { name: 'Dispute an invoice' }).waitFor();
      const disputeDialog = widget.locator('#dispute-dialog');
      await uncheckAllBut(disputeDialog, disputed);
      await disputeDialog.getByLabel('Reason').selectOption({ index: 0 });
      await disputeDialog.getByLabel('Your message').fill('The delivery was incomplete.');
      await disputeDialog.getByRole('button', { name: 'Send dispute' }).click();
      await expect.poll(() => status.textContent()).toContain(disputed);

      // A promise for the second, a week from today.
      await widget.getByRole('button', { name: 'Promise to pay' }).click();
      await widget.getByRole('dialog', { name: 'Promise to pay' }).waitFor();
      const promiseDialog = widget.locator('#promise-dialog');
      await uncheckAllBut(promiseDialog, promised);
      const promisedOn = businessDay(7);
      await promiseDialog.getByLabel('I will pay on').fill(promisedOn);
      await promiseDialog.getByRole('button', { name: 'Send promise' }).click();
      await expect.poll(() => widget.getByRole('dialog').count()).toBe(0);

      // The table says so, and both are found through core's API, and the dispute on the collector's action list.
      const stateOf = (number: string) => table.getByRole('row').filter({ hasText: number }).textContent();
      await expect.poll(() => stateOf(disputed as string)).toContain('in dispute');
      await expect.poll(() => stateOf(promised as string)).toContain('payment promised');
      const disputes = (await api(`/api/v1/disputes?debtorId=${example.debtorId}`)).data as Json[];
      expect(disputes).toHaveLength(1);
      expect(disputes[0]?.invoiceIds).toEqual([open.find((i) => i.number === disputed)?.id]);
      const promises = (await api(`/api/v1/promises?debtorId=${example.debtorId}`)).data as Json[];
      expect(promises).toEqual([expect.objectContaining({ promisedOn })]);
      expect(promises[0]?.invoiceIds).toEqual([open.find((i) => i.number === promised)?.id]);
      const tasks = (await api(`/api/v1/tasks?debtorId=${example.debtorId}`)).data as Json[];
      expect(tasks.map((task) => task.kind)).toContain('dispute');

      // Paying the third: the widget's Pay button, the dialog's, then Mollie's fake checkout.
      await widget.getByRole('button', { name: 'Pay', exact: true }).click();
      await widget.getByRole('dialog', { name: 'Pay invoices' }).waitFor();
      const payDialog = widget.locator('#pay-dialog');
      await uncheckAllBut(payDialog, paid);
      await payDialog.getByRole('button', { name: 'Go to payment' }).click();
      await page.waitForURL(`${demo.fakes.routes['https://api.mollie.com']}/checkout/tr_*`);
      await page.getByRole('button', { name: 'Pay' }).click();
      await expect.poll(() => page.textContent('body')).toMatch(/is paid/);
      const paidInvoice = open.find((invoice) => invoice.number === paid);
      expect(await api(`/api/v1/invoices/${paidInvoice?.id}`)).toMatchObject({
        status: 'paid',
        openAmount: 0,
      });
      expect(errors).toEqual([]);
      expect(violations).toEqual([]);
    } finally {
      await context.close();
      await demo.stop();
    }
  });
});

/** In a dialog listing the invoices as checkboxes: only the one numbered `number` ticked. */
async function uncheckAllBut(dialog: Locator, number: string | undefined) {
  if (!number) throw new Error('the demo debtor has too few open invoices');
  for (const box of await dialog.getByRole('checkbox').all()) await box.uncheck();
  await dialog.getByLabel(new RegExp(number)).check();
}
