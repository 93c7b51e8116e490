import type { ServerRoute } from '@hapi/hapi';
import { businessDateOf } from '../administrations/business-date.ts';
import { SCOPES } from '../auth/principal.ts';
import { failures } from '../http/answer-schemas.ts';
import { idempotencyFailures, idempotencyHeaders, idempotent } from '../http/idempotency.ts';
import { decodeCursor, pageOf, pageQuery, toPage } from '../http/pagination.ts';
import { input, principal, readForRequest, requestEm } from '../http/request-context.ts';
import { Joi } from '../shared/joi.ts';
import { isoDate, minorUnits, prefixedId } from '../shared/schemas.ts';
import { cancelPlan, createPlan, type PlanInput } from './create-plan.ts';
import { FREQUENCIES } from './plan-schedule.ts';
import {
  getPlan,
  listPlans,
  PLAN_STATUSES,
  type PlanRow,
  type PlanStatus,
  planView,
  presentPlan,
} from './plan-store.ts';
import { coverageFailures } from './promise-routes.ts';

const planId = Joi.object({ planId: prefixedId('ppl').required() });
const noPlan = { 404: 'No such payment plan (`payment_plan_not_found`)' };
const tags = ['api', 'promises'];

/** Presents plans with their instalments' state as of each administration's business date. */
async function presented(em: Parameters<typeof businessDateOf>[0], rows: PlanRow[]) {
  const today = new Map<string, string>();
  for (const row of rows) {
    if (!today.has(row.administration_id))
      today.set(row.administration_id, await businessDateOf(em, row.administration_id));
  }
  return rows.map((row) => presentPlan(row, today.get(row.administration_id) as string));
}

export const planRoutes: ServerRoute[] = [
  {
    method: 'POST',
    path: '/api/v1/debtors/{debtorId}/payment-plans',
    options: {
      tags,
      id: 'createPaymentPlan',
      description: 'Agree a payment plan: instalments for some of a debtor’s open invoices',
      notes:
        'Either `instalments` (a number: equal parts of the open total, the rounding remainder on the last, ' +
        'each with simple interest on the outstanding principal for its period when `interestRatePercent` ' +
        'is given) or `schedule` (amounts adding up to the open total). Checked against the administration’s ' +
        'arrangement settings (422 `plan_rule_violated`, `details.rule`). Holds the invoices out of dunning ' +
        'until the last instalment plus the grace days; records `plan.created`.',
      auth: { access: { scope: [SCOPES.dunningWrite] } },
      response: {
        status: {
          201: planView,
          ...failures(
            coverageFailures,
            { 422: 'The plan breaks a rule of the administration (`plan_rule_violated`)' },
            idempotencyFailures,
          ),
        },
      },
      validate: {
        headers: idempotencyHeaders,
        params: Joi.object({ debtorId: prefixedId('dbt').required() }),
        payload: Joi.object({
          invoiceIds: Joi.array().items(prefixedId('inv')).min(1).max(500).unique().required(),
          instalments: Joi.number().integer().min(1).max(120),
          schedule: Joi.array()
            .items(Joi.object({ dueOn: isoDate.required(), amount: minorUnits.min(1).required() }))
            .min(1)
            .max(120),
          frequency: Joi.string()
            .valid(...FREQUENCIES)
            .description('Default monthly'),
          firstDueOn: isoDate.description('The first instalment’s due date (with `instalments`)'),
          interestRatePercent: Joi.number()
            .min(0)
            .max(100)
            .precision(4)
            .description('Annual rate, simple interest on the outstanding principal per period'),
          graceDays: Joi.number()
            .integer()
            .min(0)
            .max(60)
            .description('Default the administration’s setting (3)'),
        })
          .xor('instalments', 'schedule')
          .without('schedule', ['firstDueOn', 'frequency', 'interestRatePercent']),
      },
    },
    handler: async (request, h) => {
      const { tenantId, subject } = principal(request);
      const { debtorId } = input<{ debtorId: string }>(request.params);
      const response = await idempotent(requestEm(request), request, async (em) => {
        const plan = await createPlan(em, tenantId, subject, debtorId, input<PlanInput>(request.payload));
        return { statusCode: 201, body: presentPlan(plan, plan.made_on) };
      });
      return h.response(response.body as object).code(response.statusCode);
    },
  },
  {
    method: 'GET',
    path: '/api/v1/payment-plans',
    options: {
      tags,
      id: 'listPaymentPlans',
      description: 'List payment plans, by debtor or status',
      auth: { access: { scope: [SCOPES.dunningRead] } },
      response: { status: { 200: pageOf(planView) } },
      validate: {
        query: Joi.object({
          ...pageQuery,
          debtorId: prefixedId('dbt'),
          status: Joi.string().valid(...PLAN_STATUSES),
        }),
      },
    },
    handler: async (request) => {
      const { limit, cursor, ...filter } = input<{
        limit: number;
        cursor?: string;
        debtorId?: string;
        status?: PlanStatus;
      }>(request.query);
      return readForRequest(request, async (em) => {
        const rows = await listPlans(em, { ...filter, limit, after: decodeCursor(cursor) });
        const page = toPage(rows, limit, (row) => row);
        return { data: await presented(em, page.data), nextCursor: page.nextCursor };
      });
    },
  },
  {
    method: 'GET',
    path: '/api/v1/payment-plans/{planId}',
    options: {
      tags,
      id: 'getPaymentPlan',
      description: 'Get a payment plan with its instalments and what was paid on each',
      auth: { access: { scope: [SCOPES.dunningRead] } },
      response: { status: { 200: planView, ...failures(noPlan) } },
      validate: { params: planId },
    },
    handler: (request) =>
      readForRequest(request, async (em) => {
        const [plan] = await presented(em, [
          await getPlan(em, input<{ planId: string }>(request.params).planId),
        ]);
        return plan;
      }),
  },
  {
    method: 'POST',
    path: '/api/v1/payment-plans/{planId}/cancel',
    options: {
      tags,
      id: 'cancelPaymentPlan',
      description: 'End an active payment plan by agreement: dunning resumes where it stood',
      auth: { access: { scope: [SCOPES.dunningWrite] } },
      response: {
        status: {
          200: planView,
          ...failures(noPlan, { 409: 'The plan is no longer active (`arrangement_closed`)' }),
        },
      },
      validate: { params: planId },
    },
    handler: async (request) => {
      const { planId: id } = input<{ planId: string }>(request.params);
      return requestEm(request).transactional(async (em) => {
        const [plan] = await presented(em, [await cancelPlan(em, id)]);
        return plan;
      });
    },
  },
];
