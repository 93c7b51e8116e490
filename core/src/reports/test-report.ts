import type { ReportLanguage } from './report-language.ts';
import { column, type Report } from './report-model.ts';

/**
 * A small report with every column type, awkward text and two charts: what the renderer tests read
 * back. Figures are written out, so a renderer that rounds or shifts one is caught.
 */
export function sampleReport(language: ReportLanguage = 'en'): Report {
  const eur = (minor: number) => ({ minor, currency: 'EUR' });
  return {
    kind: 'sample',
    language,
    title: 'Sample report',
    asOf: '2026-12-18',
    parameters: [{ label: 'Administration', value: 'Acme BV' }],
    notes: ['Amounts per currency; currencies are never added together.'],
    tables: [
      {
        name: 'buckets',
        sheet: 'buckets',
        title: 'Open amounts by age',
        columns: [
          column('bucket', 'Bucket'),
          column('currency', 'Currency'),
          column('open_amount', 'Open amount', 'money'),
          column('invoices', 'Invoices', 'integer'),
          column('share', 'Share', 'percent'),
        ],
        rows: [
          { bucket: 'Not due', currency: 'EUR', open_amount: eur(1_234_50), invoices: 3, share: 50 },
          { bucket: '1–30', currency: 'EUR', open_amount: eur(-7), invoices: 1, share: 12.5 },
          {
            bucket: '31–60',
            currency: 'JPY',
            open_amount: { minor: 500, currency: 'JPY' },
            invoices: 2,
            share: 37.5,
          },
        ],
      },
      {
        name: 'debtors',
        sheet: 'debtors',
        title: 'Debtors',
        columns: [
          column('debtor', 'Debtor'),
          column('oldest_due', 'Oldest due date', 'date'),
          column('currency', 'Currency'),
          column('open_amount', 'Open amount', 'money'),
          column('dso', 'DSO', 'decimal'),
        ],
        rows: [
          {
            debtor: 'Łódź "Hurt", S.A.\nOddział 2',
            oldest_due: '2026-11-02',
            currency: 'EUR',
            open_amount: eur(99_00),
            dso: 41.25,
          },
          {
            debtor: '=HYPERLINK("http://evil.example")',
            oldest_due: null,
            currency: 'EUR',
            open_amount: eur(1),
            dso: null,
          },
        ],
      },
    ],
    charts: [
      {
        title: 'Ageing (EUR)',
        currency: 'EUR',
        categories: ['Not due', '1–30', '31–60', '61–90', '90+'],
        series: [{ name: 'Open amount', kind: 'bar', values: [400_000, 200_000, 100_000, 0, 50_000] }],
      },
      {
        title: 'Forecast by week (EUR)',
        currency: 'EUR',
        categories: ['W51', 'W52', 'W53', 'W01'],
        series: [
          { name: 'Expected', kind: 'bar', values: [300_000, 150_000, 75_000, 0] },
          { name: 'Received', kind: 'line', values: [250_000, 175_000, null, null] },
        ],
      },
    ],
  };
}
