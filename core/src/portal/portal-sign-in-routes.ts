import type { Request, ResponseToolkit, ServerRoute } from '@hapi/hapi';
import type { Html } from '@kredo/identity';
import { STYLESHEET } from '@kredo/identity';
import { readAsTenant, tenantEm } from '../db/tenant-scope.ts';
import { debtorsWithEmail } from '../debtors/index.ts';
import { failures } from '../http/answer-schemas.ts';
import { clientIpOf } from '../http/client-ip.ts';
import { input } from '../http/request-context.ts';
import { Joi } from '../shared/joi.ts';
import { prefixedId } from '../shared/schemas.ts';
import { emailSignInEnabled } from './portal-origins.ts';
import { csrfHolds, csrfToken, withCsrfCookie } from './portal-sign-in-csrf.ts';
import { type SignInLanguage, signInLanguage } from './portal-sign-in-messages.ts';
import {
  confirmPage,
  emailPage,
  notFoundPage,
  noticePage,
  portalPage,
  SIGN_IN_STYLESHEET_PATH,
  sentPage,
} from './portal-sign-in-pages.ts';
import { signInWithLink } from './portal-sign-in-session.ts';
import { findSignInLink, recordSignInRequest, SIGN_IN_LINK_MINUTES } from './portal-sign-in-store.ts';
import { signPortalToken } from './portal-token.ts';

const htmlPage = Joi.string().meta({ 'x-content-type': 'text/html' }).description('An HTML page');
const pageFailures = failures({
  400: 'Not an e-mail address (the form again, saying so)',
  403: 'The form’s CSRF token does not match (the form again)',
  404: 'The tenant does not offer the e-mail sign-in',
  410: 'The link was used, expired, or its address is no debtor’s any more',
  429: 'Too many links asked for this address or from this IP address lately',
});
const tenantParams = { tenantId: prefixedId('ten').required() };
const linkParams = Joi.object({
  ...tenantParams,
  token: Joi.string()
    .pattern(/^[A-Za-z0-9_-]{43}$/)
    .required(),
});
const formPayload = { maxBytes: 16 * 1024, allow: 'application/x-www-form-urlencoded' };
const email = Joi.string().trim().email({ tlds: false }).max(320).required();

/**
 * The hosted sign-in by one-time e-mail link, for tenants that turn it on (PUT /portal/settings):
 * 1. `GET /portal/sign-in/{tenantId}`: a form asking for an e-mail address;
 * 2. its post records the request and answers the same whether or not a debtor has the address (the
 *    mail job looks that up and mails the link: portal-sign-in-mail.ts), rate-limited per address and IP;
 * 3. `GET` of the mailed link shows a button (mail scanners fetch links: a GET uses nothing up);
 * 4. its post uses the link up, mints a portal session and answers Kredo's page with the widget.
 * Every page: CSP without inline script or style, no caching, CSRF on each form.
 */
export function portalSignInRoutes(deps: { tokenKey: Uint8Array; publicUrl: () => string }): ServerRoute[] {
  const secure = () => deps.publicUrl().startsWith('https:');
  const formUrl = (tenantId: string) => `/portal/sign-in/${tenantId}`;
  const page = (h: ResponseToolkit, status: number, body: Html, widget = false) =>
    h
      .response(body.value)
      .code(status)
      .type('text/html; charset=utf-8')
      .header('content-security-policy', pageCsp(widget))
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .header('x-content-type-options', 'nosniff')
      .header('x-frame-options', 'DENY');

  /** The form, in the language of the page it was posted from; with `typed`, what was typed, refused. */
  const showForm = (
    request: Request,
    h: ResponseToolkit,
    options: { status?: number; typed?: { email: string }; language?: SignInLanguage } = {},
  ) => {
    const { tenantId } = input<{ tenantId: string }>(request.params);
    const { status = 200, typed, language = languageOf(request) } = options;
    const csrf = csrfToken(request);
    const body = emailPage({
      language,
      action: formUrl(tenantId),
      csrf,
      ...(typed && { ...typed, invalid: true }),
    });
    return withCsrfCookie(page(h, status, body), csrf, secure());
  };

  return [
    {
      method: 'GET',
      path: SIGN_IN_STYLESHEET_PATH,
      options: {
        id: 'getPortalSignInStylesheet',
        auth: false,
        description: 'The hosted sign-in pages’ stylesheet',
        response: { status: { 200: Joi.string().meta({ 'x-content-type': 'text/css' }) } },
      },
      handler: (_request, h) =>
        h
          .response(`${STYLESHEET}.card.wide { max-width: 72rem; }\n`)
          .type('text/css; charset=utf-8')
          .header('cache-control', 'public, max-age=300'),
    },
    {
      method: 'GET',
      path: '/portal/sign-in/{tenantId}',
      options: {
        id: 'getPortalSignIn',
        auth: false,
        description: 'The hosted sign-in: a form asking for the debtor’s e-mail address',
        validate: { params: Joi.object(tenantParams), query: Joi.object({ lang: Joi.string() }) },
        response: { status: { 200: htmlPage, ...pageFailures } },
      },
      handler: async (request, h) =>
        (await enabled(request)) ? showForm(request, h) : page(h, 404, notFoundPage(languageOf(request))),
    },
    {
      method: 'POST',
      path: '/portal/sign-in/{tenantId}',
      options: {
        id: 'askPortalSignInLink',
        auth: false,
        description: 'Ask for a sign-in link: mailed if a debtor has the address, the same answer if not',
        payload: formPayload,
        validate: { params: Joi.object(tenantParams) },
        response: { status: { 200: htmlPage, ...pageFailures } },
      },
      handler: async (request, h) => {
        const { tenantId } = input<{ tenantId: string }>(request.params);
        const form = formOf(request);
        const language = languageOf(request, form.lang);
        if (!(await enabled(request))) return page(h, 404, notFoundPage(language));
        if (!csrfHolds(request, form.csrf)) return showForm(request, h, { status: 403, language });
        const address = email.validate(form.email);
        if (address.error)
          return showForm(request, h, { status: 400, typed: { email: String(form.email ?? '') }, language });
        const outcome = await tenantEm(request.server.app.orm, tenantId).transactional((em) =>
          recordSignInRequest(em, { email: address.value, ip: clientIpOf(request), language }),
        );
        if (outcome === 'limited') return page(h, 429, noticePage(language, 'limited', formUrl(tenantId)));
        return page(h, 200, sentPage(language, formUrl(tenantId), SIGN_IN_LINK_MINUTES));
      },
    },
    {
      method: 'GET',
      path: '/portal/sign-in/{tenantId}/{token}',
      options: {
        id: 'getPortalSignInLink',
        auth: false,
        description:
          'A mailed sign-in link: a button to sign in (and whom as, if the address is several debtors’)',
        validate: { params: linkParams, query: Joi.object({ lang: Joi.string() }) },
        response: { status: { 200: htmlPage, ...pageFailures } },
      },
      handler: async (request, h) => {
        const { tenantId, token } = input<{ tenantId: string; token: string }>(request.params);
        const language = languageOf(request);
        if (!(await enabled(request))) return page(h, 404, notFoundPage(language));
        const debtors = await readAsTenant(request.server.app.orm, tenantId, async (em) => {
          const link = await findSignInLink(em, token);
          return link ? debtorsWithEmail(em, link.email) : [];
        });
        if (debtors.length === 0) return page(h, 410, noticePage(language, 'gone', formUrl(tenantId)));
        const csrf = csrfToken(request);
        const action = `${formUrl(tenantId)}/${token}`;
        return withCsrfCookie(page(h, 200, confirmPage({ language, action, csrf, debtors })), csrf, secure());
      },
    },
    {
      method: 'POST',
      path: '/portal/sign-in/{tenantId}/{token}',
      options: {
        id: 'usePortalSignInLink',
        auth: false,
        description: 'Use a sign-in link up: a portal session, and Kredo’s page with the widget signed in',
        payload: formPayload,
        validate: { params: linkParams },
        response: {
          status: { 200: htmlPage, 303: Joi.any().description('Back to the link’s page'), ...pageFailures },
        },
      },
      handler: async (request, h) => {
        const { tenantId, token } = input<{ tenantId: string; token: string }>(request.params);
        const form = formOf(request);
        const language = languageOf(request, form.lang);
        if (!(await enabled(request))) return page(h, 404, notFoundPage(language));
        const again = `${formUrl(tenantId)}/${token}?lang=${language}`;
        if (!csrfHolds(request, form.csrf)) return h.redirect(again).code(303);
        const signedIn = await tenantEm(request.server.app.orm, tenantId).transactional((em) =>
          signInWithLink(em, token, form.debtorId),
        );
        if (signedIn === 'gone') return page(h, 410, noticePage(language, 'gone', formUrl(tenantId)));
        if (signedIn === 'unchosen') return h.redirect(again).code(303);
        const { session, creditor } = signedIn;
        const sessionToken = await signPortalToken(deps.tokenKey, {
          tenantId,
          administrationId: session.administration_id,
          debtorId: session.debtor_id,
          sessionId: session.id,
          expiresAt: new Date(session.expires_at),
        });
        const body = portalPage({ language, token: sessionToken, formUrl: formUrl(tenantId), creditor });
        return page(h, 200, body, true);
      },
    },
  ];
}

/** Scripts only on the widget's page, and only core's own; the widget calls core's API (connect-src). */
function pageCsp(widget: boolean): string {
  return [
    "default-src 'none'",
    "style-src 'self'",
    "img-src 'self' data:",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    ...(widget ? ["script-src 'self'", "connect-src 'self'"] : []),
  ].join('; ');
}

function enabled(request: Request): Promise<boolean> {
  const { tenantId } = input<{ tenantId: string }>(request.params);
  return readAsTenant(request.server.app.orm, tenantId, emailSignInEnabled);
}

function formOf(request: Request): Record<string, unknown> {
  return (request.payload ?? {}) as Record<string, unknown>;
}

function languageOf(request: Request, asked?: unknown) {
  const header = input<string | undefined>(request.headers['accept-language']);
  return signInLanguage(asked ?? (request.query as { lang?: string }).lang, header);
}
