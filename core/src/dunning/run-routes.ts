import type { ServerRoute } from '@hapi/hapi';
import { getAdministration } from '../administrations/administration-service.ts';
import { SCOPES } from '../auth/principal.ts';
import type { Orm } from '../db/orm.ts';
import { failures } from '../http/answer-schemas.ts';
import { idempotencyFailures, idempotencyHeaders, idempotent } from '../http/idempotency.ts';
import { decodeCursor, pageOf, pageQuery, toPage } from '../http/pagination.ts';
import { input, principal, requestEm } from '../http/request-context.ts';
import { Joi } from '../shared/joi.ts';
import { instant, isoDate, named, prefixedId } from '../shared/schemas.ts';
import type { DecidedAction } from './evaluate-types.ts';
import { runDunning } from './run-dunning.ts';
import { listRuns, type RunRow, readRun } from './run-store.ts';

const counts = Joi.object().pattern(Joi.string(), Joi.number().integer());
const runView = named(
  'DunningRun',
  Joi.object({
    id: prefixedId('drn').required(),
    administrationId: prefixedId('adm').required(),
    asOf: isoDate.required(),
    dryRun: Joi.boolean().required(),
    trigger: Joi.string().valid('schedule', 'api', 'cli').required(),
    status: Joi.string().valid('running', 'succeeded', 'failed').required(),
    startedBy: Joi.string().allow(null).required(),
    summary: Joi.object({
      debtorsEvaluated: Joi.number().integer().required(),
      actionsCreated: counts.required().description('By kind (a dry run: decided)'),
      skipped: counts.required().description('By reason: paused, not_due, taken_today, below_minimum …'),
      episodesStarted: Joi.number().integer().required(),
      episodesClosed: Joi.number().integer().required(),
      pausesEnded: Joi.number().integer().required(),
      chargesSkipped: counts.description(
        'Actions claiming charges that went without them, by reason: rate_missing (a half-year has no interest rate)',
      ),
    })
      .allow(null)
      .required(),
    error: Joi.object({
      code: Joi.string()
        .valid('interrupted')
        .description('interrupted: the run died before it finished; a later run took over'),
      message: Joi.string().required(),
    })
      .allow(null)
      .required(),
    startedAt: instant.required(),
    finishedAt: instant.allow(null).required(),
  }),
);

const decidedView = Joi.object({
  debtorId: prefixedId('dbt').required(),
  kind: Joi.string().required(),
  stepIndex: Joi.number().integer().required(),
  stepName: Joi.string().required(),
  idempotencyKey: Joi.string().required(),
  totalOpen: Joi.number().integer().required(),
  currency: Joi.string().required(),
  invoiceCount: Joi.number().integer().required(),
  summary: Joi.string().required(),
});

const presentRun = (run: RunRow) => run;
const presentDecided = (a: DecidedAction) => ({
  debtorId: a.debtorId,
  kind: a.kind,
  stepIndex: a.stepIndex,
  stepName: a.stepName,
  idempotencyKey: a.idempotencyKey,
  totalOpen: a.totalOpen,
  currency: a.currency,
  invoiceCount: a.invoices.length,
  summary: a.reason.summary,
});

export function runRoutes({ orm }: { orm: Orm }): ServerRoute[] {
  return [
    {
      method: 'POST',
      path: '/api/v1/dunning/runs',
      options: {
        tags: ['api', 'dunning'],
        id: 'startDunningRun',
        description: 'Run dunning for an administration now (or a dry run)',
        notes:
          'Synchronous: answers when the run is done, with its summary. A dry run writes only the run row and ' +
          'answers the first 100 actions it would create. A second run of the same administration waits for the ' +
          'first and then finds today’s steps taken. `asOf` runs as of another business date (invoices as they ' +
          'stand now).',
        auth: { access: { scope: [SCOPES.dunningWrite] } },
        response: {
          status: {
            201: named(
              'DunningRunResult',
              Joi.object({ run: runView.required(), actions: Joi.array().items(decidedView).required() }),
            ),
            ...failures({ 404: 'No such administration (`administration_not_found`)' }, idempotencyFailures),
          },
        },
        validate: {
          headers: idempotencyHeaders,
          payload: Joi.object({
            administrationId: prefixedId('adm').required(),
            asOf: isoDate.description('Run as of this business date; default today in the administration'),
            dryRun: Joi.boolean().default(false),
          }),
        },
      },
      handler: async (request, h) => {
        const { tenantId, subject } = principal(request);
        const payload = input<{ administrationId: string; asOf?: string; dryRun: boolean }>(request.payload);
        // The run commits chunk by chunk on its own connection; the idempotency key only keeps the answer.
        const response = await idempotent(requestEm(request), request, async (em) => {
          await getAdministration(em, payload.administrationId);
          const result = await runDunning(
            { orm },
            { tenantId, ...payload, trigger: 'api', startedBy: subject },
          );
          return { statusCode: 201, body: { run: result.run, actions: result.actions.map(presentDecided) } };
        });
        return h.response(response.body as object).code(response.statusCode);
      },
    },
    {
      method: 'GET',
      path: '/api/v1/dunning/runs',
      options: {
        tags: ['api', 'dunning'],
        id: 'listDunningRuns',
        description: 'List dunning runs, newest first',
        auth: { access: { scope: [SCOPES.dunningRead] } },
        response: { status: { 200: pageOf(runView) } },
        validate: { query: Joi.object({ ...pageQuery, administrationId: prefixedId('adm') }) },
      },
      handler: async (request) => {
        const { limit, cursor, administrationId } = input<{
          limit: number;
          cursor?: string;
          administrationId?: string;
        }>(request.query);
        const rows = await listRuns(requestEm(request), {
          administrationId,
          after: decodeCursor(cursor),
          limit,
        });
        return toPage(rows, limit, presentRun);
      },
    },
    {
      method: 'GET',
      path: '/api/v1/dunning/runs/{runId}',
      options: {
        tags: ['api', 'dunning'],
        id: 'getDunningRun',
        description: 'Get a dunning run and its summary',
        auth: { access: { scope: [SCOPES.dunningRead] } },
        response: { status: { 200: runView, ...failures({ 404: 'No such run (`dunning_run_not_found`)' }) } },
        validate: { params: Joi.object({ runId: prefixedId('drn').required() }) },
      },
      handler: async (request) => readRun(requestEm(request), input<{ runId: string }>(request.params).runId),
    },
  ];
}
