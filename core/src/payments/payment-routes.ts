import type { ServerRoute } from '@hapi/hapi';
import { IBAN_SHAPE } from '../administrations/index.ts';
import { SCOPES } from '../auth/principal.ts';
import { failures } from '../http/answer-schemas.ts';
import { idempotencyFailures, idempotencyHeaders, idempotent } from '../http/idempotency.ts';
import { decodeCursor, pageOf, pageQuery, toPage } from '../http/pagination.ts';
import { input, principal, requestEm } from '../http/request-context.ts';
import { chargeAllocationsOf } from '../late-charges/index.ts';
import { Joi } from '../shared/joi.ts';
import { currency, externalKey, isoDate, minorUnits, prefixedId } from '../shared/schemas.ts';
import {
  allocationsOf,
  createPayment,
  getPayment,
  listPayments,
  paymentView,
  presentPayment,
} from './payment-service.ts';

export const allocationInput = Joi.object({
  invoiceId: prefixedId('inv').required(),
  amount: minorUnits
    .invalid(0)
    .required()
    .description('Positive against an invoice, negative against a credit note; at most its open amount'),
});
const paymentId = Joi.object({ id: prefixedId('pay').required() });

export const paymentRoutes: ServerRoute[] = [
  {
    method: 'GET',
    path: '/api/v1/payments',
    options: {
      tags: ['api', 'payments'],
      id: 'listPayments',
      description: 'List payments with their allocations',
      auth: { access: { scope: [SCOPES.ledgerRead] } },
      response: { status: { 200: pageOf(paymentView) } },
      validate: {
        query: Joi.object({
          ...pageQuery,
          administrationId: prefixedId('adm'),
          debtorId: prefixedId('dbt'),
          valueDateFrom: isoDate.description('Value date on or after (YYYY-MM-DD)'),
          valueDateTo: isoDate.description('Value date on or before (YYYY-MM-DD)'),
        }),
      },
    },
    handler: async (request) => {
      const { limit, cursor, ...filter } = input<{ limit: number; cursor?: string } & Record<string, never>>(
        request.query,
      );
      const em = requestEm(request);
      const rows = await listPayments(em, { ...filter, limit, after: decodeCursor(cursor) });
      const ids = rows.slice(0, limit).map((row) => row.id);
      const allocations = await allocationsOf(em, ids);
      const charges = await chargeAllocationsOf(em, ids);
      return toPage(rows, limit, (row) =>
        presentPayment(row, allocations.get(row.id) ?? [], charges.get(row.id) ?? []),
      );
    },
  },
  {
    method: 'GET',
    path: '/api/v1/payments/{id}',
    options: {
      tags: ['api', 'payments'],
      id: 'getPayment',
      description: 'Get a payment with its allocations',
      auth: { access: { scope: [SCOPES.ledgerRead] } },
      response: {
        status: { 200: paymentView, ...failures({ 404: 'No such payment (`payment_not_found`)' }) },
      },
      validate: { params: paymentId },
    },
    handler: async (request) => {
      const { payment, allocations, chargeAllocations } = await getPayment(
        requestEm(request),
        input<{ id: string }>(request.params).id,
      );
      return presentPayment(payment, allocations, chargeAllocations);
    },
  },
  {
    method: 'POST',
    path: '/api/v1/payments',
    options: {
      tags: ['api', 'payments'],
      id: 'createPayment',
      description: 'Record a payment and allocate it to open invoices and credit notes',
      notes:
        'All or nothing: each allocation is at most its document’s open amount, and the signed total lies ' +
        'between 0 and the payment amount. A document whose open amount reaches 0 becomes paid. When the ' +
        'invoices have late-payment charges open, the money allocated to them and what the payment leaves ' +
        'unallocated pay those charges first (costs, interest, then principal, oldest invoice first; art. ' +
        '6:44 BW): `chargeAllocations` lists them and each invoice allocation keeps its principal part.',
      auth: { access: { scope: [SCOPES.ledgerWrite] } },
      response: {
        status: {
          201: paymentView,
          ...failures(
            { 404: 'No such administration (`administration_not_found`) or debtor (`debtor_not_found`)' },
            { 409: 'The administration has a payment with this externalId (`payment_exists`)' },
            idempotencyFailures,
          ),
        },
      },
      validate: {
        headers: idempotencyHeaders,
        payload: Joi.object({
          administrationId: prefixedId('adm').required(),
          debtorId: prefixedId('dbt').allow(null),
          externalId: externalKey
            .allow(null)
            .description('The bank’s or ERP’s key, unique per administration'),
          amount: minorUnits
            .min(1)
            .required()
            .description('Amount received in minor units (cents), positive'),
          currency: currency.description('ISO 4217 code; defaults to the administration’s currency'),
          valueDate: isoDate.required(),
          method: Joi.string().max(50).allow(null).description('e.g. sepa_credit_transfer, card, ideal'),
          reference: Joi.string().max(140).allow(null).description('Remittance information'),
          payerName: Joi.string().max(200).allow(null),
          payerIban: Joi.string()
            .pattern(IBAN_SHAPE)
            .allow(null)
            .description('IBAN, upper case without spaces'),
          allocations: Joi.array().items(allocationInput).max(500).unique('invoiceId'),
        }),
      },
    },
    handler: async (request, h) => {
      const { tenantId } = principal(request);
      const response = await idempotent(requestEm(request), request, async (em) => {
        const { payment, allocations, chargeAllocations } = await createPayment(
          em,
          tenantId,
          request.payload as never,
        );
        return { statusCode: 201, body: presentPayment(payment, allocations, chargeAllocations) };
      });
      return h.response(response.body as object).code(response.statusCode);
    },
  },
];
