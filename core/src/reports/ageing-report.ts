import type { EntityManager } from '@mikro-orm/postgresql';
import { type AgeingQuery, ageing, type CurrencyAgeing } from '../insight/index.ts';
import { column, type Report, type ReportChart, type ReportTable } from './report-model.ts';
import { currencyNote, reportDate, scopeParameters } from './report-scope.ts';

/**
 * The ageing report: insight's ageing (open invoices by days past due, per currency) as a table of
 * buckets, a table of totals per currency (credit notes apart) and a bar chart per currency.
 */
export async function ageingReport(em: EntityManager, query: AgeingQuery): Promise<Report> {
  const parameters = await scopeParameters(em, query);
  const asOf = await reportDate(em, query, query.asOf);
  const result = await ageing(em, query);
  return {
    kind: 'ageing',
    title: 'Ageing of open receivables',
    asOf,
    parameters: [...parameters, { label: 'Bucket edges', value: `${result.edges.join(', ')} days` }],
    notes: [currencyNote(result.conversion), 'Open credit notes are apart from the buckets.'],
    tables: [bucketTable(result.currencies), totalsTable(result.currencies)],
    charts: result.currencies.map(bucketChart),
  };
}

/** `not_due` → `Not due`, `1-30` → `1–30 days`, `91+` → `91+ days`. */
export function bucketLabel(key: string): string {
  return key === 'not_due' ? 'Not due' : `${key.replace('-', '–')} days`;
}

function bucketTable(currencies: CurrencyAgeing[]): ReportTable {
  return {
    name: 'ageing',
    title: 'Open invoices by days past due',
    columns: [
      column('currency', 'Currency'),
      column('bucket', 'Bucket'),
      column('from_days', 'From day', 'integer'),
      column('to_days', 'To day', 'integer'),
      column('open_amount', 'Open amount', 'money'),
      column('invoices', 'Invoices', 'integer'),
      column('share', 'Share of open', 'percent'),
    ],
    rows: currencies.flatMap(({ currency, buckets, total }) =>
      buckets.map((bucket) => ({
        currency,
        bucket: bucketLabel(bucket.key),
        from_days: bucket.fromDays,
        to_days: bucket.toDays,
        open_amount: { minor: bucket.amount, currency },
        invoices: bucket.count,
        share: total.amount === 0 ? null : (bucket.amount / total.amount) * 100,
      })),
    ),
  };
}

function totalsTable(currencies: CurrencyAgeing[]): ReportTable {
  return {
    name: 'totals',
    title: 'Totals per currency',
    columns: [
      column('currency', 'Currency'),
      column('open_amount', 'Open invoices', 'money'),
      column('invoices', 'Invoices', 'integer'),
      column('overdue_amount', 'Overdue', 'money'),
      column('overdue_invoices', 'Overdue invoices', 'integer'),
      column('overdue_share', 'Overdue share', 'percent'),
      column('credit_notes', 'Open credit notes', 'money'),
    ],
    rows: currencies.map(({ currency, total, overdue, creditNotes }) => ({
      currency,
      open_amount: { minor: total.amount, currency },
      invoices: total.count,
      overdue_amount: { minor: overdue.amount, currency },
      overdue_invoices: overdue.count,
      overdue_share: total.amount === 0 ? null : (overdue.amount / total.amount) * 100,
      credit_notes: { minor: creditNotes.amount, currency },
    })),
  };
}

function bucketChart({ currency, buckets }: CurrencyAgeing): ReportChart {
  return {
    title: `Ageing (${currency})`,
    currency,
    categories: buckets.map((bucket) => bucketLabel(bucket.key)),
    series: [{ name: 'Open amount', kind: 'bar', values: buckets.map((bucket) => bucket.amount) }],
  };
}
