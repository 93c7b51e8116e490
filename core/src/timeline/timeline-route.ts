import type { ServerRoute } from '@hapi/hapi';
import { SCOPES } from '../auth/principal.ts';
import { assertDebtorExists } from '../debtors/debtor-service.ts';
import { failures } from '../http/answer-schemas.ts';
import { pageOf } from '../http/pagination.ts';
import { input, readForRequest } from '../http/request-context.ts';
import { pinnedNoteEntries } from '../notes/index.ts';
import { invalid } from '../shared/errors.ts';
import { Joi } from '../shared/joi.ts';
import { instant, named, prefixedId } from '../shared/schemas.ts';
import type { TimelineEntry } from '../shared/timeline.ts';
import { decodeTimelineCursor, encodeTimelineCursor, mergeTimeline, sourceQuery } from './merge-timeline.ts';
import { TIMELINE_SOURCES } from './timeline-sources.ts';

const timelineEntryView = named(
  'TimelineEntry',
  Joi.object({
    id: Joi.string()
      .required()
      .description(
        'The thing’s id (`tsk_…`, `not_…`, `pay_…`), with `:paid`, `:done` … for a later moment of it',
      ),
    type: Joi.string()
      .required()
      .description(
        '`invoice.created`, `invoice.paid`, `payment`, `message`, `collection.handed_off`, `task.created`, `task.completed`, `task.cancelled`, `note` …',
      ),
    at: instant.required(),
    summary: Joi.string().required().description('One line a person reads'),
    actor: Joi.string().allow(null).required().description('The staff user who did it, when a person did'),
    invoiceIds: Joi.array().items(Joi.string()).required(),
    detail: Joi.object()
      .unknown(true)
      .required()
      .description('The structured thing: amounts, invoices, outcome, why'),
    pinned: Joi.boolean().description('Notes: pinned ones open the first page'),
  }),
);

export const timelineRoute: ServerRoute = {
  method: 'GET',
  path: '/api/v1/debtors/{debtorId}/timeline',
  options: {
    tags: ['api', 'debtors'],
    id: 'getDebtorTimeline',
    description:
      'Everything that happened with a debtor, newest first: documents, payments, messages, tasks, notes …',
    notes:
      'The first page opens with the debtor’s pinned notes (besides `limit`); after them, and on every page, ' +
      'the entries of every module merged newest first. `before` starts the list at an instant; `cursor` ' +
      'continues it.',
    auth: { access: { scope: [SCOPES.dunningRead] } },
    response: {
      status: { 200: pageOf(timelineEntryView), ...failures({ 404: 'No such debtor (`debtor_not_found`)' }) },
    },
    validate: {
      params: Joi.object({ debtorId: prefixedId('dbt').required() }),
      query: Joi.object({
        before: Joi.string().isoDate().description('Only what happened before this instant (ISO 8601)'),
        cursor: Joi.string().max(400).description('`nextCursor` of the previous page'),
        limit: Joi.number().integer().min(1).max(200).default(50).description('Entries per page (1–200)'),
      }),
    },
  },
  handler: async (request) => {
    const { debtorId } = input<{ debtorId: string }>(request.params);
    const query = input<{ before?: string; cursor?: string; limit: number }>(request.query);
    const cursor = query.cursor === undefined ? undefined : decodeTimelineCursor(query.cursor);
    if (query.cursor !== undefined && !cursor) throw invalid('cursor', 'not a cursor returned by this API');
    const before = query.before === undefined ? undefined : new Date(query.before).toISOString();
    const firstPage = !cursor && !before;
    const asked = sourceQuery({ before, cursor, limit: query.limit });
    const { pinned, answers } = await readForRequest(request, async (em) => {
      await assertDebtorExists(em, debtorId);
      const answers: TimelineEntry[][] = [];
      // One after another: they share the read transaction's one connection.
      for (const source of TIMELINE_SOURCES) answers.push(await source(em, { debtorId, ...asked }));
      return { pinned: firstPage ? await pinnedNoteEntries(em, debtorId) : [], answers };
    });
    const { entries, next } = mergeTimeline(answers, { cursor, limit: query.limit });
    return { data: [...pinned, ...entries], nextCursor: next ? encodeTimelineCursor(next) : null };
  },
};
