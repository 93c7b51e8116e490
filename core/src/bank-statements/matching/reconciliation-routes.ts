import type { ServerRoute } from '@hapi/hapi';
import type { EntityManager } from '@mikro-orm/postgresql';
import { SCOPES } from '../../auth/principal.ts';
import { failures } from '../../http/answer-schemas.ts';
import { decodeCursor, pageOf, pageQuery, toPage } from '../../http/pagination.ts';
import { input, principal, readForRequest, requestEm } from '../../http/request-context.ts';
import { invalid, notFound } from '../../shared/errors.ts';
import { Joi } from '../../shared/joi.ts';
import { isoDate, minorUnits, prefixedId } from '../../shared/schemas.ts';
import { type ManualMatchInput, matchByHand } from './manual-match.ts';
import {
  entryId,
  getQueueEntry,
  listQueue,
  MATCH_STATUSES,
  presentQueueEntry,
  type QueueFilter,
  queueEntryView,
} from './queue-view.ts';
import { ignoreEntry, unmatchEntry } from './review-entry.ts';

const params = Joi.object({ entryId: entryId.required() });
const note = Joi.string().trim().min(1).max(500);
const entryAnswer = {
  200: queueEntryView,
  ...failures(
    { 404: 'No such entry (`statement_entry_not_found`)' },
    { 409: 'The entry is not where the action needs it (`entry_not_open`)' },
  ),
};

/** Runs a queue action in one transaction and answers the entry as it is after it. */
async function act(em: EntityManager, id: string, action: (tx: EntityManager) => Promise<void>) {
  return em.transactional(async (tx) => {
    await action(tx);
    const row = await getQueueEntry(tx, id);
    if (!row) throw notFound('Statement entry', id);
    return presentQueueEntry(row);
  });
}

/** The reconciliation queue: bank entries matching could not place, and a person's hand on them. */
export const reconciliationRoutes: ServerRoute[] = [
  {
    method: 'GET',
    path: '/api/v1/reconciliation/entries',
    options: {
      tags: ['api', 'reconciliation'],
      id: 'listReconciliationEntries',
      description: 'List bank statement entries by match status: the reconciliation queue by default',
      notes:
        'Without `status`: the queue, entries waiting for a person (`queued`) or not looked at yet (`unmatched`), ' +
        'each with why it waits and the matcher’s best guess (`proposal`). `kind=debit` lists the money that ' +
        'went out and was no return of a matched credit.',
      auth: { access: { scope: [SCOPES.ledgerRead] } },
      response: { status: { 200: pageOf(queueEntryView) } },
      validate: {
        query: Joi.object({
          ...pageQuery,
          administrationId: prefixedId('adm'),
          statementId: Joi.string().max(64),
          kind: Joi.string().valid('credit', 'debit'),
          status: Joi.string().valid(...MATCH_STATUSES),
          q: Joi.string()
            .trim()
            .min(1)
            .max(100)
            .description(
              'Words that must each appear in the counterparty’s name, IBAN or account, the remittance text, the structured reference or the end-to-end id (case and spaces ignored)',
            ),
          amountFrom: Joi.number().integer().min(0).description('Amount at least this, in minor units'),
          amountTo: Joi.number()
            .integer()
            .min(0)
            .description('Amount at most this, in minor units (not below amountFrom)'),
          bookedFrom: isoDate.description('Booked on or after this date'),
          bookedTo: isoDate.description('Booked on or before this date (not before bookedFrom)'),
        }),
      },
    },
    handler: async (request) => {
      const { limit, cursor, ...filter } = input<Omit<QueueFilter, 'after'> & { cursor?: string }>(
        request.query,
      );
      checkRanges(filter);
      const rows = await readForRequest(request, (em) =>
        listQueue(em, { ...filter, limit, after: decodeCursor(cursor) }),
      );
      return toPage(rows, limit, presentQueueEntry);
    },
  },
  {
    method: 'POST',
    path: '/api/v1/reconciliation/entries/{entryId}/match',
    options: {
      tags: ['api', 'reconciliation'],
      id: 'matchReconciliationEntry',
      description: 'Match a queued credit to invoices by hand, split over invoices and debtors',
      notes:
        'One payment per debtor of the invoices named, each allocated as given (at most each invoice’s open ' +
        'amount); what the allocations leave of the entry is unallocated credit of `creditDebtorId` (needed ' +
        'when the invoices belong to several debtors). All or nothing; on each debtor’s timeline with who did it.',
      auth: { access: { scope: [SCOPES.ledgerWrite] } },
      response: { status: entryAnswer },
      validate: {
        params,
        payload: Joi.object({
          allocations: Joi.array()
            .items(
              Joi.object({
                invoiceId: prefixedId('inv').required(),
                amount: minorUnits.min(1).required(),
              }),
            )
            .max(500)
            .unique('invoiceId')
            .required(),
          creditDebtorId: prefixedId('dbt').description('Who keeps what the allocations leave, as credit'),
          note,
        }),
      },
    },
    handler: async (request) => {
      const { tenantId, subject } = principal(request);
      const { entryId: id } = input<{ entryId: string }>(request.params);
      return act(requestEm(request), id, (em) =>
        matchByHand(em, tenantId, id, request.payload as ManualMatchInput, subject),
      );
    },
  },
  {
    method: 'POST',
    path: '/api/v1/reconciliation/entries/{entryId}/ignore',
    options: {
      tags: ['api', 'reconciliation'],
      id: 'ignoreReconciliationEntry',
      description: 'Take an entry out of the queue without a payment, with a reason',
      auth: { access: { scope: [SCOPES.ledgerWrite] } },
      response: { status: entryAnswer },
      validate: { params, payload: Joi.object({ reason: note.required() }) },
    },
    handler: async (request) => {
      const { subject } = principal(request);
      const { entryId: id } = input<{ entryId: string }>(request.params);
      const { reason } = request.payload as { reason: string };
      return act(requestEm(request), id, (em) => ignoreEntry(em, id, reason, subject));
    },
  },
  {
    method: 'POST',
    path: '/api/v1/reconciliation/entries/{entryId}/unmatch',
    options: {
      tags: ['api', 'reconciliation'],
      id: 'unmatchReconciliationEntry',
      description: 'Undo an entry’s match (its payments reversed) or its ignoring: back to the queue',
      auth: { access: { scope: [SCOPES.ledgerWrite] } },
      response: { status: entryAnswer },
      validate: { params, payload: Joi.object({ reason: note }).allow(null) },
    },
    handler: async (request) => {
      const { tenantId, subject } = principal(request);
      const { entryId: id } = input<{ entryId: string }>(request.params);
      const reason = (request.payload as { reason?: string } | null)?.reason;
      return act(requestEm(request), id, (em) => unmatchEntry(em, tenantId, id, reason, subject));
    },
  },
];

/** A range whose end lies before its start finds nothing by mistake: said instead (400 naming the end). */
function checkRanges(filter: Omit<QueueFilter, 'after' | 'limit'>): void {
  const { amountFrom, amountTo, bookedFrom, bookedTo } = filter;
  if (amountFrom !== undefined && amountTo !== undefined && amountTo < amountFrom)
    throw invalid('amountTo', 'must not be below amountFrom');
  if (bookedFrom && bookedTo && bookedTo < bookedFrom)
    throw invalid('bookedTo', 'must not be before bookedFrom');
}
