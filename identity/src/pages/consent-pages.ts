import type { Language } from '../accounts/accounts.ts';
import type { Consent } from '../sign-in/app-consent.ts';
import { CONSENT_MESSAGES, scopeInWords } from './consent-messages.ts';
import { type Html, html } from './html.ts';
import { layout } from './layout.ts';

/** The consent step of a sign-in: the application's name, each scope in words, allow or deny. */
export function consentPage(
  c: { language: Language; action: string; csrf: string },
  input: { appName: string; email: string; scopes: readonly string[] },
): { title: string; body: Html } {
  const t = CONSENT_MESSAGES[c.language];
  return {
    title: t.title,
    body: html`<p class="who">${t.signedInAs(input.email)}</p>
<p id="asks">${t.asks(input.appName)}</p>
<ul class="scopes" aria-labelledby="asks">${input.scopes.map((scope) => html`<li>${scopeInWords(c.language, scope)}</li>`)}</ul>
<form method="post" action="${c.action}" novalidate>
<input type="hidden" name="csrf" value="${c.csrf}">
<input type="hidden" name="step" value="consent">
<div class="actions">
<button type="submit" id="allow" name="decision" value="allow" autofocus>${t.allow}</button>
<button type="submit" name="decision" value="deny" class="secondary">${t.deny}</button>
</div>
</form>
<p class="hint">${t.remembered}</p>`,
  };
}

/** A person's applications, each with the scopes allowed and a form that takes the access back. */
export function applicationsPage(
  c: { language: Language; action: string; csrf: string },
  input: { consents: readonly Consent[]; notice?: string | undefined },
): Html {
  const t = CONSENT_MESSAGES[c.language];
  const date = (at: Date) =>
    new Intl.DateTimeFormat(c.language, { dateStyle: 'long', timeZone: 'UTC' }).format(at);
  const items = input.consents.map(
    (consent) => html`<li><h2>${consent.name}</h2>
<p class="hint">${t.appsAllowedOn(date(consent.grantedAt))}</p>
<ul class="scopes">${consent.scopes.map((scope) => html`<li>${scopeInWords(c.language, scope)}</li>`)}</ul>
<form method="post" action="${c.action}" novalidate>
<input type="hidden" name="csrf" value="${c.csrf}">
<input type="hidden" name="client" value="${consent.clientId}">
<button type="submit" class="secondary">${t.revoke(consent.name)}</button>
</form></li>`,
  );
  const body = html`${input.notice ? html`<p role="status">${input.notice}</p>` : null}
<p>${t.appsIntro}</p>
${items.length > 0 ? html`<ul class="apps">${items}</ul>` : html`<p>${t.appsNone}</p>`}`;
  return layout({ language: c.language, title: t.appsTitle, body, switchUrl: c.action });
}
