import type { Queryable } from '@kredo/identity';
import { withStaffCheck } from '../identity-admin/index.ts';
import { defineModule } from '../shared/kredo-module.ts';
import { taskRoutes } from './task-routes.ts';

/** The collectors' action list: tasks from dunning, disputes, promises and by hand. An assignee set through the API is one of the tenant's users. */
export const tasksModule = defineModule({
  name: 'tasks',
  needs: ['identityDb'],
  routes: ({ identityDb }: { identityDb: Queryable }) =>
    withStaffCheck(taskRoutes, identityDb, {
      createTask: ['assignee'],
      updateTask: ['assignee'],
      reassignTasks: ['to'],
    }),
});
