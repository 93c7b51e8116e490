import { ACCOUNT_PATHS } from '../accounts/account-links.ts';
import type { Language } from '../accounts/accounts.ts';
import { ACCOUNT_MESSAGES, type AccountMessages } from './account-messages.ts';
import { type Html, html } from './html.ts';
import { errorSummary, field, layout } from './layout.ts';
import { MESSAGES } from './messages.ts';

/** What every form of these pages carries: where it posts and its CSRF token. */
export interface AccountFormContext {
  language: Language;
  action: string;
  csrf: string;
}

function accountForm(c: AccountFormContext, body: Html, submit: string): Html {
  return html`<form method="post" action="${c.action}" novalidate>
<input type="hidden" name="csrf" value="${c.csrf}">
${body}
<button type="submit">${submit}</button>
</form>`;
}

/** The link under the sign-in's password step, to the reset form, in the page's language. */
export function forgotPasswordLink(language: Language): Html {
  return html`<p><a href="${ACCOUNT_PATHS.passwordReset}?lang=${language}">${ACCOUNT_MESSAGES[language].forgotPassword}</a></p>`;
}

/** The new-password form of an invitation or a reset link, with the password rules as its hint. */
export function newPasswordPage(
  c: AccountFormContext,
  input: { purpose: 'invitation' | 'password_reset'; email: string; error?: string | undefined },
): Html {
  const a = ACCOUNT_MESSAGES[c.language];
  const title = input.purpose === 'invitation' ? a.invitationTitle : a.newPasswordTitle;
  const body = html`${errorSummary(MESSAGES[c.language], input.error ? { fieldId: 'password', text: input.error } : undefined)}
${input.purpose === 'invitation' ? html`<p>${a.invitationIntro}</p>` : null}
<p class="who">${input.email}</p>
${accountForm(
  c,
  html`<input type="text" name="username" value="${input.email}" autocomplete="username" hidden>
${field({
  id: 'password',
  label: a.newPasswordLabel,
  type: 'password',
  autocomplete: 'new-password',
  hint: a.newPasswordHint,
  error: input.error,
  autofocus: true,
})}`,
  a.savePassword,
)}`;
  return layout({ language: c.language, title, body, switchUrl: c.action });
}

/** The reset form: one e-mail field. */
export function resetRequestPage(c: AccountFormContext, input: { email?: string; error?: string }): Html {
  const a = ACCOUNT_MESSAGES[c.language];
  const body = html`${errorSummary(MESSAGES[c.language], input.error ? { fieldId: 'email', text: input.error } : undefined)}
<p>${a.resetIntro}</p>
${accountForm(
  c,
  field({
    id: 'email',
    label: a.emailLabel,
    type: 'email',
    autocomplete: 'username',
    value: input.email,
    error: input.error,
    autofocus: true,
  }),
  a.resetSend,
)}`;
  return layout({ language: c.language, title: a.resetTitle, body, switchUrl: c.action });
}

/** A page that only says something (sent, saved, the link is dead). */
export function accountMessagePage(
  language: Language,
  title: (a: AccountMessages) => string,
  text: (a: AccountMessages) => string,
  more?: (a: AccountMessages) => string,
): Html {
  const a = ACCOUNT_MESSAGES[language];
  return layout({
    language,
    title: title(a),
    body: html`<p role="status">${text(a)}</p>${more ? html`<p>${more(a)}</p>` : null}`,
  });
}
