import type { ServerRoute } from '@hapi/hapi';
import type { EntityManager } from '@mikro-orm/postgresql';
import { businessDateOf, getAdministration } from '../administrations/index.ts';
import { SCOPES } from '../auth/principal.ts';
import { failures } from '../http/answer-schemas.ts';
import { input, principal, readForRequest, requestEm } from '../http/request-context.ts';
import { invalid } from '../shared/errors.ts';
import { addDays } from '../shared/iso-date.ts';
import { Joi } from '../shared/joi.ts';
import { currency, isoDate, prefixedId } from '../shared/schemas.ts';
import { ageing } from './ageing.ts';
import {
  ageingView,
  edgesQuery,
  kpisView,
  parseEdges,
  scopeQuery,
  seriesView,
  settingsView,
} from './insight-schemas.ts';
import type { InsightScope } from './insight-scope.ts';
import { readInsightSettings, writeInsightSettings } from './insight-settings.ts';
import { type KpiQuery, kpis } from './kpis.ts';
import { type SeriesQuery, snapshotSeries } from './snapshot-series.ts';
import { SNAPSHOT_GROUPS, takeSnapshot } from './take-snapshot.ts';

const convertTo = currency.description(
  'Convert every currency into this one at the tenant’s rates (PUT /insight/rates); 400 when one is missing',
);

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
      validate: { query: Joi.object({ ...scopeQuery, asOf: isoDate, edges: edgesQuery, convertTo }) },
      response: { status: { 200: ageingView, ...failures(badQuery) } },
    },
    handler: async (request) => {
      const { edges, ...query } = input<InsightScope & { asOf?: string; edges?: string; convertTo?: string }>(
        request.query,
      );
      return readForRequest(request, async (em) => {
        const given = parseEdges(edges);
        const administrations = query.administrationId
          ? (await readInsightSettings(em, query.administrationId)).ageingEdges
          : undefined;
        return ageing(em, { ...query, edges: given ?? administrations });
      });
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
        query: Joi.object({ ...scopeQuery, from: isoDate.required(), to: isoDate.required(), convertTo }),
      },
      response: { status: { 200: kpisView, ...failures(badQuery) } },
    },
    handler: async (request) => readForRequest(request, (em) => kpis(em, input<KpiQuery>(request.query))),
  },
  {
    method: 'GET',
    path: '/api/v1/insight/kpis',
    options: {
      tags: ['api', 'insight'],
      id: 'getKpiSeries',
      description: 'KPIs and ageing per day, from the daily snapshots',
      notes:
        'One point per day, administration and group (`groupBy`): the KPIs of the trailing period ending that day and the ageing on it, per currency, as the snapshot kept them. `missing` lists days without a snapshot.',
      auth: { access: { scope: [SCOPES.ledgerRead] } },
      validate: {
        query: Joi.object({
          from: isoDate.required(),
          to: isoDate.required(),
          groupBy: Joi.string()
            .valid(...SNAPSHOT_GROUPS)
            .default('administration'),
          administrationId: prefixedId('adm'),
          groupKey: Joi.string().min(1).max(200).description('Only this segment’s or collector’s points'),
        }),
      },
      response: { status: { 200: seriesView, ...failures(badQuery) } },
    },
    handler: async (request) =>
      readForRequest(request, (em) => snapshotSeries(em, input<SeriesQuery>(request.query))),
  },
  {
    method: 'POST',
    path: '/api/v1/insight/snapshots',
    options: {
      tags: ['api', 'insight'],
      id: 'takeSnapshot',
      description: 'Take (or retake) an administration’s snapshot of a day',
      notes:
        'What the hourly job does for each day that ended; taking a day again replaces its figures. The day must have ended in the administration’s time zone.',
      auth: { access: { scope: [SCOPES.ledgerWrite] } },
      validate: {
        payload: Joi.object({ administrationId: prefixedId('adm').required(), day: isoDate.required() }),
      },
      response: {
        status: {
          200: Joi.object({
            day: isoDate.required(),
            rebuilt: Joi.boolean().required(),
            groups: Joi.number().integer().required(),
          }),
          ...failures(badQuery, { 404: 'No such administration (`administration_not_found`)' }),
        },
      },
    },
    handler: async (request) => {
      const { tenantId } = principal(request);
      const { administrationId, day } = input<{ administrationId: string; day: string }>(request.payload);
      return requestEm(request).transactional(async (em) => {
        const today = await businessDateOf(em, (await getAdministration(em, administrationId)).id);
        if (day >= today) throw invalid('day', `must have ended: before ${today}`);
        const rebuilt = day < addDays(today, -1);
        const groups = await takeSnapshot(em, tenantId, administrationId, day, rebuilt);
        return { day, rebuilt, groups };
      });
    },
  },
  {
    method: 'GET',
    path: '/api/v1/insight/settings/{administrationId}',
    options: {
      tags: ['api', 'insight'],
      id: 'getInsightSettings',
      description: 'An administration’s ageing edges and snapshot KPI period',
      auth: { access: { scope: [SCOPES.ledgerRead] } },
      validate: { params: Joi.object({ administrationId: prefixedId('adm').required() }) },
      response: { status: { 200: settingsView } },
    },
    handler: async (request) =>
      readForRequest(request, (em) =>
        readInsightSettings(em, input<{ administrationId: string }>(request.params).administrationId),
      ),
  },
  {
    method: 'PUT',
    path: '/api/v1/insight/settings/{administrationId}',
    options: {
      tags: ['api', 'insight'],
      id: 'setInsightSettings',
      description: 'Change an administration’s ageing edges or snapshot KPI period',
      auth: { access: { scope: [SCOPES.ledgerWrite] } },
      validate: {
        params: Joi.object({ administrationId: prefixedId('adm').required() }),
        payload: Joi.object({
          ageingEdges: Joi.array().items(Joi.number().integer()).min(1).max(10),
          kpiPeriodDays: Joi.number().integer().min(1).max(366),
        }).min(1),
      },
      response: {
        status: {
          200: settingsView,
          ...failures(badQuery, { 404: 'No such administration (`administration_not_found`)' }),
        },
      },
    },
    handler: async (request) => {
      const { tenantId } = principal(request);
      const { administrationId } = input<{ administrationId: string }>(request.params);
      return requestEm(request).transactional((em) =>
        writeInsightSettings(em as EntityManager, tenantId, administrationId, input<object>(request.payload)),
      );
    },
  },
];
