import type { ServerRoute } from '@hapi/hapi';
import { SCOPES } from '../auth/principal.ts';
import { failures, noContent } from '../http/answer-schemas.ts';
import { input, principal, readForRequest, requestEm } from '../http/request-context.ts';
import { Joi } from '../shared/joi.ts';
import { isoDate, named } from '../shared/schemas.ts';
import { isHalfYearStart } from './charge-dates.ts';
import { deleteRate, listRates, putRate } from './rate-store.ts';
import { RATE_KINDS, type RateKind, rateThousandths } from './rate-table.ts';

const kind = Joi.string()
  .valid(...RATE_KINDS)
  .description('statutory_commercial: art. 6:119a BW (businesses); statutory: art. 6:119 BW (consumers)');
const halfYearStart = isoDate
  .custom((value: string, helpers) => (isHalfYearStart(value) ? value : helpers.error('date.halfYear')))
  .messages({ 'date.halfYear': '{{#label}} must be a 1 January or a 1 July' })
  .description('The first day of the half-year: YYYY-01-01 or YYYY-07-01');
const ratePercent = Joi.number()
  .min(0)
  .max(999.999)
  .custom((value: number, helpers) => {
    try {
      rateThousandths(value);
      return value;
    } catch {
      return helpers.error('number.thousandths');
    }
  })
  .messages({ 'number.thousandths': '{{#label}} has more than three decimals' })
  .description('Percent a year, at most three decimals: 10.15 is 10.15 %');

const rateView = named(
  'LateChargeRate',
  Joi.object({
    kind: kind.required(),
    validFrom: isoDate.required().description('The half-year it holds for starts on this day'),
    ratePercent: Joi.number().required().description('Percent a year'),
    source: Joi.string()
      .valid('shipped', 'tenant')
      .required()
      .description("Kredo's table, or the tenant's own"),
    shippedRatePercent: Joi.number()
      .allow(null)
      .required()
      .description(
        "Kredo's rate for the half-year, also when the tenant's replaces it; null if Kredo ships none",
      ),
    basis: Joi.string().allow(null).required().description("What Kredo's rate rests on"),
  }),
);
const rateParams = Joi.object({ kind: kind.required(), validFrom: halfYearStart.required() });
const noOwnRate = { 404: 'The tenant has no own rate for that half-year (`late_charge_rate_not_found`)' };

/** The statutory interest rates a tenant's late-payment charges use: Kredo's, and the tenant's own. */
export const rateRoutes: ServerRoute[] = [
  {
    method: 'GET',
    path: '/api/v1/late-charges/rates',
    options: {
      tags: ['api', 'dunning'],
      id: 'listLateChargeRates',
      description: 'The statutory interest rates per half-year: the shipped ones merged with the tenant’s',
      notes:
        "Oldest first. A tenant's rate replaces the shipped one for its half-year (`source: tenant`). Not paged: " +
        'a table holds at most two rates a year per kind.',
      auth: { access: { scope: [SCOPES.ledgerRead] } },
      response: { status: { 200: Joi.object({ data: Joi.array().items(rateView).required() }) } },
      validate: { query: Joi.object({ kind: kind.description('Only this kind; both when left out') }) },
    },
    handler: async (request) => {
      const { kind: only } = input<{ kind?: RateKind }>(request.query);
      const kinds = only ? [only] : RATE_KINDS;
      const data = await readForRequest(request, async (em) => {
        const lists = [];
        for (const k of kinds) lists.push(...(await listRates(em, k)));
        return lists;
      });
      return { data };
    },
  },
  {
    method: 'PUT',
    path: '/api/v1/late-charges/rates/{kind}/{validFrom}',
    options: {
      tags: ['api', 'dunning'],
      id: 'putLateChargeRate',
      description: "Set the tenant's rate for a half-year",
      notes:
        'Replaces the shipped rate for that half-year, or adds one Kredo does not ship (a half-year after its table ' +
        'ends). Charges computed afterwards use it.',
      auth: { access: { scope: [SCOPES.dunningManage] } },
      response: { status: { 200: rateView, ...failures() } },
      validate: { params: rateParams, payload: Joi.object({ ratePercent: ratePercent.required() }) },
    },
    handler: async (request) => {
      const { kind: k, validFrom } = input<{ kind: RateKind; validFrom: string }>(request.params);
      const { ratePercent: rate } = input<{ ratePercent: number }>(request.payload);
      return putRate(requestEm(request), principal(request).tenantId, k, validFrom, rate);
    },
  },
  {
    method: 'DELETE',
    path: '/api/v1/late-charges/rates/{kind}/{validFrom}',
    options: {
      tags: ['api', 'dunning'],
      id: 'deleteLateChargeRate',
      description: "Remove the tenant's rate for a half-year",
      notes: 'The shipped rate for the half-year, if Kredo ships one, applies again.',
      auth: { access: { scope: [SCOPES.dunningManage] } },
      response: { status: { 204: noContent, ...failures(noOwnRate) } },
      validate: { params: rateParams },
    },
    handler: async (request, h) => {
      const { kind: k, validFrom } = input<{ kind: RateKind; validFrom: string }>(request.params);
      await deleteRate(requestEm(request), k, validFrom);
      return h.response().code(204);
    },
  },
];
