import { Joi } from '../shared/joi.ts';
import { currency, minorUnits, named } from '../shared/schemas.ts';
import { invoiceView } from './invoice-service.ts';

/** The whole filtered list's totals, per currency. */
export const invoiceTotalsView = named(
  'InvoiceTotals',
  Joi.object({
    count: Joi.number().integer().min(0).required().description('Documents in the whole filtered list'),
    currencies: Joi.array()
      .items(
        Joi.object({
          currency: currency.required(),
          count: Joi.number().integer().min(0).required(),
          amount: minorUnits.required().description('Sum of the documents’ amounts (credit notes negative)'),
          openAmount: minorUnits.required(),
        }),
      )
      .required(),
  }),
);

/** A page of the invoice list, with the totals of everything the filter selects. */
export const invoicePageView = Joi.object({
  data: Joi.array().items(invoiceView).required(),
  nextCursor: Joi.string()
    .allow(null)
    .required()
    .description('Pass as `cursor` to get the next page (same filter and sort); null on the last page'),
  totals: invoiceTotalsView.required(),
});
