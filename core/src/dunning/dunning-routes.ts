import type { ServerRoute } from '@hapi/hapi';
import type { Orm } from '../db/orm.ts';
import { actionRoutes } from './action-routes.ts';
import { holdRoutes } from './hold-routes.ts';
import { previewRoutes } from './preview-routes.ts';
import { runRoutes } from './run-routes.ts';
import { segmentRoutes } from './segment-routes.ts';
import { settingsRoutes } from './settings-routes.ts';
import { strategyRoutes } from './strategy-routes.ts';

/** The engine's routes: policy (strategies, segments, settings), runs and preview, actions, state and holds. */
export function dunningRoutes(deps: { orm: Orm }): ServerRoute[] {
  return [
    ...strategyRoutes,
    ...segmentRoutes,
    ...settingsRoutes,
    ...runRoutes(deps),
    ...previewRoutes,
    ...actionRoutes,
    ...holdRoutes,
  ];
}
