import type { ServerRoute } from '@hapi/hapi';
import { getAdministration } from '../administrations/administration-service.ts';
import { SCOPES } from '../auth/principal.ts';
import { readDebtor } from '../debtors/debtor-service.ts';
import { dunnedPartiesSql } from '../debtors/dunned-party.ts';
import { queryIn } from '../events/event-sql.ts';
import { failures } from '../http/answer-schemas.ts';
import { decodeCursor, pageOf, pageQuery, toPage } from '../http/pagination.ts';
import { input, readForRequest } from '../http/request-context.ts';
import { receivablesSql } from '../invoices/overdue-rule.ts';
import { addDays } from '../shared/iso-date.ts';
import { Joi } from '../shared/joi.ts';
import { isoDate, named, prefixedId } from '../shared/schemas.ts';
import { previewCalendar } from './preview-calendar.ts';
import { loadPolicy, placeParty } from './run-policy.ts';
import { readChunk } from './run-portfolio.ts';
import { partyOf, todayIn } from './state-party.ts';

const previewView = named(
  'DunningPreview',
  Joi.object({
    id: prefixedId('dbt').required().description('The dunned party (a debtor, or its group’s parent)'),
    calendar: Joi.array()
      .items(
        Joi.object({
          date: isoDate.required(),
          stepIndex: Joi.number().integer().required(),
          stepName: Joi.string().required(),
          kind: Joi.string().required(),
          invoiceCount: Joi.number().integer().required(),
          totalOpen: Joi.number().integer().required(),
          summary: Joi.string().required().description('Why, in one sentence'),
        }),
      )
      .required(),
  }),
);

export const previewRoutes: ServerRoute[] = [
  {
    method: 'GET',
    path: '/api/v1/dunning/preview',
    options: {
      tags: ['api', 'dunning'],
      id: 'previewDunning',
      description: 'The calendar of dunning actions the coming days if nobody pays, per debtor',
      notes:
        'Applies the evaluator day by day from today: invoices join as they fall due, pauses end on their last ' +
        'day, one step per day at most. Paged by dunned party (id order); a party with nothing coming has an ' +
        'empty calendar. Writes nothing.',
      auth: { access: { scope: [SCOPES.dunningRead] } },
      response: {
        status: {
          200: pageOf(previewView),
          ...failures({
            404: 'No such administration or debtor (`administration_not_found`, `debtor_not_found`)',
          }),
        },
      },
      validate: {
        query: Joi.object({
          ...pageQuery,
          limit: pageQuery.limit.max(200),
          administrationId: prefixedId('adm').required(),
          days: Joi.number().integer().min(1).max(90).default(30),
          debtorId: prefixedId('dbt').description('Only the party this debtor is dunned as'),
        }),
      },
    },
    handler: async (request) => {
      const q = input<{
        administrationId: string;
        days: number;
        debtorId?: string;
        limit: number;
        cursor?: string;
      }>(request.query);
      const rows = await readForRequest(request, async (em) => {
        const { currency } = await getAdministration(em, q.administrationId);
        const today = await todayIn(em, q.administrationId);
        const only = q.debtorId
          ? await partyOf(em, (await readDebtor(em, q.debtorId)).administrationId, q.debtorId)
          : null;
        const until = addDays(today, q.days);
        const parties = await queryIn<{ id: string }>(
          em,
          `select party_id as id from (
             select p.party_id from ${dunnedPartiesSql('$1::text')} p
               join ${receivablesSql('$1::text')} i on i.debtor_id = p.debtor_id where i.due_date < $2::date
             union select s.debtor_id from dunning_state s where s.administration_id = $1 and s.closed_on is null) x
           where party_id > $3 and ($4::text is null or party_id = $4) order by party_id limit $5`,
          [q.administrationId, until, decodeCursor(q.cursor) ?? '', only, q.limit + 1],
        );
        const policy = await loadPolicy(em, q.administrationId);
        const scope = { administrationId: q.administrationId, asOf: today, currency };
        const ids = parties.map((p) => p.id);
        const { facts, states } = await readChunk(em, scope, ids, { partyMap: 'fragment', dueBefore: until });
        return ids.map((id) => {
          const party = facts.get(id);
          const calendar = party
            ? previewCalendar(party, states.get(id) ?? null, (f, s) => placeParty(policy, f, s), {
                from: today,
                days: q.days,
                currency,
              })
            : [];
          return { id, calendar };
        });
      });
      return toPage(rows, q.limit, (row) => row);
    },
  },
];
