import type { ServerRoute } from '@hapi/hapi';
import { SCOPES } from '../auth/principal.ts';
import { failures } from '../http/answer-schemas.ts';
import { input, readForRequest } from '../http/request-context.ts';
import { Joi } from '../shared/joi.ts';
import { isoDate } from '../shared/schemas.ts';
import { ageing } from './ageing.ts';
import { ageingView, edgesQuery, kpisView, parseEdges, scopeQuery } from './insight-schemas.ts';
import type { InsightScope } from './insight-scope.ts';
import { type KpiQuery, kpis } from './kpis.ts';

const badQuery = { 400: 'A filter, date or bucket edge is not valid (`invalid_request`, `details.field`)' };

/** Insight reads the ledger: `ledger:read`, which every staff role holds (auth/roles.ts). */
export const insightRoutes: ServerRoute[] = [
  {
    method: 'GET',
    path: '/api/v1/insight/ageing',
    options: {
      tags: ['api', 'insight'],
      id: 'getAgeing',
      description: 'Ageing of open receivables per currency',
      notes:
        'Open invoices by days past due (not due, then one bucket per edge, then over the last edge), per currency; open credit notes apart. As of a past date, open amounts are rebuilt from payments’ value dates (docs/insight.md).',
      auth: { access: { scope: [SCOPES.ledgerRead] } },
      validate: { query: Joi.object({ ...scopeQuery, asOf: isoDate, edges: edgesQuery }) },
      response: { status: { 200: ageingView, ...failures(badQuery) } },
    },
    handler: async (request) => {
      const { edges, ...query } = input<InsightScope & { asOf?: string; edges?: string }>(request.query);
      return readForRequest(request, (em) => ageing(em, { ...query, edges: parseEdges(edges) }));
    },
  },
  {
    method: 'GET',
    path: '/api/v1/insight/kpis/period',
    options: {
      tags: ['api', 'insight'],
      id: 'getPeriodKpis',
      description: 'KPIs for a period, per currency',
      notes:
        'Count-back DSO, regular and best possible DSO, average days delinquent, CEI and the overdue share per currency; promises kept and disputes. Formulas and sources: docs/insight.md.',
      auth: { access: { scope: [SCOPES.ledgerRead] } },
      validate: {
        query: Joi.object({ ...scopeQuery, from: isoDate.required(), to: isoDate.required() }),
      },
      response: { status: { 200: kpisView, ...failures(badQuery) } },
    },
    handler: async (request) => readForRequest(request, (em) => kpis(em, input<KpiQuery>(request.query))),
  },
];
