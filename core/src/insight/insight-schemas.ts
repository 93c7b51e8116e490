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
  }),
);
