import type { ServerRoute } from '@hapi/hapi';
import { SCOPES } from '../auth/principal.ts';
import { failures } from '../http/answer-schemas.ts';
import { idempotencyFailures, idempotencyHeaders, idempotent } from '../http/idempotency.ts';
import { decodeCursor, pageOf, pageQuery, toPage } from '../http/pagination.ts';
import { input, principal, readForRequest, requestEm } from '../http/request-context.ts';
import { Joi } from '../shared/joi.ts';
import { isoDate, language, prefixedId } from '../shared/schemas.ts';
import {
  type DisputeFilter,
  disputeView,
  getDispute,
  listDisputes,
  presentDispute,
  RESOLUTIONS,
} from './dispute-store.ts';
import { type DisputeInput, openDispute } from './open-dispute.ts';
import { type ResolutionInput, resolveDispute, updateDispute } from './resolve-dispute.ts';

const staffUser = Joi.string().min(1).max(200).description('Staff user (token subject)');
const disputeId = Joi.object({ disputeId: prefixedId('dsp').required() });
const notFoundDispute = { 404: 'No such dispute (`dispute_not_found`)' };
const isResolved = { 409: 'The dispute is resolved already (`dispute_resolved`)' };
const tags = ['api', 'disputes'];

export const disputeRoutes: ServerRoute[] = [
  {
    method: 'POST',
    path: '/api/v1/debtors/{debtorId}/disputes',
    options: {
      tags,
      id: 'openDispute',
      description: 'Open a dispute about some of a debtor’s open invoices',
      notes:
        'Holds the invoices out of dunning until it is resolved, sets a due date (the type’s working days, ' +
        'skipping weekends and the country’s public holidays), assigns it (default: the debtor’s collector) ' +
        'with a task, records `dispute.opened` and queues an acknowledgement e-mail to the debtor in its ' +
        'language (`acknowledgement.status` says whether one goes out, and why not).',
      auth: { access: { scope: [SCOPES.dunningWrite] } },
      response: {
        status: {
          201: disputeView,
          ...failures({ 404: 'No such debtor (`debtor_not_found`)' }, idempotencyFailures),
        },
      },
      validate: {
        headers: idempotencyHeaders,
        params: Joi.object({ debtorId: prefixedId('dbt').required() }),
        payload: Joi.object({
          invoiceIds: Joi.array()
            .items(prefixedId('inv'))
            .min(1)
            .max(200)
            .unique()
            .required()
            .description('Open invoices of the debtor the dispute is about'),
          type: Joi.string().max(40).required().description('A dispute type’s code (GET /dispute-types)'),
          description: Joi.string().trim().min(1).max(5000).required(),
          assignee: staffUser.allow(null),
          contact: Joi.object({
            name: Joi.string().max(200),
            email: Joi.string().email().max(320),
            language,
          })
            .allow(null)
            .description('Who raised it: the acknowledgement goes to this address, in this language'),
          openedOn: isoDate.description(
            'When the debtor raised it (default today): the due date counts from it',
          ),
        }),
      },
    },
    handler: async (request, h) => {
      const { tenantId, subject } = principal(request);
      const { debtorId } = input<{ debtorId: string }>(request.params);
      const response = await idempotent(requestEm(request), request, async (em) => {
        const dispute = await openDispute(
          em,
          tenantId,
          subject,
          debtorId,
          input<DisputeInput>(request.payload),
        );
        return { statusCode: 201, body: presentDispute(dispute) };
      });
      return h.response(response.body as object).code(response.statusCode);
    },
  },
  {
    method: 'GET',
    path: '/api/v1/disputes',
    options: {
      tags,
      id: 'listDisputes',
      description: 'List disputes, by status, assignee or debtor',
      auth: { access: { scope: [SCOPES.dunningRead] } },
      response: { status: { 200: pageOf(disputeView) } },
      validate: {
        query: Joi.object({
          ...pageQuery,
          status: Joi.string().valid('open', 'resolved'),
          assignee: staffUser,
          debtorId: prefixedId('dbt'),
        }),
      },
    },
    handler: async (request) => {
      const { limit, cursor, ...filter } = input<DisputeFilter & { cursor?: string }>(request.query);
      const rows = await readForRequest(request, (em) =>
        listDisputes(em, { ...filter, limit, after: decodeCursor(cursor) }),
      );
      return toPage(rows, limit, presentDispute);
    },
  },
  {
    method: 'GET',
    path: '/api/v1/disputes/{disputeId}',
    options: {
      tags,
      id: 'getDispute',
      description: 'Get a dispute',
      auth: { access: { scope: [SCOPES.dunningRead] } },
      response: { status: { 200: disputeView, ...failures(notFoundDispute) } },
      validate: { params: disputeId },
    },
    handler: async (request) =>
      presentDispute(
        await getDispute(requestEm(request), input<{ disputeId: string }>(request.params).disputeId),
      ),
  },
  {
    method: 'PATCH',
    path: '/api/v1/disputes/{disputeId}',
    options: {
      tags,
      id: 'updateDispute',
      description: 'Reassign an open dispute or move its due date',
      auth: { access: { scope: [SCOPES.dunningWrite] } },
      response: { status: { 200: disputeView, ...failures(notFoundDispute, isResolved) } },
      validate: {
        params: disputeId,
        payload: Joi.object({ assignee: staffUser.allow(null), dueOn: isoDate }).min(1),
      },
    },
    handler: async (request) => {
      const { disputeId: id } = input<{ disputeId: string }>(request.params);
      const patch = input<{ assignee?: string | null; dueOn?: string }>(request.payload);
      return presentDispute(await requestEm(request).transactional((em) => updateDispute(em, id, patch)));
    },
  },
  {
    method: 'POST',
    path: '/api/v1/disputes/{disputeId}/resolve',
    options: {
      tags,
      id: 'resolveDispute',
      description: 'Resolve a dispute: credit note, rejected or settled',
      notes:
        'Lifts the dispute’s pauses: the invoices go back into dunning where they stood. A rejected ' +
        'dispute puts a `dunning_resumed` task on the collector’s list. Records `dispute.resolved`.',
      auth: { access: { scope: [SCOPES.dunningWrite] } },
      response: { status: { 200: disputeView, ...failures(notFoundDispute, isResolved) } },
      validate: {
        params: disputeId,
        payload: Joi.object({
          resolution: Joi.string()
            .valid(...RESOLUTIONS)
            .required(),
          note: Joi.string().trim().min(1).max(5000).required(),
          creditNoteId: prefixedId('inv').allow(null).description('The credit note that settled it'),
        }),
      },
    },
    handler: async (request) => {
      const { tenantId, subject } = principal(request);
      const { disputeId: id } = input<{ disputeId: string }>(request.params);
      const resolution = input<ResolutionInput>(request.payload);
      return presentDispute(
        await requestEm(request).transactional((em) => resolveDispute(em, tenantId, subject, id, resolution)),
      );
    },
  },
];
