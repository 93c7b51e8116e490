import type { Request, ServerRoute } from '@hapi/hapi';
import {
  AccountInputError,
  changeMember,
  changeTenantPolicy,
  findMember,
  inviteMember,
  type Language,
  listMembers,
  type Queryable,
  type Role,
  setMemberDisabled,
} from '@kredo/identity';
import { visibleAdministrationIds } from '../administrations/index.ts';
import { SCOPES } from '../auth/principal.ts';
import { failures } from '../http/answer-schemas.ts';
import { idempotencyHeaders, idempotentCall, idempotentCallFailures } from '../http/idempotency.ts';
import { decodeCursor, pageOf, pageQuery, toPage } from '../http/pagination.ts';
import { input, principal, requestEm } from '../http/request-context.ts';
import { conflict, invalid, notFound } from '../shared/errors.ts';
import { Joi } from '../shared/joi.ts';
import { actorOf } from './api-client-routes.ts';
import { type InvitationMailDeps, sendInvitation } from './invitation-mail.ts';
import { checkAdministrationGrants, checkRoleGrants } from './role-grants.ts';
import {
  administrationsSchema,
  invitedUserView,
  presentUser,
  rolesSchema,
  userIdSchema,
  userView,
} from './user-view.ts';

const tags = ['api', 'identity'];
const access = { scope: [SCOPES.identityManage] };
const userNotFound = { 404: 'The account is not a member of this tenant (`user_not_found`)' };

export interface UserRouteDeps extends InvitationMailDeps {
  identityDb: Queryable;
}

/**
 * The tenant's staff, kept by the identity server: invite, list, change roles and administrations,
 * deactivate and reactivate (this tenant's membership only), and the tenant's sign-in policy.
 */
export function userRoutes(deps: UserRouteDeps): ServerRoute[] {
  const { identityDb } = deps;
  return [
    {
      method: 'POST',
      path: '/api/v1/users',
      options: {
        tags,
        id: 'inviteUser',
        description:
          'Invite a person: their account (if new) and membership, and a mailed link to set a password',
        notes:
          'The roles must be ones the caller may give: every scope of each role held by the caller (400 naming `roles[i]`). The link works once, for 7 days. An e-mail already this tenant’s member is 409 `user_exists`.',
        auth: { access },
        response: {
          status: {
            201: invitedUserView,
            ...failures(idempotentCallFailures, {
              409: 'The e-mail is already this tenant’s member (`user_exists`)',
            }),
          },
        },
        validate: {
          headers: idempotencyHeaders,
          payload: Joi.object({
            email: Joi.string().trim().email({ tlds: false }).max(320).required(),
            name: Joi.string().trim().min(1).max(200).required(),
            language: Joi.string()
              .valid('nl', 'en', 'de', 'fr')
              .default('nl')
              .description('Of the pages and mails'),
            roles: rolesSchema.required(),
            administrations: administrationsSchema,
          }),
        },
      },
      handler: async (request, h) => {
        const { tenantId, scopes } = principal(request);
        const body = input<{
          email: string;
          name: string;
          language: Language;
          roles: Role[];
          administrations?: string[] | null;
        }>(request.payload);
        checkRoleGrants(body.roles, scopes);
        await checkAdministrations(request, body.administrations);
        // Identity's writes commit on its own connection; the mail goes after them, so a mail
        // refused leaves an invited member (the answer says so) rather than a mail with a dead link.
        const response = await idempotentCall(requestEm(request), request, {
          call: async () => {
            const invited = await identityCall(() =>
              inviteMember(identityDb, { ...body, tenantId }, actorOf(request)),
            );
            const mailed = await sendInvitation(deps, invited);
            return { ...invited, ...mailed };
          },
          store: async (_tx, invited) => ({
            statusCode: 201,
            body: {
              ...presentUser(invited.member),
              invitation: {
                expiresAt: invited.expiresAt.toISOString(),
                mailed: invited.mailed,
                problem: invited.problem,
              },
            },
          }),
        });
        return h.response(response.body as object).code(response.statusCode);
      },
    },
    {
      method: 'GET',
      path: '/api/v1/users',
      options: {
        tags,
        id: 'listUsers',
        description: 'The tenant’s members, invited and deactivated ones included, by id',
        auth: { access },
        response: { status: { 200: pageOf(userView) } },
        validate: { query: Joi.object(pageQuery) },
      },
      handler: async (request) => {
        const { limit, cursor } = input<{ limit: number; cursor?: string }>(request.query);
        const members = await listMembers(identityDb, principal(request).tenantId, {
          after: decodeCursor(cursor),
          limit: limit + 1,
        });
        return toPage(members, limit, presentUser);
      },
    },
    {
      method: 'PATCH',
      path: '/api/v1/users/{id}',
      options: {
        tags,
        id: 'updateUser',
        description: 'Change a member’s roles and/or administrations in this tenant (audited `role.changed`)',
        notes:
          'The new roles must be ones the caller may give, and so must the roles taken away: nobody changes a user who can do more than they can.',
        auth: { access },
        response: { status: { 200: userView, ...failures(userNotFound) } },
        validate: {
          params: Joi.object({ id: userIdSchema.required() }),
          payload: Joi.object({ roles: rolesSchema, administrations: administrationsSchema }).or(
            'roles',
            'administrations',
          ),
        },
      },
      handler: async (request) => {
        const { tenantId, scopes } = principal(request);
        const { id } = input<{ id: string }>(request.params);
        const change = input<{ roles?: Role[]; administrations?: string[] | null }>(request.payload);
        const actor = actorOf(request);
        const member = await guardedMember(deps, tenantId, id, scopes);
        if (change.roles) checkRoleGrants(change.roles, scopes);
        if ('administrations' in change) await checkAdministrations(request, change.administrations);
        const changed = await identityCall(() =>
          changeMember(identityDb, tenantId, member.id, change, actor),
        );
        if (!changed) throw notFound('User', id);
        return presentUser(changed);
      },
    },
    ...(['deactivate', 'reactivate'] as const).map(
      (action): ServerRoute => ({
        method: 'POST',
        path: `/api/v1/users/{id}/${action}`,
        options: {
          tags,
          id: `${action}User`,
          description:
            action === 'deactivate'
              ? 'Deactivate a member in this tenant: no sign-in to it, its sessions ended and grants for it revoked at once'
              : 'Reactivate a deactivated member of this tenant',
          notes:
            'Only this tenant’s membership changes: the person’s account and other tenants’ grants are not touched (a browser session that reached this tenant is ended, as by `revokeUserSessions`). Doing it twice answers the same. Audited `user.deactivated` / `user.reactivated` (and `sessions.revoked`).',
          auth: { access },
          response: { status: { 200: userView, ...failures(userNotFound) } },
          validate: { params: Joi.object({ id: userIdSchema.required() }) },
        },
        handler: async (request) => {
          const { tenantId, scopes, subject } = principal(request);
          const { id } = input<{ id: string }>(request.params);
          const member = await guardedMember(deps, tenantId, id, scopes);
          if (action === 'deactivate' && member.id === subject)
            throw invalid('id', 'you cannot deactivate yourself');
          const changed = await setMemberDisabled(
            identityDb,
            tenantId,
            member.id,
            action === 'deactivate',
            actorOf(request),
          );
          if (!changed) throw notFound('User', id);
          return presentUser(changed);
        },
      }),
    ),
    {
      method: 'PUT',
      path: '/api/v1/identity/policy',
      options: {
        tags,
        id: 'putIdentityPolicy',
        description:
          'The tenant’s sign-in policy: require2fa makes every member enrol TOTP at their next sign-in',
        notes: 'Audited `policy.changed`.',
        auth: { access },
        response: {
          status: { 200: Joi.object({ require2fa: Joi.boolean().required() }).label('IdentityPolicy') },
        },
        validate: { payload: Joi.object({ require2fa: Joi.boolean().required() }) },
      },
      handler: async (request) => {
        const { require2fa } = input<{ require2fa: boolean }>(request.payload);
        await changeTenantPolicy(identityDb, principal(request).tenantId, { require2fa }, actorOf(request));
        return { require2fa };
      },
    },
  ];
}

/**
 * The tenant's member, or 404 (another tenant's account is as absent as one that never was); and
 * no changing someone who holds a role the caller could not give (400 naming `id`).
 */
export async function guardedMember(
  deps: Pick<UserRouteDeps, 'identityDb'>,
  tenantId: string,
  id: string,
  scopes: string[],
) {
  const member = await findMember(deps.identityDb, tenantId, id);
  if (!member) throw notFound('User', id);
  try {
    checkRoleGrants(member.roles, scopes);
  } catch {
    throw invalid('id', 'the user holds a role you cannot give: you cannot change them');
  }
  return member;
}

/** Identity's input errors as core's answers: a taken membership 409, the rest 400 naming the field. */
async function identityCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof AccountInputError)) throw error;
    if (error.problem === 'member')
      throw conflict('user_exists', 'The e-mail is already this tenant’s member');
    throw invalid(error.field, error.problem);
  }
}

/** checkAdministrationGrants with the requested ids the caller's session sees. */
async function checkAdministrations(request: Request, requested: string[] | null | undefined): Promise<void> {
  const visible = await visibleAdministrationIds(requestEm(request), requested ?? []);
  checkAdministrationGrants(requested, principal(request).administrations, visible);
}
