import type { ServerRoute } from '@hapi/hapi';
import { SCOPES } from '../auth/principal.ts';
import { failures } from '../http/answer-schemas.ts';
import { input, principal, requestEm } from '../http/request-context.ts';
import { Joi } from '../shared/joi.ts';
import { instant, prefixedId } from '../shared/schemas.ts';
import { emailSignInEnabled, readPortalOrigins, writePortalSettings } from './portal-origins.ts';
import {
  createPortalSession,
  PORTAL_SCOPES,
  PORTAL_SESSION_DEFAULT_SECONDS,
  PORTAL_SESSION_MAX_SECONDS,
  type PortalScope,
  type PortalSessionRow,
  revokePortalSession,
} from './portal-sessions.ts';
import { signPortalToken } from './portal-token.ts';

const tags = ['api', 'portal'];
const access = { scope: [SCOPES.portalSessions] };

const sessionView = Joi.object({
  id: prefixedId('pts').required(),
  debtorId: prefixedId('dbt').required(),
  scope: Joi.string()
    .valid(...PORTAL_SCOPES)
    .required()
    .description('`debtor`: that debtor alone; `group`: the debtor and every debtor below it'),
  administrationId: prefixedId('adm').required(),
  createdAt: instant.required(),
  expiresAt: instant.required(),
  revokedAt: instant.allow(null).required(),
}).label('PortalSession');

const settingsView = Joi.object({
  origins: Joi.array()
    .items(Joi.string())
    .required()
    .description('Where the widget may be embedded: the origins its API calls may come from (CORS)'),
  emailSignIn: Joi.boolean()
    .required()
    .description(
      'Debtors may sign in on Kredo’s hosted page (/portal/sign-in/{tenantId}) with a one-time e-mail link',
    ),
}).label('PortalSettings');

/** An origin as a browser sends it: scheme, host, port; https, or http for localhost only. */
const origin = Joi.string()
  .max(200)
  .custom((value: string, helpers) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return helpers.message({ custom: `${value} is not an origin (https://shop.example)` });
    }
    const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    if (!/^[a-z0-9.-]+$|^\[[0-9a-f:.]+\]$/.test(url.hostname))
      return helpers.message({ custom: `${value} is not an origin: one host name, no wildcards` });
    if (url.origin !== value)
      return helpers.message({
        custom: `${value} is not an origin: scheme, host and port only, no path or slash`,
      });
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local))
      return helpers.message({ custom: `${value} must use https (http only for localhost)` });
    return value;
  });

function present(row: PortalSessionRow) {
  return {
    id: row.id,
    debtorId: row.debtor_id,
    scope: row.scope,
    administrationId: row.administration_id,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}

/**
 * The tenant's side of the portal: its backend mints a short-lived session for one debtor with its
 * API client's token, hands the session's token to `<kredo-portal>`, and may end it; an admin says
 * where the widget may be embedded. No Idempotency-Key on the minting call: its answer holds a
 * secret that must not be stored, and a second session does no harm.
 */
export function portalSessionRoutes(deps: { tokenKey: Uint8Array }): ServerRoute[] {
  return [
    {
      method: 'POST',
      path: '/api/v1/portal/sessions',
      options: {
        tags,
        id: 'createPortalSession',
        description:
          'Mint a portal session for one debtor or its group: its token goes to <kredo-portal session="…">',
        notes:
          'The token reaches only this debtor’s data through /api/v1/portal/… (with `scope: group`, also that of the debtors below it, as the group is at each request), until it expires or is revoked. The widget does not refresh it: it fires `kredo-session-expired`, and the host page mints a new one.',
        auth: { access },
        response: {
          status: {
            201: sessionView.keys({
              token: Joi.string().required().description('Shown once; give it to the widget'),
            }),
            ...failures({
              400: 'Bad input; `scope: group` for a debtor without children',
              404: 'No such debtor (`debtor_not_found`)',
            }),
          },
        },
        validate: {
          payload: Joi.object({
            debtorId: prefixedId('dbt').required(),
            scope: Joi.string()
              .valid(...PORTAL_SCOPES)
              .default('debtor')
              .description(
                '`group`: the debtor heads a group (it has child debtors) and the session reaches all of it',
              ),
            ttlSeconds: Joi.number()
              .integer()
              .min(60)
              .max(PORTAL_SESSION_MAX_SECONDS)
              .default(PORTAL_SESSION_DEFAULT_SECONDS)
              .description('How long the session lasts (default 30 minutes, at most 8 hours)'),
          }),
        },
      },
      handler: async (request, h) => {
        const { tenantId, subject } = principal(request);
        const body = input<{ debtorId: string; scope: PortalScope; ttlSeconds: number }>(request.payload);
        const row = await requestEm(request).transactional((em) =>
          createPortalSession(em, {
            debtorId: body.debtorId,
            scope: body.scope,
            createdBy: subject,
            ttlSeconds: body.ttlSeconds,
          }),
        );
        const token = await signPortalToken(deps.tokenKey, {
          tenantId,
          administrationId: row.administration_id,
          debtorId: row.debtor_id,
          sessionId: row.id,
          expiresAt: new Date(row.expires_at),
        });
        return h.response({ ...present(row), token }).code(201);
      },
    },
    {
      method: 'DELETE',
      path: '/api/v1/portal/sessions/{sessionId}',
      options: {
        tags,
        id: 'revokePortalSession',
        description: 'End a portal session at once: its token is refused from the next request',
        auth: { access },
        response: {
          status: { 200: sessionView, ...failures({ 404: 'No such session (`portal_session_not_found`)' }) },
        },
        validate: { params: Joi.object({ sessionId: prefixedId('pts').required() }) },
      },
      handler: async (request) => {
        const { sessionId } = input<{ sessionId: string }>(request.params);
        return present(await requestEm(request).transactional((em) => revokePortalSession(em, sessionId)));
      },
    },
    {
      method: 'GET',
      path: '/api/v1/portal/settings',
      options: {
        tags,
        id: 'getPortalSettings',
        description: 'Where the tenant’s portal widget may be embedded',
        auth: { access },
        response: { status: { 200: settingsView } },
      },
      handler: async (request) => {
        const em = requestEm(request);
        return { origins: await readPortalOrigins(em), emailSignIn: await emailSignInEnabled(em) };
      },
    },
    {
      method: 'PUT',
      path: '/api/v1/portal/settings',
      options: {
        tags,
        id: 'putPortalSettings',
        description:
          'Set the origins the portal widget may be embedded on (CORS for /api/v1/portal/…), and the hosted e-mail sign-in',
        auth: { access },
        response: { status: { 200: settingsView } },
        validate: {
          payload: Joi.object({
            origins: Joi.array().items(origin).max(50).unique().required(),
            emailSignIn: Joi.boolean().description(
              'Offer the hosted sign-in by one-time e-mail link; left out: unchanged (off until turned on)',
            ),
          }),
        },
      },
      handler: async (request) => {
        const settings = input<{ origins: string[]; emailSignIn?: boolean }>(request.payload);
        return requestEm(request).transactional(async (em) => {
          await writePortalSettings(em, settings);
          return { origins: settings.origins, emailSignIn: await emailSignInEnabled(em) };
        });
      },
    },
  ];
}
