import { defineModule } from '../shared/kredo-module.ts';
import { taskRoutes } from './task-routes.ts';

/** The collectors' action list: tasks from dunning, disputes, promises and by hand. */
export const tasksModule = defineModule({ name: 'tasks', needs: [], routes: () => taskRoutes });
