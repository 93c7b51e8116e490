import type { EntityManager } from '@mikro-orm/postgresql';
import { type AgeingQuery, ageing, type CurrencyAgeing } from '../insight/index.ts';
import type { ReportMessages } from './messages/report-messages.ts';
import type { ReportLocale } from './report-locale.ts';
import { type Report, type ReportChart, type ReportTable, textTable } from './report-model.ts';
import { currencyNote, reportDate, scopeParameters } from './report-scope.ts';

/**
 * The ageing report: insight's ageing (open invoices by days past due, per currency) as a table of
 * buckets, a table of totals per currency (credit notes apart) and a bar chart per currency, in the
 * locale's language.
 */
export async function ageingReport(
  em: EntityManager,
  query: AgeingQuery,
  locale: ReportLocale,
): Promise<Report> {
  const { text } = locale;
  const parameters = await scopeParameters(em, query, locale);
  const asOf = await reportDate(em, query, query.asOf);
  const result = await ageing(em, query);
  return {
    kind: 'ageing',
    language: locale.language,
    title: text.ageing.title,
    asOf,
    parameters: [
      ...parameters,
      { label: text.ageing.bucketEdges, value: text.ageing.edges(result.edges.join(', ')) },
    ],
    notes: [currencyNote(result.conversion, locale), text.ageing.creditNotesApart],
    tables: [bucketTable(result.currencies, text), totalsTable(result.currencies, text)],
    charts: result.currencies.map((currency) => bucketChart(currency, text)),
  };
}

/** `not_due` → `Not due`, `1-30` → `1–30 days`, `91+` → `91+ days`, in the language. */
function bucketLabel(key: string, text: ReportMessages): string {
  if (key === 'not_due') return text.ageing.notDue;
  const [from, to] = key.replace('+', '').split('-').map(Number) as [number, number | undefined];
  return to === undefined ? text.ageing.over(from) : text.ageing.bucket(from, to);
}

function bucketTable(currencies: CurrencyAgeing[], text: ReportMessages): ReportTable {
  return textTable(
    'ageing',
    text.ageing.buckets,
    [
      ['currency', 'text'],
      ['bucket', 'text'],
      ['from_days', 'integer'],
      ['to_days', 'integer'],
      ['open_amount', 'money'],
      ['invoices', 'integer'],
      ['share', 'percent'],
    ],
    currencies.flatMap(({ currency, buckets, total }) =>
      buckets.map((bucket) => ({
        currency,
        bucket: bucketLabel(bucket.key, text),
        from_days: bucket.fromDays,
        to_days: bucket.toDays,
        open_amount: { minor: bucket.amount, currency },
        invoices: bucket.count,
        share: total.amount === 0 ? null : (bucket.amount / total.amount) * 100,
      })),
    ),
  );
}

function totalsTable(currencies: CurrencyAgeing[], text: ReportMessages): ReportTable {
  return textTable(
    'totals',
    text.ageing.totals,
    [
      ['currency', 'text'],
      ['open_amount', 'money'],
      ['invoices', 'integer'],
      ['overdue_amount', 'money'],
      ['overdue_invoices', 'integer'],
      ['overdue_share', 'percent'],
      ['credit_notes', 'money'],
    ],
    currencies.map(({ currency, total, overdue, creditNotes }) => ({
      currency,
      open_amount: { minor: total.amount, currency },
      invoices: total.count,
      overdue_amount: { minor: overdue.amount, currency },
      overdue_invoices: overdue.count,
      overdue_share: total.amount === 0 ? null : (overdue.amount / total.amount) * 100,
      credit_notes: { minor: creditNotes.amount, currency },
    })),
  );
}

function bucketChart({ currency, buckets }: CurrencyAgeing, text: ReportMessages): ReportChart {
  return {
    title: text.ageing.chart(currency),
    currency,
    categories: buckets.map((bucket) => bucketLabel(bucket.key, text)),
    series: [{ name: text.ageing.openAmount, kind: 'bar', values: buckets.map((bucket) => bucket.amount) }],
  };
}
