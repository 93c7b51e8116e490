import type { ServerRoute } from '@hapi/hapi';
import { SCOPES } from '../auth/principal.ts';
import { failures } from '../http/answer-schemas.ts';
import { principal, requestEm } from '../http/request-context.ts';
import { Joi } from '../shared/joi.ts';
import { prefixedId } from '../shared/schemas.ts';
import { reallocatePayment, reversePayment } from './change-payment.ts';
import { allocationInput } from './payment-routes.ts';
import { paymentView, presentPayment } from './payment-service.ts';

const paymentId = Joi.object({ id: prefixedId('pay').required() });
const reason = Joi.string().trim().min(1).max(500);

/** Undoing a payment recorded by hand, by API, by a pay link or by matching: reversal and reallocation. */
export const paymentChangeRoutes: ServerRoute[] = [
  {
    method: 'POST',
    path: '/api/v1/payments/{id}/reversal',
    options: {
      tags: ['api', 'payments'],
      id: 'reversePayment',
      description: 'Reverse a payment',
      notes:
        'Everything the payment settled is taken back: its invoices reopen by what it allocated to them and ' +
        'the late-payment charges it paid are owed again. The payment stays, marked reversed, and counts ' +
        'for nothing (no unallocated credit either). Kept on the debtor’s timeline with who did it; plugins ' +
        'receive `payment.reversed`. A payment a bank entry caused is better undone by unmatching the entry.',
      auth: { access: { scope: [SCOPES.ledgerWrite] } },
      response: {
        status: {
          200: paymentView,
          ...failures(
            { 404: 'No such payment (`payment_not_found`)' },
            { 409: 'The payment was reversed already (`payment_reversed`)' },
          ),
        },
      },
      validate: { params: paymentId, payload: Joi.object({ reason: reason.required() }) },
    },
    handler: async (request) => {
      const { tenantId, subject } = principal(request);
      const { id } = request.params as { id: string };
      const { reason: why } = request.payload as { reason: string };
      return requestEm(request).transactional(async (em) => {
        const changed = await reversePayment(em, tenantId, id, { actor: subject, reason: why });
        return presentPayment(changed.payment, changed.allocations, changed.chargeAllocations);
      });
    },
  },
  {
    method: 'PUT',
    path: '/api/v1/payments/{id}/allocations',
    options: {
      tags: ['api', 'payments'],
      id: 'reallocatePayment',
      description: 'Replace a payment’s allocations',
      notes:
        'The old allocations are taken back (their invoices reopen, charges they paid are owed again) and ' +
        'the new ones settled as a new payment’s would be: charges first, each at most its document’s open ' +
        'amount, the total at most the payment amount; what is left stays unallocated credit of the debtor. ' +
        'All or nothing. An empty list leaves the whole payment unallocated. Kept on the debtor’s timeline ' +
        'with who did it; plugins receive `payment.reallocated`.',
      auth: { access: { scope: [SCOPES.ledgerWrite] } },
      response: {
        status: {
          200: paymentView,
          ...failures(
            { 404: 'No such payment (`payment_not_found`)' },
            { 409: 'The payment was reversed (`payment_reversed`)' },
          ),
        },
      },
      validate: {
        params: paymentId,
        payload: Joi.object({
          allocations: Joi.array().items(allocationInput).max(500).unique('invoiceId').required(),
          reason,
        }),
      },
    },
    handler: async (request) => {
      const { tenantId, subject } = principal(request);
      const { id } = request.params as { id: string };
      const body = request.payload as {
        allocations: { invoiceId: string; amount: number }[];
        reason?: string;
      };
      return requestEm(request).transactional(async (em) => {
        const changed = await reallocatePayment(em, tenantId, id, body.allocations, {
          actor: subject,
          reason: body.reason ?? null,
        });
        return presentPayment(changed.payment, changed.allocations, changed.chargeAllocations);
      });
    },
  },
];
