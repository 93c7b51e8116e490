// The English texts of reports and their mail: the catalogue every other language matches key for key
// (report-messages.ts; report-messages.test.ts fails on a missing or empty text).

export const en = {
  frame: {
    asOf: 'As of',
    note: 'Note',
    /** The XLSX sheet with the title, date, parameters and notes. */
    aboutSheet: 'Report',
    none: '(none)',
    /** A chart's axis unit for days (DSO). */
    days: 'days',
    /** A parameter under the title and in the mail: `Administration: Acme BV (main)`. */
    labelled: (label: string, value: string) => `${label}: ${value}`,
  },
  scope: {
    administration: 'Administration',
    segment: 'Segment',
    collector: 'Collector',
    debtor: 'Debtor',
    currency: 'Currency',
    period: 'Period',
    per: 'Per',
    /** The whole scope, as a group's or an administration's name. */
    all: 'all',
    /** The debtors without a segment or collector, as a group's name. */
    none: 'none',
    range: (from: string, to: string) => `${from} to ${to}`,
    groupBy: {
      all: 'everything',
      administration: 'administration',
      segment: 'segment',
      collector: 'collector',
      debtor: 'debtor',
    },
    perCurrency: 'Amounts per currency: currencies are never added together.',
    converted: (to: string, on: string, rates: string) =>
      `Amounts converted into ${to} at the tenant’s rates on ${on}${rates ? `: ${rates}` : ''}.`,
    rate: (currency: string, rate: string, to: string, from: string) =>
      `1 ${currency} = ${rate} ${to} (from ${from})`,
  },
  ageing: {
    title: 'Ageing of open receivables',
    bucketEdges: 'Bucket edges',
    edges: (edges: string) => `${edges} days`,
    creditNotesApart: 'Open credit notes are apart from the buckets.',
    notDue: 'Not due',
    bucket: (from: number, to: number) => `${from}–${to} days`,
    over: (from: number) => `${from}+ days`,
    chart: (currency: string) => `Ageing (${currency})`,
    openAmount: 'Open amount',
    buckets: {
      title: 'Open invoices by days past due',
      sheet: 'Ageing',
      columns: {
        currency: 'Currency',
        bucket: 'Bucket',
        from_days: 'From day',
        to_days: 'To day',
        open_amount: 'Open amount',
        invoices: 'Invoices',
        share: 'Share of open',
      },
    },
    totals: {
      title: 'Totals per currency',
      sheet: 'Totals',
      columns: {
        currency: 'Currency',
        open_amount: 'Open invoices',
        invoices: 'Invoices',
        overdue_amount: 'Overdue',
        overdue_invoices: 'Overdue invoices',
        overdue_share: 'Overdue share',
        credit_notes: 'Open credit notes',
      },
    },
  },
  kpis: {
    title: 'Credit-management KPIs',
    decimals: 'Days and percentages to one decimal; formulas in docs/insight.md.',
    receivables: {
      title: 'Receivables',
      sheet: 'KPIs',
      columns: {
        group: 'Group',
        currency: 'Currency',
        beginning: 'Receivables at start',
        ending: 'Receivables at end',
        ending_past_due: 'Past due at end',
        credit_sales: 'Credit sales',
        dso: 'DSO',
        count_back_dso: 'Count-back DSO',
        best_possible_dso: 'Best possible DSO',
        average_days_delinquent: 'Avg. days delinquent',
        cei: 'CEI',
        overdue_share: 'Overdue share',
      },
    },
    activity: {
      title: 'Promises and disputes',
      sheet: 'Promises and disputes',
      columns: {
        group: 'Group',
        promises_kept: 'Promises kept',
        promises_broken: 'Promises broken',
        promise_kept_rate: 'Kept rate',
        disputes_opened: 'Disputes opened',
        disputes_resolved: 'Disputes resolved',
        days_to_resolve: 'Avg. days to resolve',
        disputes_open: 'Open at end',
        open_age_days: 'Avg. age open (days)',
      },
    },
  },
  forecast: {
    title: 'Cash-flow forecast',
    onlyCurrency: (currency: string) =>
      `Only amounts in ${currency}; invoices in an open dispute are apart from the expected receipts.`,
    perDay: 'per day',
    perWeek: 'per week',
    chart: (currency: string) => `Expected receipts per week (${currency})`,
    expected: 'Expected',
    disputed: 'Disputed (apart)',
    periods: {
      title: 'Expected receipts',
      sheet: 'Forecast',
      columns: {
        start: 'From',
        end: 'To',
        currency: 'Currency',
        expected: 'Expected',
        invoices: 'Invoices',
        overdue: 'Overdue, caught up',
        promises: 'Promises',
        plans: 'Plan instalments',
        disputed: 'Disputed (apart)',
      },
    },
    summary: {
      title: 'Totals',
      sheet: 'Summary',
      columns: {
        currency: 'Currency',
        expected: 'Expected in the 13 weeks',
        disputed: 'Disputed in the 13 weeks',
        expected_later: 'Expected later',
        disputed_later: 'Disputed later',
        days_beyond_terms: 'Administration’s days beyond terms',
        debtors_with_history: 'Debtors with own history',
      },
    },
  },
  series: {
    title: 'KPIs over time',
    snapshots:
      'Figures as the daily snapshots kept them: each day’s KPIs cover the trailing period ending that day.',
    rebuilt: (days: number) =>
      `${days} ${days === 1 ? 'day was' : 'days were'} rebuilt later from the ledger as it then stood.`,
    dsoChart: (currency: string) => `DSO over time (${currency})`,
    overdueChart: (currency: string) => `Overdue share over time (${currency})`,
    moreLines: (shown: number, total: number) =>
      `The charts draw the first ${shown} of ${total} groups; the table holds them all.`,
    days: {
      title: 'KPIs per day',
      sheet: 'KPIs per day',
      columns: {
        day: 'Day',
        administration: 'Administration',
        ending: 'Receivables',
        ending_past_due: 'Past due',
      },
    },
    missing: {
      title: 'Days without a snapshot',
      sheet: 'Missing days',
      columns: { day: 'Day', administration: 'Administration' },
    },
  },
  mail: {
    asOf: (title: string, date: string) => `${title}, as of ${date}.`,
    attached: (file: string) => `Attached: ${file}.`,
    cadence: { daily: 'daily', weekly: 'weekly', monthly: 'monthly' },
    why: (cadence: string, name: string, id: string) =>
      `You receive this because you are on the list of the ${cadence} report schedule “${name}” (${id}) in Kredo.`,
    optOut: 'Whoever manages reports in Kredo can take you off the list.',
  },
};
