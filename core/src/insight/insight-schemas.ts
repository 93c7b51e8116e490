import { Joi } from '../shared/joi.ts';
import { currency, isoDate, minorUnits, named, prefixedId } from '../shared/schemas.ts';

/** The scope filters every insight route takes (insight-scope.ts). */
export const scopeQuery = {
  administrationId: prefixedId('adm'),
  segmentId: prefixedId('dsg').description('The segment dunning last placed the debtor in'),
  collector: Joi.string().min(1).max(200).description('The debtor’s collector (staff user subject)'),
  debtorId: prefixedId('dbt'),
};

/** Bucket edges as a query parameter: `30,60,90`. */
export const edgesQuery = Joi.string()
  .pattern(/^\d{1,4}(,\d{1,4}){0,9}$/)
  .description(
    'Last day of each bounded overdue bucket, ascending: `30,60,90` makes 1–30, 31–60, 61–90, 91+',
  );

export function parseEdges(edges: string | undefined): number[] | undefined {
  return edges === undefined ? undefined : edges.split(',').map(Number);
}

/** How an answer's amounts were converted; null: they are per currency. */
const conversion = Joi.object({
  to: currency.required(),
  on: isoDate.required().description('The date the rates were valid on'),
  rates: Joi.array()
    .items(
      Joi.object({
        currency: currency.required(),
        rate: Joi.number().positive().required().description('One unit of `currency` in units of `to`'),
        validFrom: isoDate.required(),
      }),
    )
    .required(),
})
  .allow(null)
  .required()
  .description(
    'null: amounts per currency; else converted into `to` at the tenant’s rates (sums converted, then added)',
  );

/** The tenant's exchange rates, as `PUT /insight/rates` takes and `GET` answers them. */
export const rateItem = Joi.object({
  currency: currency.required(),
  toCurrency: currency.required(),
  validFrom: isoDate.required(),
  rate: Joi.number()
    .positive()
    .max(1e9)
    .required()
    .description('One unit of `currency` in units of `toCurrency`'),
});

export const tally = named(
  'InsightTally',
  Joi.object({ amount: minorUnits.required(), count: Joi.number().integer().min(0).required() }),
);

const bucket = named(
  'AgeingBucket',
  Joi.object({
    key: Joi.string().required().description('`not_due`, `1-30`, …, `91+`'),
    fromDays: Joi.number().integer().allow(null).required(),
    toDays: Joi.number().integer().allow(null).required(),
    amount: minorUnits.required(),
    count: Joi.number().integer().min(0).required(),
  }),
);

export const ageingView = named(
  'Ageing',
  Joi.object({
    asOf: isoDate.allow(null).required().description('null: each administration’s business date'),
    edges: Joi.array().items(Joi.number().integer()).required(),
    currencies: Joi.array()
      .items(
        named(
          'CurrencyAgeing',
          Joi.object({
            currency: currency.required(),
            buckets: Joi.array().items(bucket).required(),
            total: tally.required(),
            overdue: tally.required(),
            creditNotes: tally.required().description('Open credit notes (negative), in no bucket'),
          }),
        ),
      )
      .required(),
    conversion,
  }),
);

const days = Joi.number().allow(null).required();
const percent = Joi.number().allow(null).required();

export const currencyKpisView = named(
  'CurrencyKpis',
  Joi.object({
    currency: currency.required(),
    receivables: Joi.object({
      beginning: minorUnits.required().description('Open at the end of the day before `from`'),
      ending: minorUnits.required().description('Open at the end of `to`'),
      endingCurrent: minorUnits.required().description('Of `ending`, not yet past due'),
      endingPastDue: minorUnits.required(),
    }).required(),
    creditSales: minorUnits.required().description('Invoices issued in the period'),
    days: Joi.number().integer().required(),
    dso: days.description('Regular DSO: ending / credit sales × days'),
    countBackDso: days.description('Count-back DSO (CRF)'),
    countBackExhausted: Joi.boolean()
      .required()
      .description('24 months of sales did not cover the receivables: countBackDso is a lower bound'),
    bestPossibleDso: days.description('Not-yet-due receivables / credit sales × days'),
    averageDaysDelinquent: days.description('DSO − best possible DSO'),
    cei: percent.description('Collection effectiveness index, percent'),
    overdueShare: percent.description('Past-due share of the ending receivables, percent'),
  }),
);

export const kpisView = named(
  'Kpis',
  Joi.object({
    from: isoDate.required(),
    to: isoDate.required(),
    currencies: Joi.array().items(currencyKpisView).required(),
    conversion,
    promises: Joi.object({
      kept: Joi.number().integer().required(),
      broken: Joi.number().integer().required(),
      keptRate: percent,
    }).required(),
    disputes: Joi.object({
      opened: Joi.number().integer().required(),
      resolved: Joi.number().integer().required(),
      averageDaysToResolve: days,
      open: Joi.number().integer().required(),
      averageOpenAgeDays: days,
    }).required(),
  }),
);

export const seriesView = named(
  'KpiSeries',
  Joi.object({
    from: isoDate.required(),
    to: isoDate.required(),
    groupBy: Joi.string().valid('administration', 'segment', 'collector').required(),
    points: Joi.array()
      .items(
        named(
          'KpiSeriesPoint',
          Joi.object({
            day: isoDate.required(),
            administrationId: prefixedId('adm').required(),
            groupKey: Joi.string()
              .allow('')
              .required()
              .description('The administration’s id, the segment’s id or the collector; empty: none'),
            rebuilt: Joi.boolean().required().description('Taken later than the day after `day`'),
            kpis: kpisView.required(),
            ageing: ageingView.required(),
          }),
        ),
      )
      .required(),
    missing: Joi.array()
      .items(Joi.object({ administrationId: prefixedId('adm').required(), day: isoDate.required() }))
      .required()
      .description('Days without a snapshot between each administration’s first and latest'),
  }),
);

export const settingsView = named(
  'InsightSettings',
  Joi.object({
    ageingEdges: Joi.array().items(Joi.number().integer()).required(),
    kpiPeriodDays: Joi.number().integer().required(),
  }),
);
