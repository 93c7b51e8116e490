import type { Language } from '../accounts/accounts.ts';
import { type Html, html, trustedFromProvider } from './html.ts';
import { layout } from './layout.ts';
import { MESSAGES } from './messages.ts';

/**
 * The pages oidc-provider renders through Kredo's functions: the sign-out question (RP-initiated
 * logout), its success page, and errors. `providerForm` is oidc-provider's hidden form (its action
 * and xsrf value escaped by oidc-provider); the buttons submit it by its id.
 */
export function logoutPage(language: Language, providerForm: string): Html {
  const m = MESSAGES[language];
  return layout({
    language,
    title: m.logoutTitle,
    body: html`<p>${m.logoutQuestion}</p>
${trustedFromProvider(providerForm)}
<div class="buttons">
<button type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>${m.logoutYes}</button>
<button type="submit" form="op.logoutForm" class="link">${m.logoutNo}</button>
</div>`,
  });
}

export function loggedOutPage(language: Language): Html {
  const m = MESSAGES[language];
  return layout({ language, title: m.logoutTitle, body: html`<p role="status">${m.loggedOut}</p>` });
}

/** An OAuth error shown to a person (no redirect possible): the code and its description, escaped. */
export function errorPage(language: Language, out: { error?: unknown; error_description?: unknown }): Html {
  const m = MESSAGES[language];
  return layout({
    language,
    title: m.errorTitle,
    body: html`<p>${m.errorBody}</p>
<p><code>${String(out.error ?? 'server_error')}</code>${out.error_description ? html`: ${String(out.error_description)}` : null}</p>`,
  });
}
