import { SCOPES } from '../auth/principal.ts';
import { Joi } from '../shared/joi.ts';
import { prefixedId } from '../shared/schemas.ts';

/** What every route `<kredo-portal>` calls shares: its OpenAPI tag, the session's scope, its refusals. */
export const tags = ['api', 'portal'];
export const auth = { access: { scope: [SCOPES.portalDebtor] } };
export const sessionRefused = {
  401: 'No session, or it expired or was revoked',
  403: 'An origin the tenant did not register',
};

/** The answer to a request a person at the creditor handles: the task it became. */
export const requestView = Joi.object({ taskId: prefixedId('tsk').required() }).label('PortalRequest');
