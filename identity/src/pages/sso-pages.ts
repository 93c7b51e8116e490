import type { Language } from '../accounts/accounts.ts';
import { type Html, html } from './html.ts';
import { layout } from './layout.ts';
import { SSO_MESSAGES } from './sso-messages.ts';

/**
 * A page that moves on by itself (a meta refresh, no script) with a link for whoever it does not:
 * on to the tenant's provider, or back from it. A page rather than a redirect, because browsers apply
 * the last form's form-action to every redirect after a post, and these hops cross to origins that
 * form did not name.
 */
export function hopPage(language: Language, input: HopInput): Html {
  return layout({ language, title: SSO_MESSAGES[language].title, refreshTo: input.to, body: hopBody(input) });
}

interface HopInput {
  text: string;
  link: string;
  to: string;
}

export function hopBody(input: HopInput): Html {
  return html`<p role="status">${input.text}</p>
<p><a class="button" href="${input.to}">${input.link}</a></p>`;
}

/** The sign-in through the provider did not go through: why, in general terms, and a way back to the start. */
export function refusedPage(language: Language, input: { text: string; restartUrl: string }): Html {
  const s = SSO_MESSAGES[language];
  return layout({
    language,
    title: s.title,
    body: html`<p role="alert">${input.text}</p>
<p><a href="${input.restartUrl}">${s.restart}</a></p>`,
  });
}
