import { axeViolations } from '@kredo/identity/testing/browser';
import { describe, expect, it } from 'vitest';
import type { PortalInvoice } from '../api/portal-api.ts';
import { componentPage } from '../testing/component-page.ts';

const { page, errors } = await componentPage();

const invoice = (number: string, fields: Partial<PortalInvoice>): PortalInvoice => ({
  id: `inv_${number}`,
  number,
  documentType: 'invoice',
  issueDate: '2026-10-01',
  dueDate: '2026-10-31',
  amount: 123_456,
  openAmount: 123_456,
  currency: 'EUR',
  status: 'open',
  daysOverdue: 0,
  ...fields,
});

describe('<kredo-invoice-table>', () => {
  it('shows each invoice with its amounts, dates and state in the language, as an accessible table', async () => {
    const invoices = [
      invoice('F1', { daysOverdue: 3, pausedBy: [{ kind: 'dispute', until: null }] }),
      invoice('F2', { daysOverdue: 0, pausedBy: [{ kind: 'promise', until: '2026-11-07' }] }),
      invoice('F3', { openAmount: 0, status: 'paid' }),
      invoice('F4', { amount: 5000, openAmount: 5000, currency: 'JPY', daysOverdue: 1 }),
    ];
    await page.evaluate((data) => {
      const table = document.createElement('kredo-invoice-table');
      table.invoices = data;
      table.language = 'de';
      table.caption = 'Offene Rechnungen';
      document.querySelector('main')?.append(table);
    }, invoices);
    const table = page.getByRole('table', { name: 'Offene Rechnungen' });
    await table.waitFor();
    const rows = (await table.getByRole('row').allInnerTexts()).map((row) => row.replace(/\s+/g, ' ').trim());
    expect(rows).toEqual([
      'Rechnung Datum Fällig Betrag Offen Status',
      'F1 01.10.2026 31.10.2026 1.234,56 € 1.234,56 € 3 Tage überfällig · beanstandet',
      'F2 01.10.2026 31.10.2026 1.234,56 € 1.234,56 € Noch nicht fällig · Zahlung zugesagt',
      'F3 01.10.2026 31.10.2026 1.234,56 € 0,00 € Bezahlt',
      'F4 01.10.2026 31.10.2026 5.000 ¥ 5.000 ¥ 1 Tag überfällig',
    ]);
    expect(await table.getByRole('rowheader').allInnerTexts()).toEqual(['F1', 'F2', 'F3', 'F4']);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('offers each invoice’s PDF when asked to, telling the page which invoice by an event', async () => {
    await page.evaluate(
      (data) => {
        const table = document.createElement('kredo-invoice-table');
        table.invoices = data;
        table.language = 'fr';
        table.caption = 'Factures ouvertes';
        table.downloadable = true;
        table.addEventListener('kredo-invoice-download', (event) => {
          document.body.dataset.download = (event as CustomEvent).detail.invoice.number;
        });
        document.querySelector('main')?.append(table);
      },
      [invoice('F7', {}), invoice('F8', {})],
    );
    const table = page.getByRole('table', { name: 'Factures ouvertes' });
    await table.waitFor();
    expect(await table.getByRole('columnheader').last().textContent()).toBe('PDF');
    await table.getByRole('button', { name: 'Télécharger la facture F8 en PDF' }).click();
    expect(await page.evaluate(() => document.body.dataset.download)).toBe('F8');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('names each invoice’s debtor in a column of its own when the invoices are a group’s', async () => {
    const debtor = (name: string) => ({ id: `dbt_${name}`, number: name, name: `${name} B.V.` });
    await page.evaluate(
      (data) => {
        const table = document.createElement('kredo-invoice-table');
        table.invoices = data;
        table.language = 'nl';
        table.caption = 'Openstaande facturen van de groep';
        document.querySelector('main')?.append(table);
      },
      [invoice('G1', { debtor: debtor('Noord') }), invoice('G2', { debtor: debtor('Zuid') })],
    );
    const table = page.getByRole('table', { name: 'Openstaande facturen van de groep' });
    await table.waitFor();
    expect(await table.getByRole('columnheader').nth(1).textContent()).toBe('Klant');
    const rows = (await table.getByRole('row').allInnerTexts()).map((row) => row.replace(/\s+/g, ' ').trim());
    expect(rows.slice(1).map((row) => row.split(' ').slice(0, 3).join(' '))).toEqual([
      'G1 Noord B.V.',
      'G2 Zuid B.V.',
    ]);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
