import type { IncomingMessage, ServerResponse } from 'node:http';
import { ACCOUNT_PATHS } from '../accounts/account-links.ts';
import { findAccountById, type Language } from '../accounts/accounts.ts';
import { CONSENT_MESSAGES } from '../pages/consent-messages.ts';
import { applicationsPage as page } from '../pages/consent-pages.ts';
import type { Html } from '../pages/html.ts';
import { html } from '../pages/html.ts';
import { pickLanguage } from '../pages/language.ts';
import { layout } from '../pages/layout.ts';
import type { AccountPagesOptions } from './account-handler.ts';
import { listConsents, revokeConsent } from './app-consent.ts';
import { clientIp } from './sign-in-context.ts';

/**
 * /account/applications: the third-party applications the signed-in person allowed, each with a
 * form that takes the access back (forgotten, grants and refresh tokens revoked at once). Who is
 * signed in is oidc-provider's session cookie, as at any authorization request; without a session
 * the page says so (401). Posts carry the account pages' double-submit CSRF token.
 */
export async function applicationsPage(
  options: AccountPagesOptions,
  request: {
    req: IncomingMessage;
    res: ServerResponse;
    form: URLSearchParams | undefined;
    csrf: string;
    chosen: Language | null;
  },
  send: (status: number, page: Html) => void,
): Promise<void> {
  const { req, res, form } = request;
  const session = await options.provider().Session.get({ req, res } as never);
  const account = session.accountId ? await findAccountById(options.db, session.accountId) : undefined;
  const language = pickLanguage(request.chosen, account?.language, req.headers['accept-language']);
  const t = CONSENT_MESSAGES[language];
  if (!account || account.disabled)
    return send(
      401,
      layout({ language, title: t.appsTitle, body: html`<p role="status">${t.notSignedIn}</p>` }),
    );
  const c = { language, action: ACCOUNT_PATHS.applications, csrf: request.csrf };
  let notice: string | undefined;
  if (form) {
    const clientId = form.get('client') ?? '';
    const name = (await listConsents(options.db, account.id)).find((x) => x.clientId === clientId)?.name;
    const by = { actorId: account.id, ip: clientIp(req, options.clientIpTrust) };
    if (name && (await revokeConsent(options.db, account.id, clientId, by))) notice = t.revoked(name);
  }
  return send(200, page(c, { consents: await listConsents(options.db, account.id), notice }));
}
