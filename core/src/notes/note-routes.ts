import type { Request, ServerRoute } from '@hapi/hapi';
import type { EntityManager } from '@mikro-orm/postgresql';
import { SCOPES } from '../auth/principal.ts';
import { assertDebtorExists } from '../debtors/debtor-service.ts';
import { failures, noContent } from '../http/answer-schemas.ts';
import { idempotencyFailures, idempotencyHeaders, idempotent } from '../http/idempotency.ts';
import { decodeKeyCursor, pageOf, pageQuery, toKeyPage } from '../http/pagination.ts';
import { input, principal, readForRequest, requestEm } from '../http/request-context.ts';
import { Joi } from '../shared/joi.ts';
import { prefixedId } from '../shared/schemas.ts';
import {
  assertInvoiceExists,
  createNote,
  deleteNote,
  listNotes,
  type NoteInput,
  type NotePatch,
  updateNote,
} from './note-store.ts';
import { noteView, presentNote } from './note-view.ts';

const body = Joi.string().trim().min(1).max(10000).description('Plain text, 1–10,000 characters');
const noteId = Joi.object({ noteId: prefixedId('not').required() });
const debtorNotFound = { 404: 'No such debtor (`debtor_not_found`)' };
const noteNotFound = { 404: 'No such note (`note_not_found`)' };
const notAuthor = { 403: 'Only its author may edit or delete a note (`note_not_author`)' };
const tags = ['api', 'notes'];

export const noteRoutes: ServerRoute[] = [
  {
    method: 'GET',
    path: '/api/v1/debtors/{debtorId}/notes',
    options: {
      tags,
      id: 'listDebtorNotes',
      description: 'A debtor’s notes (its invoices’ included): pinned first, then newest',
      auth: { access: { scope: [SCOPES.dunningRead] } },
      response: { status: { 200: pageOf(noteView), ...failures(debtorNotFound) } },
      validate: {
        params: Joi.object({ debtorId: prefixedId('dbt').required() }),
        query: Joi.object(pageQuery),
      },
    },
    handler: (request) => {
      const { debtorId } = input<{ debtorId: string }>(request.params);
      return notesPage(request, { debtorId }, (em) => assertDebtorExists(em, debtorId));
    },
  },
  {
    method: 'POST',
    path: '/api/v1/debtors/{debtorId}/notes',
    options: {
      tags,
      id: 'createNote',
      description: 'Write a note on a debtor, or on one of its invoices',
      auth: { access: { scope: [SCOPES.dunningWrite] } },
      response: {
        status: { 201: noteView, ...failures(debtorNotFound, idempotencyFailures) },
      },
      validate: {
        params: Joi.object({ debtorId: prefixedId('dbt').required() }),
        headers: idempotencyHeaders,
        payload: Joi.object({
          body: body.required(),
          invoiceId: prefixedId('inv').allow(null).description('An invoice of this debtor the note is about'),
          pinned: Joi.boolean().default(false),
        }),
      },
    },
    handler: async (request, h) => {
      const { tenantId, subject } = principal(request);
      const { debtorId } = input<{ debtorId: string }>(request.params);
      const response = await idempotent(requestEm(request), request, async (em) => ({
        statusCode: 201,
        body: presentNote(
          await createNote(em, tenantId, subject, debtorId, input<NoteInput>(request.payload)),
        ),
      }));
      return h.response(response.body as object).code(response.statusCode);
    },
  },
  {
    method: 'GET',
    path: '/api/v1/invoices/{invoiceId}/notes',
    options: {
      tags,
      id: 'listInvoiceNotes',
      description: 'The notes on one invoice: pinned first, then newest',
      auth: { access: { scope: [SCOPES.dunningRead] } },
      response: {
        status: { 200: pageOf(noteView), ...failures({ 404: 'No such invoice (`invoice_not_found`)' }) },
      },
      validate: {
        params: Joi.object({ invoiceId: prefixedId('inv').required() }),
        query: Joi.object(pageQuery),
      },
    },
    handler: (request) => {
      const { invoiceId } = input<{ invoiceId: string }>(request.params);
      return notesPage(request, { invoiceId }, (em) => assertInvoiceExists(em, invoiceId));
    },
  },
  {
    method: 'PATCH',
    path: '/api/v1/notes/{noteId}',
    options: {
      tags,
      id: 'updateNote',
      description: 'Pin or unpin a note, or (its author) reword it',
      auth: { access: { scope: [SCOPES.dunningWrite] } },
      response: { status: { 200: noteView, ...failures(notAuthor, noteNotFound) } },
      validate: { params: noteId, payload: Joi.object({ body, pinned: Joi.boolean() }).min(1) },
    },
    handler: async (request) => {
      const { noteId: id } = input<{ noteId: string }>(request.params);
      return requestEm(request).transactional(async (tx) =>
        presentNote(
          await updateNote(
            tx as EntityManager,
            id,
            principal(request).subject,
            input<NotePatch>(request.payload),
          ),
        ),
      );
    },
  },
  {
    method: 'DELETE',
    path: '/api/v1/notes/{noteId}',
    options: {
      tags,
      id: 'deleteNote',
      description: 'Delete a note (its author)',
      auth: { access: { scope: [SCOPES.dunningWrite] } },
      response: { status: { 204: noContent, ...failures(notAuthor, noteNotFound) } },
      validate: { params: noteId },
    },
    handler: async (request, h) => {
      const { noteId: id } = input<{ noteId: string }>(request.params);
      await requestEm(request).transactional((tx) =>
        deleteNote(tx as EntityManager, id, principal(request).subject),
      );
      return h.response().code(204);
    },
  },
];

/** A page of notes about a debtor or an invoice, which must exist (a 404, not an empty page). */
async function notesPage(
  request: Request,
  of: { debtorId: string } | { invoiceId: string },
  assertExists: (em: EntityManager) => Promise<void>,
) {
  const { limit, cursor } = input<{ limit: number; cursor?: string }>(request.query);
  const after = decodeKeyCursor(cursor);
  const rows = await readForRequest(request, async (em) => {
    await assertExists(em);
    return listNotes(em, of, { after, limit });
  });
  return toKeyPage(rows, limit, (row) => row.place, presentNote);
}
