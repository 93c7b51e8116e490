import type { ServerRoute } from '@hapi/hapi';
import { SCOPES } from '../auth/principal.ts';
import { failures } from '../http/answer-schemas.ts';
import { input, readForRequest } from '../http/request-context.ts';
import { Joi } from '../shared/joi.ts';
import { currency, isoDate, minorUnits, named, prefixedId } from '../shared/schemas.ts';
import { forecast, type Granularity } from './forecast.ts';

const amount = minorUnits.required();

export const forecastView = named(
  'CashFlowForecast',
  Joi.object({
    administrationId: prefixedId('adm').required(),
    currency: currency.required(),
    asOf: isoDate.required().description('The business date the forecast starts on'),
    granularity: Joi.string().valid('day', 'week').required(),
    from: isoDate.required(),
    to: isoDate.required().description('The Sunday of the 13th ISO week'),
    periods: Joi.array()
      .items(
        named(
          'CashFlowForecastPeriod',
          Joi.object({
            start: isoDate.required(),
            end: isoDate.required(),
            expected: amount.description('Minor units expected: invoices + overdue + promises + plans'),
            invoices: amount.description(
              'Open invoices at their due date shifted by their debtor’s behaviour',
            ),
            overdue: amount.description(
              'Invoices whose expected date had passed, caught up on the business date',
            ),
            promises: amount.description('Open promises to pay, at their promised date'),
            plans: amount.description('Instalments of active payment plans, at their dates'),
            disputed: amount.description('Invoices in an open dispute: apart, not in `expected`'),
          }),
        ),
      )
      .required(),
    total: Joi.object({ expected: amount, disputed: amount }).required(),
    beyondHorizon: Joi.object({ expected: amount, disputed: amount })
      .required()
      .description('What is expected after `to`'),
    behaviour: Joi.object({
      administrationDaysBeyondTerms: Joi.number()
        .allow(null)
        .required()
        .description('Used for debtors without paid invoices in the last 365 days'),
      debtorsWithHistory: Joi.number().integer().min(0).required(),
    }).required(),
  }),
);

export const forecastRoutes: ServerRoute[] = [
  {
    method: 'GET',
    path: '/api/v1/forecast',
    options: {
      tags: ['api', 'forecast'],
      id: 'getCashFlowForecast',
      description: 'The 13-week cash-flow forecast of one administration in one currency',
      notes:
        'Expected receipts per day or ISO week: open invoices at their due date shifted by their debtor’s days ' +
        'beyond terms (the administration’s for a debtor without history), promises at their date, plan ' +
        'instalments at theirs, disputed invoices apart; nothing in the past (overdue amounts land on the ' +
        'business date). See docs/forecast.md.',
      auth: { access: { scope: [SCOPES.ledgerRead] } },
      response: { status: { 200: forecastView, ...failures({ 404: 'No such administration' }) } },
      validate: {
        query: Joi.object({
          administrationId: prefixedId('adm').required(),
          currency: currency.description('Default the administration’s currency'),
          granularity: Joi.string().valid('day', 'week').default('week'),
        }),
      },
    },
    handler: (request) => {
      const query = input<{ administrationId: string; currency?: string; granularity: Granularity }>(
        request.query,
      );
      return readForRequest(request, (em) => forecast(em, query));
    },
  },
];
