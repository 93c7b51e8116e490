import { Joi } from '../shared/joi.ts';
import { currency, minorUnits, named } from '../shared/schemas.ts';
import { debtorView } from './debtor-service.ts';

/** What the whole filtered list owes, per currency. */
export const debtorTotalsView = named(
  'DebtorTotals',
  Joi.object({
    count: Joi.number().integer().min(0).required().description('Debtors in the whole filtered list'),
    currencies: Joi.array()
      .items(
        Joi.object({
          currency: currency.required(),
          debtors: Joi.number().integer().min(0).required().description('Debtors with something open in it'),
          openAmount: minorUnits.required().description('Open invoices less open credit notes'),
          overdueAmount: minorUnits.required().description('Of which due before the business date'),
        }),
      )
      .required(),
  }),
);

/** A page of the debtor list, with the totals of everything the filter selects. */
export const debtorPageView = Joi.object({
  data: Joi.array().items(debtorView).required(),
  nextCursor: Joi.string()
    .allow(null)
    .required()
    .description('Pass as `cursor` to get the next page (same filter and sort); null on the last page'),
  totals: debtorTotalsView.required(),
});
