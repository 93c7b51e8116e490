import { type Html, html } from '@kredo/identity';
import type { DebtorByEmail } from '../debtors/index.ts';
import { SIGN_IN_LANGUAGES, SIGN_IN_MESSAGES, type SignInLanguage } from './portal-sign-in-messages.ts';

/** The pages' one stylesheet, served by core (style-src 'self'). */
export const SIGN_IN_STYLESHEET_PATH = '/portal/sign-in.css';

interface Frame {
  language: SignInLanguage;
  title: string;
  body: Html;
  /** This page's URL without query: the language switch links to it with ?lang=. */
  switchUrl?: string;
  /** The widget's page: a wider card and the widget's script (script-src 'self'). */
  widget?: boolean;
}

/** A whole page: its language, one heading, the stylesheet, the widget's script only where it is shown. */
function page(frame: Frame): Html {
  const m = SIGN_IN_MESSAGES[frame.language];
  const switcher = frame.switchUrl
    ? html`<nav class="languages" aria-label="${m.languageSwitch}"><ul>${SIGN_IN_LANGUAGES.map((language) =>
        language === frame.language
          ? html`<li><span aria-current="true" lang="${language}">${SIGN_IN_MESSAGES[language].languageName}</span></li>`
          : html`<li><a href="${frame.switchUrl}?lang=${language}" lang="${language}" hreflang="${language}">${SIGN_IN_MESSAGES[language].languageName}</a></li>`,
      )}</ul></nav>`
    : null;
  return html`<!doctype html>
<html lang="${frame.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${frame.title}</title>
<link rel="stylesheet" href="${SIGN_IN_STYLESHEET_PATH}">
${frame.widget ? html`<script type="module" src="/portal/kredo-portal.js"></script>` : null}
</head>
<body>
<main class="card${frame.widget ? ' wide' : ''}">
<h1>${frame.title}</h1>
${frame.body}
</main>
${switcher}
</body>
</html>
`;
}

/** The form asking for an e-mail address; with `invalid`, the address typed and what is wrong with it. */
export function emailPage(input: {
  language: SignInLanguage;
  action: string;
  csrf: string;
  email?: string;
  invalid?: boolean;
}): Html {
  const m = SIGN_IN_MESSAGES[input.language];
  const summary = input.invalid
    ? html`<div class="error-summary" role="alert"><h2>${m.errorSummary}</h2><p><a href="#email">${m.emailInvalid}</a></p></div>`
    : null;
  const describedBy = input.invalid ? 'email-hint email-error' : 'email-hint';
  return page({
    language: input.language,
    title: m.title,
    switchUrl: input.action,
    body: html`<p>${m.intro}</p>
${summary}
<form method="post" action="${input.action}" novalidate>
<input type="hidden" name="csrf" value="${input.csrf}">
<input type="hidden" name="lang" value="${input.language}">
<div class="field${input.invalid ? ' field-error' : ''}">
<label for="email">${m.email}</label>
<p class="hint" id="email-hint">${m.emailHint}</p>
${input.invalid ? html`<p class="error" id="email-error">${m.emailInvalid}</p>` : null}
<input id="email" name="email" type="email" autocomplete="email" value="${input.email ?? ''}" aria-describedby="${describedBy}"${input.invalid ? html` aria-invalid="true"` : null} required autofocus>
</div>
<button type="submit">${m.send}</button>
</form>`,
  });
}

/** The same answer whether or not the address is known: a link is on its way if it is. */
export function sentPage(language: SignInLanguage, formUrl: string, minutes: number): Html {
  const m = SIGN_IN_MESSAGES[language];
  return page({
    language,
    title: m.sentTitle,
    body: html`<p role="status">${m.sent(minutes)}</p><p><a href="${formUrl}?lang=${language}">${m.again}</a></p>`,
  });
}

/** A message and a way back to the form: too many requests, a used or expired link. */
export function noticePage(language: SignInLanguage, kind: 'limited' | 'gone', formUrl: string): Html {
  const m = SIGN_IN_MESSAGES[language];
  return page({
    language,
    title: kind === 'limited' ? m.limitedTitle : m.goneTitle,
    body: html`<p>${kind === 'limited' ? m.limited : m.gone}</p><p><a href="${formUrl}?lang=${language}">${m.again}</a></p>`,
  });
}

export function notFoundPage(language: SignInLanguage): Html {
  const m = SIGN_IN_MESSAGES[language];
  return page({ language, title: m.notFoundTitle, body: html`<p>${m.notFound}</p>` });
}

/**
 * The link's page: a button to sign in (a GET never uses the link up, as mail scanners fetch links),
 * and a choice when several debtors have the address; one heading a group signs into its group.
 */
export function confirmPage(input: {
  language: SignInLanguage;
  action: string;
  csrf: string;
  debtors: readonly DebtorByEmail[];
}): Html {
  const m = SIGN_IN_MESSAGES[input.language];
  const name = (debtor: DebtorByEmail) => (debtor.headsGroup ? m.group(debtor.name) : debtor.name);
  const [only] = input.debtors;
  const choice =
    input.debtors.length === 1 && only
      ? html`<input type="hidden" name="debtorId" value="${only.id}"><p class="who">${name(only)}</p>`
      : html`<fieldset><legend>${m.choose}</legend>${input.debtors.map(
          (debtor, i) =>
            html`<div class="choice"><input type="radio" id="debtor-${i}" name="debtorId" value="${debtor.id}"${i === 0 ? html` checked` : null}><label for="debtor-${i}">${name(debtor)}</label></div>`,
        )}</fieldset>`;
  return page({
    language: input.language,
    title: m.confirmTitle,
    body: html`<p>${m.confirm}</p>
<form method="post" action="${input.action}">
<input type="hidden" name="csrf" value="${input.csrf}">
<input type="hidden" name="lang" value="${input.language}">
${choice}
<button type="submit">${m.signIn}</button>
</form>`,
  });
}

/** Kredo's own page with the widget signed in: the same `<kredo-portal>` a tenant embeds, under the creditor's name. */
export function portalPage(input: {
  language: SignInLanguage;
  token: string;
  formUrl: string;
  creditor: string;
}): Html {
  const m = SIGN_IN_MESSAGES[input.language];
  return page({
    language: input.language,
    title: input.creditor,
    widget: true,
    body: html`<kredo-portal session="${input.token}" lang="${input.language}"></kredo-portal>
<p class="hint">${m.expiredHint} <a href="${input.formUrl}?lang=${input.language}">${m.again}</a></p>`,
  });
}
