import type { ServerRoute } from '@hapi/hapi';
import { SCOPES } from '../auth/principal.ts';
import { failures } from '../http/answer-schemas.ts';
import { idempotencyFailures, idempotencyHeaders, idempotent } from '../http/idempotency.ts';
import { decodeListCursor, pageQuery, toListPage } from '../http/pagination.ts';
import { input, principal, readForRequest, requestEm } from '../http/request-context.ts';
import { Joi } from '../shared/joi.ts';
import { currency, externalKey, isoDate, minorUnits, prefixedId } from '../shared/schemas.ts';
import {
  INVOICE_SORTS,
  type InvoiceFilter,
  type InvoiceSort,
  invoiceTotals,
  listInvoices,
} from './invoice-list.ts';
import { invoicePageView } from './invoice-list-view.ts';
import {
  createInvoice,
  documentTypeSchema,
  getInvoice,
  invoiceStatusSchema,
  invoiceView,
  presentInvoice,
  updateInvoice,
} from './invoice-service.ts';

const invoiceId = Joi.object({ id: prefixedId('inv').required() });
const notFound = { 404: 'No such invoice (`invoice_not_found`)' };
const references = {
  poNumber: Joi.string().max(64).allow(null),
  paymentReference: Joi.string().max(64).allow(null),
  description: Joi.string().max(1000).allow(null),
};

export const invoiceRoutes: ServerRoute[] = [
  {
    method: 'GET',
    path: '/api/v1/invoices',
    options: {
      tags: ['api', 'invoices'],
      id: 'listInvoices',
      description: 'List invoices and credit notes',
      auth: { access: { scope: [SCOPES.ledgerRead] } },
      notes:
        '`totals` adds up the whole filtered list (not only the page) per currency. `sort`: `id` (creation order), `balance` (largest open amount first), `due_date` (earliest first), `days_overdue` (most days past due first); the cursor keeps the sort.',
      response: { status: { 200: invoicePageView } },
      validate: {
        query: Joi.object({
          ...pageQuery,
          sort: Joi.string()
            .valid(...INVOICE_SORTS)
            .default('id'),
          administrationId: prefixedId('adm'),
          debtorId: prefixedId('dbt'),
          status: invoiceStatusSchema,
          documentType: documentTypeSchema,
          overdue: Joi.boolean().description('Open and past due (true) or not (false)'),
          dueBefore: isoDate,
          dueAfter: isoDate,
          q: Joi.string().trim().min(1).max(100).description('Invoice number prefix or debtor name'),
        }),
      },
    },
    handler: async (request) => {
      const { limit, cursor, sort, ...filter } = input<
        { limit: number; cursor?: string; sort: InvoiceSort } & InvoiceFilter
      >(request.query);
      const after = decodeListCursor(sort !== 'id', cursor);
      return readForRequest(request, async (em) => ({
        ...toListPage(
          await listInvoices(em, { ...filter, sort, limit, after }),
          limit,
          sort !== 'id',
          presentInvoice,
        ),
        totals: await invoiceTotals(em, filter),
      }));
    },
  },
  {
    method: 'GET',
    path: '/api/v1/invoices/{id}',
    options: {
      tags: ['api', 'invoices'],
      id: 'getInvoice',
      description: 'Get an invoice or credit note',
      auth: { access: { scope: [SCOPES.ledgerRead] } },
      validate: { params: invoiceId },
      response: { status: { 200: invoiceView, ...failures(notFound) } },
    },
    handler: async (request) =>
      presentInvoice(await getInvoice(requestEm(request), input<{ id: string }>(request.params).id)),
  },
  {
    method: 'POST',
    path: '/api/v1/invoices',
    options: {
      tags: ['api', 'invoices'],
      id: 'createInvoice',
      description: 'Create an invoice or credit note',
      notes: 'Without dueDate, the administration’s payment term applies. Credit notes are stored negative.',
      auth: { access: { scope: [SCOPES.ledgerWrite] } },
      response: {
        status: {
          201: invoiceView,
          ...failures(
            { 404: 'No such administration (`administration_not_found`) or debtor (`debtor_not_found`)' },
            {
              409: 'The administration has a document of this type and number (`invoice_exists`, `details.id`)',
            },
            idempotencyFailures,
          ),
        },
      },
      validate: {
        headers: idempotencyHeaders,
        payload: Joi.object({
          administrationId: prefixedId('adm').required(),
          debtorId: prefixedId('dbt').required(),
          number: externalKey.required(),
          documentType: documentTypeSchema.default('invoice'),
          issueDate: isoDate.required(),
          dueDate: isoDate.allow(null),
          amount: minorUnits.required(),
          openAmount: minorUnits,
          currency,
          ...references,
        }),
      },
    },
    handler: async (request, h) => {
      const { tenantId } = principal(request);
      const response = await idempotent(requestEm(request), request, async (em) => ({
        statusCode: 201,
        body: presentInvoice(await createInvoice(em, tenantId, request.payload as never)),
      }));
      return h.response(response.body as object).code(response.statusCode);
    },
  },
  {
    method: 'PATCH',
    path: '/api/v1/invoices/{id}',
    options: {
      tags: ['api', 'invoices'],
      id: 'updateInvoice',
      description: 'Change an invoice: due date, open amount, status, references',
      auth: { access: { scope: [SCOPES.ledgerWrite] } },
      response: { status: { 200: invoiceView, ...failures(notFound) } },
      validate: {
        params: invoiceId,
        payload: Joi.object({
          dueDate: isoDate,
          openAmount: minorUnits,
          status: invoiceStatusSchema,
          ...references,
        }).min(1),
      },
    },
    handler: async (request) => {
      const em = requestEm(request);
      return em.transactional(async (tx) =>
        presentInvoice(
          await updateInvoice(
            tx as typeof em,
            input<{ id: string }>(request.params).id,
            request.payload as never,
          ),
        ),
      );
    },
  },
];
