import type { ServerRoute } from '@hapi/hapi';
import type { EntityManager } from '@mikro-orm/postgresql';
import { SCOPES } from '../auth/principal.ts';
import { failures } from '../http/answer-schemas.ts';
import { idempotencyFailures, idempotencyHeaders, idempotent } from '../http/idempotency.ts';
import { decodeKeyCursor, pageOf, pageQuery, toKeyPage } from '../http/pagination.ts';
import { input, principal, readForRequest, requestEm } from '../http/request-context.ts';
import { Joi } from '../shared/joi.ts';
import { isoDate, named, prefixedId } from '../shared/schemas.ts';
import { createManualTask, type ManualTaskInput } from './manual-task.ts';
import {
  cancelTask,
  completeTask,
  type Reassignment,
  reassignWork,
  type TaskPatch,
  updateTask,
} from './task-changes.ts';
import { listTasks, readTask, TASK_SORTS, type TaskFilter } from './task-list.ts';
import { outcomeSchema, presentTask, TASK_STATUSES, type TaskOutcome, taskView } from './task-view.ts';

const staffUser = Joi.string().trim().min(1).max(200);
const taskId = Joi.object({ taskId: prefixedId('tsk').required() });
const taskNotFound = { 404: 'No such task (`task_not_found`)' };
const notOpen = { 409: 'The task is done or cancelled (`task_not_open`)' };
const tags = ['api', 'tasks'];

export const taskRoutes: ServerRoute[] = [
  {
    method: 'GET',
    path: '/api/v1/tasks',
    options: {
      tags,
      id: 'listTasks',
      description: 'The action list: tasks with their debtor’s overdue position, filtered and sorted',
      notes:
        'Each task carries its debtor’s name, number, credit score, overdue balance per currency, days ' +
        'overdue of the oldest overdue invoice and overdue invoice count, so a screen needs no second call.',
      auth: { access: { scope: [SCOPES.dunningRead] } },
      response: { status: { 200: pageOf(taskView) } },
      validate: {
        query: Joi.object({
          ...pageQuery,
          assignee: staffUser.description('The staff user (token subject); `me` is the caller'),
          status: Joi.string()
            .valid(...TASK_STATUSES)
            .default('open'),
          administrationId: prefixedId('adm'),
          debtorId: prefixedId('dbt'),
          kind: Joi.string().max(64).description('`manual`, `phone_call`, `dunning_resumed` …'),
          dueBefore: isoDate.description('Due strictly before this date (YYYY-MM-DD)'),
          sort: Joi.string()
            .valid(...TASK_SORTS)
            .default('due_on')
            .description(
              '`due_on` (earliest first), `overdue_balance` (largest first), `oldest_overdue` (most days ' +
                'first), `invoice_count` (most first), `risk` (lowest credit score first, unknown last)',
            ),
        }),
      },
    },
    handler: async (request) => {
      const { limit, cursor, assignee, ...filter } = input<
        Omit<TaskFilter, 'after'> & { cursor?: string; assignee?: string }
      >(request.query);
      const after = decodeKeyCursor(cursor);
      const rows = await readForRequest(request, (em) =>
        listTasks(em, {
          ...filter,
          assignee: assignee === 'me' ? principal(request).subject : assignee,
          limit,
          after,
        }),
      );
      return toKeyPage(rows, limit, (row) => Number(row.sort_key), presentTask);
    },
  },
  {
    method: 'POST',
    path: '/api/v1/tasks',
    options: {
      tags,
      id: 'createTask',
      description: 'Put a manual task on the action list',
      auth: { access: { scope: [SCOPES.dunningWrite] } },
      response: {
        status: {
          201: taskView,
          ...failures({ 404: 'No such debtor (`debtor_not_found`)' }, idempotencyFailures),
        },
      },
      validate: {
        headers: idempotencyHeaders,
        payload: Joi.object({
          debtorId: prefixedId('dbt').required(),
          title: Joi.string().trim().min(1).max(500).required(),
          body: Joi.string().max(10000).allow(null),
          assignee: staffUser.description('Default: the debtor’s collector'),
          dueOn: isoDate.required(),
        }),
      },
    },
    handler: async (request, h) => {
      const { tenantId, subject } = principal(request);
      const response = await idempotent(requestEm(request), request, async (em) => {
        const id = await createManualTask(em, tenantId, subject, input<ManualTaskInput>(request.payload));
        return { statusCode: 201, body: presentTask(await readTask(em, id)) };
      });
      return h.response(response.body as object).code(response.statusCode);
    },
  },
  {
    method: 'POST',
    path: '/api/v1/tasks/reassign',
    options: {
      tags,
      id: 'reassignTasks',
      description: 'Hand one collector’s open tasks (and debtors) to another, in one transaction',
      auth: { access: { scope: [SCOPES.dunningWrite] } },
      response: {
        status: {
          200: named(
            'Reassigned',
            Joi.object({
              tasks: Joi.number().integer().required().description('Open tasks now assigned to `to`'),
              debtors: Joi.number().integer().required().description('Debtors whose collector is now `to`'),
            }),
          ),
        },
      },
      validate: {
        payload: Joi.object({
          from: staffUser.required(),
          to: staffUser
            .required()
            .invalid(Joi.ref('from'))
            .messages({ 'any.invalid': '"to" must differ from "from"' }),
          administrationId: prefixedId('adm'),
          includeDebtors: Joi.boolean()
            .default(true)
            .description('Also make `to` the collector of the debtors `from` collects'),
        }),
      },
    },
    handler: async (request) =>
      requestEm(request).transactional((em) =>
        reassignWork(em as EntityManager, input<Reassignment>(request.payload)),
      ),
  },
  {
    method: 'GET',
    path: '/api/v1/tasks/{taskId}',
    options: {
      tags,
      id: 'getTask',
      description: 'Get a task with its debtor’s overdue position',
      auth: { access: { scope: [SCOPES.dunningRead] } },
      response: { status: { 200: taskView, ...failures(taskNotFound) } },
      validate: { params: taskId },
    },
    handler: async (request) =>
      presentTask(
        await readForRequest(request, (em) => readTask(em, input<{ taskId: string }>(request.params).taskId)),
      ),
  },
  {
    method: 'PATCH',
    path: '/api/v1/tasks/{taskId}',
    options: {
      tags,
      id: 'updateTask',
      description: 'Reassign, reschedule or reword an open task',
      auth: { access: { scope: [SCOPES.dunningWrite] } },
      response: { status: { 200: taskView, ...failures(taskNotFound, notOpen) } },
      validate: {
        params: taskId,
        payload: Joi.object({
          assignee: staffUser.allow(null).description('null: unassigned'),
          dueOn: isoDate,
          title: Joi.string().trim().min(1).max(500),
          body: Joi.string().max(10000).allow(null),
        }).min(1),
      },
    },
    handler: async (request) => {
      const { taskId: id } = input<{ taskId: string }>(request.params);
      return requestEm(request).transactional(async (tx) => {
        const em = tx as EntityManager;
        await updateTask(em, id, input<TaskPatch>(request.payload));
        return presentTask(await readTask(em, id));
      });
    },
  },
  {
    method: 'POST',
    path: '/api/v1/tasks/{taskId}/complete',
    options: {
      tags,
      id: 'completeTask',
      description: 'Close an open task with its outcome (call result, promise or dispute recorded, note)',
      notes: 'The outcome appears on the debtor’s timeline.',
      auth: { access: { scope: [SCOPES.dunningWrite] } },
      response: { status: { 200: taskView, ...failures(taskNotFound, notOpen) } },
      validate: { params: taskId, payload: Joi.object({ outcome: outcomeSchema.required() }) },
    },
    handler: async (request) => {
      const { taskId: id } = input<{ taskId: string }>(request.params);
      const { outcome } = input<{ outcome: TaskOutcome }>(request.payload);
      return requestEm(request).transactional(async (tx) => {
        const em = tx as EntityManager;
        await completeTask(em, id, outcome, principal(request).subject);
        return presentTask(await readTask(em, id));
      });
    },
  },
  {
    method: 'POST',
    path: '/api/v1/tasks/{taskId}/cancel',
    options: {
      tags,
      id: 'cancelTask',
      description: 'Close an open task that is no longer needed',
      auth: { access: { scope: [SCOPES.dunningWrite] } },
      response: { status: { 200: taskView, ...failures(taskNotFound, notOpen) } },
      validate: { params: taskId },
    },
    handler: async (request) => {
      const { taskId: id } = input<{ taskId: string }>(request.params);
      return requestEm(request).transactional(async (tx) => {
        const em = tx as EntityManager;
        await cancelTask(em, id, principal(request).subject);
        return presentTask(await readTask(em, id));
      });
    },
  },
];
