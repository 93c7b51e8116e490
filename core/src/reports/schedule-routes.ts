import type { ServerRoute } from '@hapi/hapi';
import type { EntityManager } from '@mikro-orm/postgresql';
import { SCOPES } from '../auth/principal.ts';
import { failures, noContent } from '../http/answer-schemas.ts';
import { idempotencyFailures, idempotencyHeaders, idempotent } from '../http/idempotency.ts';
import { input, principal, readForRequest, requestEm } from '../http/request-context.ts';
import { Joi } from '../shared/joi.ts';
import { prefixedId } from '../shared/schemas.ts';
import { recentDeliveries } from './delivery-store.ts';
import {
  createSchedule,
  deleteSchedule,
  getSchedule,
  listSchedules,
  replaceSchedule,
  type ScheduleInput,
} from './schedule-store.ts';
import { presentSchedule, schedulePayload, scheduleView } from './schedule-view.ts';

const tags = ['api', 'reports'];
const scheduleId = Joi.object({ scheduleId: prefixedId('rps').required() });
const notFound = { 404: 'No such schedule (`report_schedule_not_found`)' };
const badSchedule = {
  400: 'A field is not valid: the kind, a parameter of its report (`parameters.<field>`), the table, a recipient (`invalid_request`, `details.field`)',
  403: 'The schedule’s administration is outside the caller’s access (`administration_not_allowed`)',
  404: 'The administration its parameters name does not exist (`administration_not_found`)',
};
const read = { access: { scope: [SCOPES.ledgerRead] } };
const manage = { access: { scope: [SCOPES.reportsManage] } };

/** Report schedules: reading them takes `ledger:read`, changing them `reports:manage`. */
export const scheduleRoutes: ServerRoute[] = [
  {
    method: 'POST',
    path: '/api/v1/report-schedules',
    options: {
      tags,
      id: 'createReportSchedule',
      description: 'Schedule a report to be mailed daily, weekly or monthly to a list of people',
      auth: manage,
      validate: { headers: idempotencyHeaders, payload: schedulePayload },
      response: { status: { 201: scheduleView, ...failures(badSchedule, idempotencyFailures) } },
    },
    handler: async (request, h) => {
      const { tenantId, subject } = principal(request);
      const response = await idempotent(requestEm(request), request, async (em) => ({
        statusCode: 201,
        body: presentSchedule(
          await createSchedule(em, tenantId, subject, input<ScheduleInput>(request.payload)),
        ),
      }));
      return h.response(response.body as object).code(response.statusCode);
    },
  },
  {
    method: 'GET',
    path: '/api/v1/report-schedules',
    options: {
      tags,
      id: 'listReportSchedules',
      description: 'The tenant’s report schedules',
      auth: read,
      response: {
        status: { 200: Joi.object({ data: Joi.array().items(scheduleView).required() }), ...failures() },
      },
    },
    handler: async (request) => ({
      data: (await readForRequest(request, listSchedules)).map((row) => presentSchedule(row)),
    }),
  },
  {
    method: 'GET',
    path: '/api/v1/report-schedules/{scheduleId}',
    options: {
      tags,
      id: 'getReportSchedule',
      description: 'A report schedule with its latest periods: sent, failed, or being sent',
      auth: read,
      validate: { params: scheduleId },
      response: { status: { 200: scheduleView, ...failures(notFound) } },
    },
    handler: (request) => {
      const { scheduleId: id } = input<{ scheduleId: string }>(request.params);
      return readForRequest(request, async (em) =>
        presentSchedule(await getSchedule(em, id), await recentDeliveries(em, id)),
      );
    },
  },
  {
    method: 'PUT',
    path: '/api/v1/report-schedules/{scheduleId}',
    options: {
      tags,
      id: 'replaceReportSchedule',
      description: 'Change a report schedule (what it already mailed stays recorded)',
      auth: manage,
      validate: { params: scheduleId, payload: schedulePayload },
      response: { status: { 200: scheduleView, ...failures(badSchedule, notFound) } },
    },
    handler: (request) => {
      const { scheduleId: id } = input<{ scheduleId: string }>(request.params);
      return requestEm(request).transactional(async (tx) =>
        presentSchedule(
          await replaceSchedule(tx as EntityManager, id, input<ScheduleInput>(request.payload)),
        ),
      );
    },
  },
  {
    method: 'DELETE',
    path: '/api/v1/report-schedules/{scheduleId}',
    options: {
      tags,
      id: 'deleteReportSchedule',
      description: 'Stop a report schedule (its record of what was mailed goes with it)',
      auth: manage,
      validate: { params: scheduleId },
      response: { status: { 204: noContent, ...failures(notFound) } },
    },
    handler: async (request, h) => {
      const { scheduleId: id } = input<{ scheduleId: string }>(request.params);
      await deleteSchedule(requestEm(request), id);
      return h.response().code(204);
    },
  },
];
