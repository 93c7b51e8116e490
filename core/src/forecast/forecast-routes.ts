import type { ServerRoute } from '@hapi/hapi';
import { SCOPES } from '../auth/principal.ts';
import { failures } from '../http/answer-schemas.ts';
import { input, readForRequest } from '../http/request-context.ts';
import { Joi } from '../shared/joi.ts';
import { currency, isoDate, minorUnits, named, prefixedId } from '../shared/schemas.ts';
import { forecast, type Granularity } from './forecast.ts';
import { type AccuracyRequest, forecastAccuracy } from './forecast-accuracy.ts';

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

export const accuracyView = named(
  'CashFlowForecastAccuracy',
  Joi.object({
    administrationId: prefixedId('adm').required(),
    currency: currency.required(),
    granularity: Joi.string().valid('day', 'week').required(),
    leadDays: Joi.number().integer().required(),
    from: isoDate.required(),
    to: isoDate.required(),
    periods: Joi.array()
      .items(
        named(
          'CashFlowAccuracyPeriod',
          Joi.object({
            start: isoDate.required(),
            end: isoDate.required(),
            madeOn: isoDate.required().description('The day the compared forecast was made'),
            expected: minorUnits.allow(null).required().description('Null: no forecast was kept that day'),
            actual: amount.description('Payments allocated to invoices, by value date'),
          }),
        ),
      )
      .required(),
    wapePercent: Joi.number()
      .allow(null)
      .required()
      .description(
        'Σ|actual − expected| / Σ actual × 100 over the periods compared; null when nothing arrived',
      ),
    biasPercent: Joi.number()
      .allow(null)
      .required()
      .description('Σ(expected − actual) / Σ actual × 100: positive when it expected too much'),
    periodsCompared: Joi.number().integer().min(0).required(),
    periodsMissing: Joi.number().integer().min(0).required(),
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
  {
    method: 'GET',
    path: '/api/v1/forecast/accuracy',
    options: {
      tags: ['api', 'forecast'],
      id: 'getCashFlowForecastAccuracy',
      description: 'How right the kept forecasts were: expected against arrived, per past day or ISO week',
      notes:
        'Each period is compared with the forecast made `leadDays` before it began (kept daily by the ' +
        '`snapshot_forecasts` job); the error is the WAPE (docs/forecast.md says why not MAPE).',
      auth: { access: { scope: [SCOPES.ledgerRead] } },
      response: {
        status: {
          200: accuracyView,
          ...failures({
            400: '`to` not before today, `from` after `to` or more than 366 days before',
            404: 'No such administration',
          }),
        },
      },
      validate: {
        query: Joi.object({
          administrationId: prefixedId('adm').required(),
          currency: currency.description('Default the administration’s currency'),
          granularity: Joi.string().valid('day', 'week').default('week'),
          from: isoDate.description('Default 27 days before `to`'),
          to: isoDate.description('Default yesterday'),
          leadDays: Joi.number().integer().min(0).max(90).default(7),
        }),
      },
    },
    handler: (request) => {
      const query = input<AccuracyRequest>(request.query);
      return readForRequest(request, (em) => forecastAccuracy(em, query));
    },
  },
];
