import type { ServerRoute } from '@hapi/hapi';
import { SCOPES } from '../auth/principal.ts';
import { failures } from '../http/answer-schemas.ts';
import { decodeCursor, pageOf, pageQuery, toPage } from '../http/pagination.ts';
import { input, readForRequest } from '../http/request-context.ts';
import type { PluginLogLevel } from '../plugin-host/index.ts';
import { Joi } from '../shared/joi.ts';
import { prefixedId } from '../shared/schemas.ts';
import { LOG_LEVELS, listPluginLogs, logLineView } from './plugin-log-store.ts';

// The same scope as the installation routes: whoever manages a tenant's plugins sees how they fare.
const access = { scope: [SCOPES.pluginsManage] };

/** The tenant's view of what its installation of a plugin wrote with `ctx.log`. */
export const pluginLogRoutes: ServerRoute[] = [
  {
    method: 'GET',
    path: '/api/v1/plugins/installations/{installationId}/logs',
    options: {
      tags: ['api', 'plugins'],
      id: 'listPluginLogs',
      description: "List an installation's log lines, newest first",
      notes:
        "The plugin's own text, with the hook that wrote it. Lines over the rate limit are dropped and counted in one `dropped` marker; only the newest lines are kept.",
      auth: { access },
      response: {
        status: {
          200: pageOf(logLineView),
          ...failures({ 404: 'No such installation (`installation_not_found`)' }),
        },
      },
      validate: {
        params: Joi.object({ installationId: prefixedId('ins').required() }),
        query: Joi.object({
          ...pageQuery,
          level: Joi.string()
            .valid(...LOG_LEVELS)
            .description('The least severe level listed: `warn` lists warn and error.'),
        }),
      },
    },
    handler: async (request) => {
      const { installationId } = input<{ installationId: string }>(request.params);
      const { limit, cursor, level } = input<{ limit: number; cursor?: string; level?: PluginLogLevel }>(
        request.query,
      );
      const rows = await readForRequest(request, (em) =>
        listPluginLogs(em, installationId, { level, limit, before: decodeCursor(cursor) }),
      );
      return toPage(rows, limit, (row) => row);
    },
  },
];
