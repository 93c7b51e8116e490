import type { ServerRoute } from '@hapi/hapi';
import { businessDateOf, getAdministration } from '../administrations/index.ts';
import { readDebtor } from '../debtors/index.ts';
import { disputeLanguage, listDisputeTypes, openDispute, typeName } from '../disputes/index.ts';
import { activePausesByInvoice } from '../dunning/index.ts';
import { failures } from '../http/answer-schemas.ts';
import { idempotencyFailures, idempotencyHeaders } from '../http/idempotency.ts';
import { input, principal, readForRequest } from '../http/request-context.ts';
import { installationsForHook, providesCapability } from '../marketplace/index.ts';
import { makePromise } from '../promises/index.ts';
import { Joi } from '../shared/joi.ts';
import { isoDate, prefixedId } from '../shared/schemas.ts';
import { withPortalCors } from './portal-cors.ts';
import { portalInvoiceRows } from './portal-invoice-rows.ts';
import { isGroupSession, portalReach, portalWriteDebtor } from './portal-reach.ts';
import { created, portalDebtorId } from './portal-request-context.ts';
import { portalRequestRoutes } from './portal-request-routes.ts';
import { auth, sessionRefused, tags } from './portal-route-options.ts';
import {
  portalDisputeView,
  portalInvoicesView,
  portalMeView,
  portalPromiseView,
  portalTotals,
  presentPortalInvoice,
} from './portal-views.ts';
import { factInvoices, queueConfirmation } from './queue-confirmation.ts';

/** The debtor's invoices the session may act on: open ones of its own (others answer 400 naming them). */
const invoiceIds = (max: number) => Joi.array().items(prefixedId('inv')).min(1).max(max).unique();

/**
 * What a debtor does in `<kredo-portal>`, each through the same services staff use, so that it lands
 * on the debtor's timeline, pauses dunning where the rules say so and records its events. Every route
 * acts for the session's one debtor (the principal names it; row-level security fences the rest of
 * the tenant by the debtor's administration) and answers the origins its tenant registered (CORS).
 */
const debtorRoutes: ServerRoute[] = [
  {
    method: 'GET',
    path: '/api/v1/portal/me',
    options: {
      tags,
      id: 'getPortalMe',
      description:
        'The session’s debtor, its creditor, when the session ends, and in a group session the group',
      auth,
      response: { status: { 200: portalMeView, ...failures(sessionRefused) } },
    },
    handler: (request) =>
      readForRequest(request, async (em) => {
        const debtor = await readDebtor(em, portalDebtorId(request));
        const administration = await getAdministration(em, debtor.administrationId);
        const group = isGroupSession(request) ? { group: await portalReach(em, request) } : {};
        return {
          debtor: {
            id: debtor.id,
            number: debtor.number,
            name: debtor.name,
            email: debtor.email ?? null,
            phone: debtor.phone ?? null,
            language: debtor.language ?? null,
            preferredChannel: debtor.preferredChannel ?? null,
          },
          creditor: {
            name: administration.senderName ?? administration.name,
            currency: administration.currency,
          },
          session: {
            expiresAt: principal(request).portal?.expiresAt,
            scope: isGroupSession(request) ? 'group' : 'debtor',
          },
          ...group,
          features: {
            payLinks: await providesCapability(em, 'payLink'),
            invoiceCopies:
              (await providesCapability(em, 'invoiceCopy')) ||
              (await installationsForHook(em, 'invoice.copy')).length > 0,
          },
        };
      }),
  },
  {
    method: 'GET',
    path: '/api/v1/portal/invoices',
    options: {
      tags,
      id: 'listPortalInvoices',
      description:
        'The debtor’s (or group’s) open invoices, oldest due first, or its latest paid ones, with totals and ageing',
      auth,
      response: { status: { 200: portalInvoicesView, ...failures(sessionRefused) } },
      validate: { query: Joi.object({ status: Joi.string().valid('open', 'paid').default('open') }) },
    },
    handler: (request) =>
      readForRequest(request, async (em) => {
        const { status } = input<{ status: 'open' | 'paid' }>(request.query);
        const debtor = await readDebtor(em, portalDebtorId(request));
        const today = await businessDateOf(em, debtor.administrationId);
        const reach = await portalReach(em, request);
        const rows = await portalInvoiceRows(em, reach, status);
        const pauses = await activePausesByInvoice(em, rows, today);
        const group = isGroupSession(request)
          ? new Map(reach.map((member) => [member.id, member]))
          : undefined;
        const data = rows.map((row) => presentPortalInvoice(row, today, group, pauses.get(row.id)));
        return { data, totals: portalTotals(data), today };
      }),
  },
  {
    method: 'GET',
    path: '/api/v1/portal/dispute-types',
    options: {
      tags,
      id: 'listPortalDisputeTypes',
      description: 'The reasons a debtor can give for a dispute, named in its language',
      auth,
      response: {
        status: {
          200: Joi.object({
            data: Joi.array().items(
              Joi.object({ code: Joi.string().required(), name: Joi.string().required() }),
            ),
          }),
          ...failures(sessionRefused),
        },
      },
      validate: { query: Joi.object({ language: Joi.string().valid('nl', 'en', 'de', 'fr') }) },
    },
    handler: (request) =>
      readForRequest(request, async (em) => {
        const debtor = await readDebtor(em, portalDebtorId(request));
        const chosen = disputeLanguage(input<{ language?: string }>(request.query).language, debtor.language);
        const types = (await listDisputeTypes(em)).filter((type) => type.active);
        return { data: types.map((type) => ({ code: type.code, name: typeName(type, chosen) })) };
      }),
  },
  {
    method: 'POST',
    path: '/api/v1/portal/disputes',
    options: {
      tags,
      id: 'openPortalDispute',
      description: 'Dispute some of the debtor’s open invoices, with a reason and a message',
      notes:
        'As staff would open it: dunning pauses for those invoices, the collector gets a task, the debtor an acknowledgement by e-mail.',
      auth,
      response: { status: { 201: portalDisputeView, ...failures(sessionRefused, idempotencyFailures) } },
      validate: {
        headers: idempotencyHeaders,
        payload: Joi.object({
          invoiceIds: invoiceIds(200).required(),
          type: Joi.string().max(40).required().description('A code from GET /portal/dispute-types'),
          description: Joi.string().trim().min(1).max(5000).required(),
        }),
      },
    },
    handler: (request, h) => {
      const { tenantId, subject } = principal(request);
      const body = input<{ invoiceIds: string[]; type: string; description: string }>(request.payload);
      return created(request, h, async (em) => {
        const debtorId = await portalWriteDebtor(em, request, body.invoiceIds);
        const dispute = await openDispute(em, tenantId, subject, debtorId, body);
        return {
          id: dispute.id,
          invoiceIds: dispute.invoice_ids,
          type: dispute.type,
          status: dispute.status,
          openedOn: dispute.opened_on,
          dueOn: dispute.due_on,
        };
      });
    },
  },
  {
    method: 'POST',
    path: '/api/v1/portal/promises',
    options: {
      tags,
      id: 'makePortalPromise',
      description: 'Promise to pay some (default: every overdue) open invoices by a date',
      notes:
        'Dunning pauses for those invoices until the date plus the creditor’s grace days; the debtor gets a confirmation by e-mail.',
      auth,
      response: { status: { 201: portalPromiseView, ...failures(sessionRefused, idempotencyFailures) } },
      validate: {
        headers: idempotencyHeaders,
        payload: Joi.object({
          invoiceIds: invoiceIds(500),
          promisedOn: isoDate.required().description('A date after today'),
        }),
      },
    },
    handler: (request, h) => {
      const { tenantId, subject } = principal(request);
      const body = input<{ invoiceIds?: string[]; promisedOn: string }>(request.payload);
      return created(request, h, async (em) => {
        const debtorId = await portalWriteDebtor(em, request, body.invoiceIds);
        const promise = await makePromise(em, tenantId, subject, debtorId, body);
        await queueConfirmation(em, tenantId, {
          debtorId,
          sourceId: promise.id,
          actor: subject,
          facts: {
            action: 'promise',
            promisedOn: promise.promised_on,
            amount: Number(promise.amount),
            currency: promise.currency,
            invoices: await factInvoices(em, debtorId, promise.invoice_ids),
          },
        });
        return {
          id: promise.id,
          invoiceIds: promise.invoice_ids,
          amount: Number(promise.amount),
          currency: promise.currency,
          promisedOn: promise.promised_on,
          status: promise.status,
        };
      });
    },
  },
];

export const portalRoutes: ServerRoute[] = [...debtorRoutes, ...portalRequestRoutes].map(withPortalCors);
