import type { ServerRoute } from '@hapi/hapi';
import { type Queryable, resendInvitation } from '@kredo/identity';
import { SCOPES } from '../auth/principal.ts';
import { failures } from '../http/answer-schemas.ts';
import { idempotencyHeaders, idempotentCall, idempotentCallFailures } from '../http/idempotency.ts';
import { input, principal, requestEm } from '../http/request-context.ts';
import { conflict, notFound } from '../shared/errors.ts';
import { Joi } from '../shared/joi.ts';
import { actorOf } from './api-client-routes.ts';
import { type InvitationMailDeps, sendInvitation } from './invitation-mail.ts';
import { guardedMember } from './user-routes.ts';
import { invitedUserView, presentUser, userIdSchema } from './user-view.ts';

const REFUSALS = {
  active: 'The user has set a password already: a forgotten one is reset from the sign-in page',
  disabled: 'The user is deactivated in this tenant: reactivate them first',
} as const;

/** Sending an invitation again: a new link mailed, the earlier one void. */
export function invitationRoutes(deps: InvitationMailDeps & { identityDb: Queryable }): ServerRoute[] {
  return [
    {
      method: 'POST',
      path: '/api/v1/users/{id}/invitation',
      options: {
        tags: ['api', 'identity'],
        id: 'resendInvitation',
        description: 'Send a member’s invitation again: a new link, the earlier one void',
        notes:
          'For a member who has not set a password yet (status `invited`), e.g. when the first mail was lost or its link expired. The new link works once, for 7 days; the earlier link stops working at once. A member with a password, or deactivated here, is 409 `invitation_not_pending`. Audited `invitation.resent`.',
        auth: { access: { scope: [SCOPES.identityManage] } },
        response: {
          status: {
            201: invitedUserView,
            ...failures(idempotentCallFailures, {
              404: 'The account is not a member of this tenant (`user_not_found`)',
              409: 'The user has no pending invitation (`invitation_not_pending`)',
            }),
          },
        },
        validate: { headers: idempotencyHeaders, params: Joi.object({ id: userIdSchema.required() }) },
      },
      handler: async (request, h) => {
        const { tenantId, scopes } = principal(request);
        const { id } = input<{ id: string }>(request.params);
        const member = await guardedMember(deps, tenantId, id, scopes);
        const response = await idempotentCall(requestEm(request), request, {
          call: async () => {
            const sent = await resendInvitation(deps.identityDb, tenantId, member.id, actorOf(request));
            if (!sent) throw notFound('User', id);
            if ('refused' in sent) throw conflict('invitation_not_pending', REFUSALS[sent.refused]);
            return { ...sent, ...(await sendInvitation(deps, sent)) };
          },
          store: async (_tx, sent) => ({
            statusCode: 201,
            body: {
              ...presentUser(sent.member),
              invitation: {
                expiresAt: sent.expiresAt.toISOString(),
                mailed: sent.mailed,
                problem: sent.problem,
              },
            },
          }),
        });
        return h.response(response.body as object).code(response.statusCode);
      },
    },
  ];
}
