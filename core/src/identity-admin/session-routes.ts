import type { Request, ServerRoute } from '@hapi/hapi';
import {
  listSessions,
  type Queryable,
  revokeAllSessions,
  revokeSession,
  type SessionView,
} from '@kredo/identity';
import { SCOPES } from '../auth/principal.ts';
import { failures, noContent } from '../http/answer-schemas.ts';
import { input, principal } from '../http/request-context.ts';
import { notFound } from '../shared/errors.ts';
import { Joi } from '../shared/joi.ts';
import { instant, named } from '../shared/schemas.ts';
import { actorOf } from './api-client-routes.ts';
import { guardedMember } from './user-routes.ts';
import { userIdSchema } from './user-view.ts';

const tags = ['api', 'identity'];
const access = { scope: [SCOPES.identityManage] };
const userNotFound = { 404: 'The account is not a member of this tenant (`user_not_found`)' };
const sessionIdSchema = Joi.string()
  .pattern(/^[\w-]{1,64}$/)
  .description('The session’s id (not its cookie, which is never shown)');

const sessionView = named(
  'UserSession',
  Joi.object({
    id: sessionIdSchema.required(),
    createdAt: instant.required().description('When the person signed in'),
    lastUsedAt: instant.required().description('When the session was last used to sign in to a client'),
    expiresAt: instant.allow(null).required(),
    clients: Joi.array()
      .items(
        Joi.object({ clientId: Joi.string().required(), name: Joi.string().required() }).label(
          'SessionClient',
        ),
      )
      .required()
      .description('The clients it signed in to for this tenant'),
  }),
);
const revokedView = Joi.object({
  sessions: Joi.number().integer().required().description('Sessions ended'),
  grants: Joi.number().integer().required().description('Grants revoked with their refresh tokens'),
}).label('RevokedSessions');

function presentSession(session: SessionView) {
  return {
    id: session.id,
    createdAt: session.createdAt.toISOString(),
    lastUsedAt: session.lastUsedAt.toISOString(),
    expiresAt: session.expiresAt?.toISOString() ?? null,
    clients: session.clients,
  };
}

const endsNote =
  'Ends the browser session (the person signs in again, to any tenant) and revokes the grants it holds for this tenant: refresh tokens are refused at once; access tokens already issued stay valid until their `exp`, at most 60 minutes.';

/** A member's sign-in sessions that reached the tenant: list them, end one or all (identity:manage). */
export function sessionRoutes(identityDb: Queryable): ServerRoute[] {
  const params = { id: userIdSchema.required() };
  /** The caller's tenant and the member named in the path (404 for another tenant's, 400 beyond the caller). */
  const memberOf = async (request: Request) => {
    const { tenantId, scopes } = principal(request);
    const { id } = input<{ id: string }>(request.params);
    return { tenantId, member: await guardedMember({ identityDb }, tenantId, id, scopes) };
  };
  return [
    {
      method: 'GET',
      path: '/api/v1/users/{id}/sessions',
      options: {
        tags,
        id: 'listUserSessions',
        description: 'A member’s live sessions that signed in to a client for this tenant, newest first',
        notes: 'No secret: neither the session cookie nor any token.',
        auth: { access },
        response: {
          status: {
            200: Joi.object({ data: Joi.array().items(sessionView).required() }).label('UserSessions'),
            ...failures(userNotFound),
          },
        },
        validate: { params: Joi.object(params) },
      },
      handler: async (request) => {
        const { tenantId, member } = await memberOf(request);
        return { data: (await listSessions(identityDb, tenantId, member.id)).map(presentSession) };
      },
    },
    {
      method: 'DELETE',
      path: '/api/v1/users/{id}/sessions/{sessionId}',
      options: {
        tags,
        id: 'revokeUserSession',
        description: 'End one of a member’s sessions',
        notes: `${endsNote} Audited \`session.revoked\`.`,
        auth: { access },
        response: {
          status: {
            204: noContent,
            ...failures({ 404: 'No such member (`user_not_found`) or session (`session_not_found`)' }),
          },
        },
        validate: { params: Joi.object({ ...params, sessionId: sessionIdSchema.required() }) },
      },
      handler: async (request, h) => {
        const { tenantId, member } = await memberOf(request);
        const { sessionId } = input<{ sessionId: string }>(request.params);
        const ended = await revokeSession(
          identityDb,
          { tenantId, accountId: member.id, sessionId },
          actorOf(request),
        );
        if (!ended) throw notFound('Session', sessionId);
        return h.response().code(204);
      },
    },
    {
      method: 'DELETE',
      path: '/api/v1/users/{id}/sessions',
      options: {
        tags,
        id: 'revokeUserSessions',
        description: 'End all of a member’s sessions and revoke every grant it has for this tenant',
        notes: `${endsNote} Grants whose session is already gone (a refresh token outlives its session) are revoked too. Audited \`sessions.revoked\`.`,
        auth: { access },
        response: { status: { 200: revokedView, ...failures(userNotFound) } },
        validate: { params: Joi.object(params) },
      },
      handler: async (request) => {
        const { tenantId, member } = await memberOf(request);
        return revokeAllSessions(
          identityDb,
          { tenantId, accountId: member.id, reason: 'admin' },
          actorOf(request),
        );
      },
    },
  ];
}
