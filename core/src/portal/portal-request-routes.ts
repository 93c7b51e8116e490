import type { ServerRoute } from '@hapi/hapi';
import { getAdministration } from '../administrations/index.ts';
import { readDebtor } from '../debtors/index.ts';
import { failures } from '../http/answer-schemas.ts';
import { idempotencyFailures, idempotencyHeaders } from '../http/idempotency.ts';
import { input, principal, readForRequest } from '../http/request-context.ts';
import { getInvoice, updateInvoice } from '../invoices/index.ts';
import { createPlan, FREQUENCIES, readArrangementSettings } from '../promises/index.ts';
import { invalid } from '../shared/errors.ts';
import { Joi } from '../shared/joi.ts';
import { currency, isoDate, minorUnits, prefixedId } from '../shared/schemas.ts';
import { portalContactRoute } from './portal-contact-route.ts';
import { portalWriteDebtor, reachableInvoice } from './portal-reach.ts';
import { created, portalDebtorId, portalSessionId } from './portal-request-context.ts';
import { recordPortalRequest } from './portal-requests.ts';
import { auth, requestView, sessionRefused, tags } from './portal-route-options.ts';
import { factInvoices, queueConfirmation } from './queue-confirmation.ts';

const planView = Joi.object({
  id: prefixedId('ppl').required(),
  invoiceIds: Joi.array().items(prefixedId('inv')).required(),
  currency: currency.required(),
  total: minorUnits.required(),
  instalments: Joi.array()
    .items(Joi.object({ dueOn: isoDate.required(), amount: minorUnits.required() }))
    .required(),
  status: Joi.string().required(),
}).label('PortalPlan');

/**
 * What a debtor asks of the creditor in `<kredo-portal>` beyond disputes and promises: a payment plan
 * within the creditor's rules, a PO number on an invoice, its contact details, a question. A plan
 * is made as staff would make it (the rules are checked there); the others change what they change
 * and put a task on the collector's action list (portal-requests.ts), so a person sees each one.
 */
export const portalRequestRoutes: ServerRoute[] = [
  {
    method: 'GET',
    path: '/api/v1/portal/plan-options',
    options: {
      tags,
      id: 'getPortalPlanOptions',
      description:
        'What payment plan the creditor offers: most instalments, smallest instalment, frequencies',
      auth,
      response: {
        status: {
          200: Joi.object({
            maxInstalments: Joi.number().integer().required(),
            minInstalment: minorUnits.required(),
            currency: currency.required(),
            frequencies: Joi.array()
              .items(Joi.string().valid(...FREQUENCIES))
              .required(),
          }).label('PortalPlanOptions'),
          ...failures(sessionRefused),
        },
      },
    },
    handler: (request) =>
      readForRequest(request, async (em) => {
        const debtor = await readDebtor(em, portalDebtorId(request));
        const settings = await readArrangementSettings(em, debtor.administrationId);
        const administration = await getAdministration(em, debtor.administrationId);
        return {
          maxInstalments: settings.planMaxInstalments,
          minInstalment: settings.planMinInstalment,
          currency: administration.currency,
          frequencies: [...FREQUENCIES],
        };
      }),
  },
  {
    method: 'POST',
    path: '/api/v1/portal/payment-plans',
    options: {
      tags,
      id: 'requestPortalPlan',
      description: 'Arrange a payment plan for some open invoices, within the creditor’s rules',
      notes:
        'Equal instalments, no interest; refused with 422 `plan_rule_violated` (naming the rule) beyond the creditor’s limits. Dunning pauses for those invoices until the last instalment plus the grace days; the debtor gets a confirmation by e-mail.',
      auth,
      response: {
        status: {
          201: planView,
          ...failures(sessionRefused, idempotencyFailures, {
            422: 'Beyond the creditor’s rules (`plan_rule_violated`)',
          }),
        },
      },
      validate: {
        headers: idempotencyHeaders,
        payload: Joi.object({
          invoiceIds: Joi.array().items(prefixedId('inv')).min(1).max(500).unique().required(),
          instalments: Joi.number().integer().min(2).max(60).required(),
          frequency: Joi.string()
            .valid(...FREQUENCIES)
            .default('monthly'),
          firstDueOn: isoDate.required().description('After today'),
        }),
      },
    },
    handler: (request, h) => {
      const { tenantId, subject } = principal(request);
      const body = input<{
        invoiceIds: string[];
        instalments: number;
        frequency: 'monthly';
        firstDueOn: string;
      }>(request.payload);
      return created(request, h, async (em) => {
        const debtorId = await portalWriteDebtor(em, request, body.invoiceIds);
        const plan = await createPlan(em, tenantId, subject, debtorId, body);
        await queueConfirmation(em, tenantId, {
          debtorId,
          sourceId: plan.id,
          actor: subject,
          facts: {
            action: 'payment_plan',
            currency: plan.currency,
            total: Number(plan.total),
            frequency: plan.frequency ?? body.frequency,
            instalments: plan.schedule.map((i) => ({ dueOn: i.dueOn, amount: Number(i.amount) })),
            invoices: await factInvoices(em, debtorId, plan.invoice_ids),
          },
        });
        return {
          id: plan.id,
          invoiceIds: plan.invoice_ids,
          currency: plan.currency,
          total: Number(plan.total),
          instalments: plan.schedule.map((i) => ({ dueOn: i.dueOn, amount: i.amount })),
          status: plan.status,
        };
      });
    },
  },
  {
    method: 'POST',
    path: '/api/v1/portal/invoices/{invoiceId}/po-number',
    options: {
      tags,
      id: 'setPortalPoNumber',
      description: 'Give an invoice the debtor’s purchase order number',
      notes:
        'Set on the invoice at once; the collector gets a task to take it into the ERP, the debtor a confirmation by e-mail.',
      auth,
      response: {
        status: {
          201: requestView,
          ...failures(sessionRefused, idempotencyFailures, {
            404: 'Not an invoice of the session’s debtor or group (`invoice_not_found`)',
          }),
        },
      },
      validate: {
        headers: idempotencyHeaders,
        params: Joi.object({ invoiceId: prefixedId('inv').required() }),
        payload: Joi.object({ poNumber: Joi.string().trim().min(1).max(64).required() }),
      },
    },
    handler: (request, h) => {
      const { tenantId, subject } = principal(request);
      const { invoiceId } = input<{ invoiceId: string }>(request.params);
      const { poNumber } = input<{ poNumber: string }>(request.payload);
      return created(request, h, async (em) => {
        const invoice = await reachableInvoice(em, request, invoiceId);
        await updateInvoice(em, invoiceId, { poNumber });
        const taskId = await recordPortalRequest(em, tenantId, {
          debtorId: invoice.debtorId,
          kind: 'portal_po_number',
          title: `PO number ${poNumber} for invoice ${invoice.number}`,
          body: `The debtor gave purchase order number ${poNumber} for invoice ${invoice.number} in the portal.`,
          sessionId: portalSessionId(request),
        });
        await queueConfirmation(em, tenantId, {
          debtorId: invoice.debtorId,
          sourceId: taskId,
          actor: subject,
          facts: { action: 'po_number', invoiceNumber: invoice.number, poNumber },
        });
        return { taskId };
      });
    },
  },
  {
    method: 'POST',
    path: '/api/v1/portal/questions',
    options: {
      tags,
      id: 'askPortalQuestion',
      description: 'Ask the creditor a question, optionally about some invoices',
      notes: 'A task on the collector’s action list holds it; the debtor gets a confirmation by e-mail.',
      auth,
      response: { status: { 201: requestView, ...failures(sessionRefused, idempotencyFailures) } },
      validate: {
        headers: idempotencyHeaders,
        payload: Joi.object({
          message: Joi.string().trim().min(1).max(5000).required(),
          invoiceIds: Joi.array().items(prefixedId('inv')).max(50).unique(),
        }),
      },
    },
    handler: (request, h) => {
      const { tenantId, subject } = principal(request);
      const body = input<{ message: string; invoiceIds?: string[] }>(request.payload);
      return created(request, h, async (em) => {
        const debtorId = await portalWriteDebtor(em, request, body.invoiceIds);
        const numbers: string[] = [];
        for (const id of body.invoiceIds ?? []) {
          const invoice = await getInvoice(em, id);
          if (invoice.debtorId !== debtorId) throw invalid('invoiceIds', `${id} is not one of your invoices`);
          numbers.push(invoice.number);
        }
        const about = numbers.length ? ` about ${numbers.join(', ')}` : '';
        const taskId = await recordPortalRequest(em, tenantId, {
          debtorId,
          kind: 'portal_question',
          title: `Question from the portal${about}`.slice(0, 500),
          body: body.message,
          sessionId: portalSessionId(request),
        });
        await queueConfirmation(em, tenantId, {
          debtorId,
          sourceId: taskId,
          actor: subject,
          facts: { action: 'question', message: body.message, invoiceNumbers: numbers },
        });
        return { taskId };
      });
    },
  },
  portalContactRoute,
];
