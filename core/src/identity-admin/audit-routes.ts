import type { ServerRoute } from '@hapi/hapi';
import { AuditInputError, listAudit, type Queryable } from '@kredo/identity';
import { SCOPES } from '../auth/principal.ts';
import { decodeCursor, pageOf, pageQuery, toPage } from '../http/pagination.ts';
import { input, principal } from '../http/request-context.ts';
import { invalid } from '../shared/errors.ts';
import { Joi } from '../shared/joi.ts';
import { auditEventView, presentAuditEvent } from './audit-view.ts';

/** The tenant's audit log, kept append-only by the identity server. */
export function auditRoutes(identityDb: Queryable): ServerRoute[] {
  return [
    {
      method: 'GET',
      path: '/api/v1/audit-events',
      options: {
        tags: ['api', 'identity'],
        id: 'listAuditEvents',
        description: 'The tenant’s audit log, newest first',
        auth: { access: { scope: [SCOPES.identityManage] } },
        response: { status: { 200: pageOf(auditEventView) } },
        validate: {
          query: Joi.object({
            ...pageQuery,
            type: Joi.string()
              .pattern(/^[a-z][a-z0-9_.-]{0,99}$/)
              .description('Only events of this type, e.g. `api_client.created`'),
          }),
        },
      },
      handler: async (request) => {
        const { limit, cursor, type } = input<{ limit: number; cursor?: string; type?: string }>(
          request.query,
        );
        const events = await listAudit(identityDb, {
          tenantId: principal(request).tenantId,
          after: decodeCursor(cursor),
          limit: limit + 1,
          type,
        }).catch((error: unknown) => {
          // A well-formed cursor whose content is not an event id: only a hand-made one.
          if (error instanceof AuditInputError) throw invalid('cursor', 'not a cursor returned by this API');
          throw error;
        });
        return toPage(events, limit, presentAuditEvent);
      },
    },
  ];
}
