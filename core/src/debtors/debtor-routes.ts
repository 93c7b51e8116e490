import type { ServerRoute } from '@hapi/hapi';
import { SCOPES } from '../auth/principal.ts';
import { failures } from '../http/answer-schemas.ts';
import { idempotencyFailures, idempotencyHeaders, idempotent } from '../http/idempotency.ts';
import { decodeListCursor, pageQuery, toListPage } from '../http/pagination.ts';
import { input, principal, readForRequest, requestEm } from '../http/request-context.ts';
import { invoiceView, openInvoicesOf, presentInvoice } from '../invoices/invoice-service.ts';
import { Joi } from '../shared/joi.ts';
import { country, externalKey, language, minorUnits, named, prefixedId } from '../shared/schemas.ts';
import {
  DEBTOR_SORTS,
  type DebtorFilter,
  type DebtorSort,
  debtorTotals,
  listDebtors,
} from './debtor-list.ts';
import { debtorPageView } from './debtor-list-view.ts';
import {
  addressTypeSchema,
  channelSchema,
  createDebtor,
  debtorTypeSchema,
  debtorView,
  presentDebtor,
  readDebtor,
  updateDebtor,
} from './debtor-service.ts';

const address = Joi.object({
  type: addressTypeSchema.default('billing'),
  line1: Joi.string().max(200).required(),
  line2: Joi.string().max(200),
  postalCode: Joi.string().max(20),
  city: Joi.string().max(100),
  region: Joi.string().max(100),
  country,
});
const contact = Joi.object({
  name: Joi.string().max(200),
  role: Joi.string().max(100),
  email: Joi.string().email({ tlds: false }),
  phone: Joi.string().max(40),
  language,
  preferredChannel: channelSchema,
});
const debtorFields = {
  number: externalKey.description('The ERP’s debtor number, unique per administration'),
  name: Joi.string().trim().min(1).max(200),
  type: debtorTypeSchema,
  vatNumber: Joi.string().max(32).allow(null),
  cocNumber: Joi.string().max(32).allow(null),
  email: Joi.string().email({ tlds: false }).allow(null),
  phone: Joi.string().max(40).allow(null),
  language: language.allow(null),
  preferredChannel: channelSchema.allow(null),
  addresses: Joi.array().items(address).max(10),
  contacts: Joi.array().items(contact).max(50),
  tags: Joi.array().items(Joi.string().max(50)).max(50),
  parentId: prefixedId('dbt').allow(null).description('Parent debtor (group) in the same administration'),
  collector: Joi.string()
    .trim()
    .min(1)
    .max(200)
    .allow(null)
    .description('The staff user (token subject) who works this debtor: its tasks, replies to its reminders'),
  groupDunning: Joi.boolean().description(
    'On a parent: dun its whole group as one dossier here (one reminder listing the group’s overdue invoices)',
  ),
};
const debtorId = Joi.object({ id: prefixedId('dbt').required() });
const notFound = { 404: 'No such debtor (`debtor_not_found`)' };
const numberTaken = { 409: 'Another debtor of the administration has this number (`debtor_exists`)' };
/** `GET /debtors/{id}`: the debtor with its open documents and their balance. */
const debtorCard = named(
  'DebtorWithOpenInvoices',
  debtorView.keys({
    balance: Joi.object()
      .pattern(Joi.string(), minorUnits)
      .required()
      .description('The open amounts of its open documents summed per currency: { "EUR": 100000 }'),
    openInvoices: Joi.array()
      .items(invoiceView)
      .required()
      .description('Documents with status open, oldest due date first'),
  }),
);

export const debtorRoutes: ServerRoute[] = [
  {
    method: 'GET',
    path: '/api/v1/debtors',
    options: {
      tags: ['api', 'debtors'],
      id: 'listDebtors',
      description: 'List debtors',
      auth: { access: { scope: [SCOPES.ledgerRead] } },
      notes:
        '`totals` adds up what the whole filtered list owes (not only the page) per currency. `sort`: `id` (creation order), `balance` (largest open balance first), `due_date` (oldest open invoice’s due date first), `days_overdue` (most days past due first); debtors with nothing open come last. The cursor keeps the sort.',
      response: { status: { 200: debtorPageView } },
      validate: {
        query: Joi.object({
          ...pageQuery,
          sort: Joi.string()
            .valid(...DEBTOR_SORTS)
            .default('id'),
          administrationId: prefixedId('adm'),
          parentId: prefixedId('dbt'),
          tag: Joi.string().max(50),
          q: Joi.string().trim().min(1).max(100).description('Search in name and number'),
        }),
      },
    },
    handler: async (request) => {
      const { limit, cursor, sort, ...filter } = input<
        { limit: number; cursor?: string; sort: DebtorSort } & DebtorFilter
      >(request.query);
      const after = decodeListCursor(sort !== 'id', cursor);
      return readForRequest(request, async (em) => ({
        ...toListPage(
          await listDebtors(em, { ...filter, sort, limit, after }),
          limit,
          sort !== 'id',
          presentDebtor,
        ),
        totals: await debtorTotals(em, filter),
      }));
    },
  },
  {
    method: 'GET',
    path: '/api/v1/debtors/{id}',
    options: {
      tags: ['api', 'debtors'],
      id: 'getDebtor',
      description: 'Get a debtor with its open invoices and balance',
      auth: { access: { scope: [SCOPES.ledgerRead] } },
      validate: { params: debtorId },
      response: { status: { 200: debtorCard, ...failures(notFound) } },
    },
    handler: async (request) => {
      const { debtor, open } = await readForRequest(request, async (em) => {
        const debtor = await readDebtor(em, input<{ id: string }>(request.params).id);
        return { debtor, open: await openInvoicesOf(em, debtor.id) };
      });
      const balance: Record<string, number> = {};
      for (const invoice of open)
        balance[invoice.currency] = (balance[invoice.currency] ?? 0) + invoice.openAmount;
      return { ...presentDebtor(debtor), balance, openInvoices: open.map(presentInvoice) };
    },
  },
  {
    method: 'POST',
    path: '/api/v1/debtors',
    options: {
      tags: ['api', 'debtors'],
      id: 'createDebtor',
      description: 'Create a debtor',
      auth: { access: { scope: [SCOPES.ledgerWrite] } },
      response: {
        status: {
          201: debtorView,
          ...failures(
            { 404: 'No such administration (`administration_not_found`)' },
            numberTaken,
            idempotencyFailures,
          ),
        },
      },
      validate: {
        headers: idempotencyHeaders,
        payload: Joi.object({
          administrationId: prefixedId('adm').required(),
          ...debtorFields,
          number: debtorFields.number.required(),
          name: debtorFields.name.required(),
          type: debtorFields.type.default('b2b'),
        }),
      },
    },
    handler: async (request, h) => {
      const { tenantId } = principal(request);
      const response = await idempotent(requestEm(request), request, async (em) => ({
        statusCode: 201,
        body: presentDebtor(await createDebtor(em, tenantId, request.payload as never)),
      }));
      return h.response(response.body as object).code(response.statusCode);
    },
  },
  {
    method: 'PATCH',
    path: '/api/v1/debtors/{id}',
    options: {
      tags: ['api', 'debtors'],
      id: 'updateDebtor',
      description: 'Change a debtor',
      auth: { access: { scope: [SCOPES.ledgerWrite] } },
      validate: { params: debtorId, payload: Joi.object(debtorFields).min(1) },
      response: { status: { 200: debtorView, ...failures(notFound, numberTaken) } },
    },
    handler: async (request) => {
      const em = requestEm(request);
      return em.transactional(async (tx) =>
        presentDebtor(
          await updateDebtor(
            tx as typeof em,
            input<{ id: string }>(request.params).id,
            request.payload as never,
          ),
        ),
      );
    },
  },
];
