import { LANGUAGES, type Language } from '../accounts/accounts.ts';
import { type Html, html } from './html.ts';
import { MESSAGES, type Messages } from './messages.ts';
import { PASSKEY_SCRIPT_PATH } from './passkey-script.ts';

/** The one stylesheet, served by the identity server itself (style-src 'self'). */
export const STYLESHEET_PATH = '/assets/sign-in.css';

export interface PageFrame {
  language: Language;
  title: string;
  body: Html;
  /** The page's own URL without query: the language switch links to it with ?lang=. */
  switchUrl?: string;
  /** The page has passkey forms: it loads the passkey script (its CSP must allow script-src 'self'). */
  passkeyScript?: boolean;
  /** Go on to this URL at once (a meta refresh: the hops to and from a tenant's own provider). */
  refreshTo?: string;
}

/** A whole page: lang attribute, one heading, the external stylesheet, the passkey script only where asked, the language switch. */
export function layout(frame: PageFrame): Html {
  const m = MESSAGES[frame.language];
  return html`<!doctype html>
<html lang="${frame.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
${frame.refreshTo ? html`<meta http-equiv="refresh" content="0; url=${frame.refreshTo}">` : null}
<title>${frame.title} · Kredo</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
${frame.passkeyScript ? html`<script type="module" src="${PASSKEY_SCRIPT_PATH}"></script>` : null}
</head>
<body>
<main class="card">
<p class="brand">Kredo</p>
<h1>${frame.title}</h1>
${frame.body}
</main>
${frame.switchUrl ? languageSwitch(m, frame.language, frame.switchUrl) : null}
</body>
</html>
`;
}

function languageSwitch(m: Messages, current: Language, url: string): Html {
  const links = LANGUAGES.map((language) =>
    language === current
      ? html`<li><span aria-current="true" lang="${language}">${MESSAGES[language].languageName}</span></li>`
      : html`<li><a href="${url}?lang=${language}" lang="${language}" hreflang="${language}">${MESSAGES[language].languageName}</a></li>`,
  );
  return html`<nav class="languages" aria-label="${m.languageSwitch}"><ul>${links}</ul></nav>`;
}

export interface FieldInput {
  id: string;
  label: string;
  type: 'email' | 'password' | 'text';
  autocomplete: string;
  value?: string | undefined;
  hint?: string | undefined;
  error?: string | undefined;
  /** The first field with an error (or the form's first field) gets the focus when the page opens. */
  autofocus?: boolean;
  inputmode?: 'numeric' | 'text';
}

/** A labelled input; its hint and error are tied to it with aria-describedby, the error also marks it invalid. */
export function field(input: FieldInput): Html {
  const hintId = input.hint ? `${input.id}-hint` : undefined;
  const errorId = input.error ? `${input.id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ');
  return html`<div class="field${input.error ? ' field-error' : ''}">
<label for="${input.id}">${input.label}</label>
${input.hint ? html`<p class="hint" id="${hintId}">${input.hint}</p>` : null}
${input.error ? html`<p class="error" id="${errorId}">${input.error}</p>` : null}
<input id="${input.id}" name="${input.id}" type="${input.type}" autocomplete="${input.autocomplete}"${input.value ? html` value="${input.value}"` : null}${describedBy ? html` aria-describedby="${describedBy}"` : null}${input.error ? html` aria-invalid="true"` : null}${input.inputmode ? html` inputmode="${input.inputmode}"` : null} required${input.autofocus ? html` autofocus` : null}>
</div>`;
}

/** The error summary at the top of a form: role alert, so it is read out, linking to the field. */
export function errorSummary(m: Messages, error: { fieldId: string; text: string } | undefined): Html | null {
  if (!error) return null;
  return html`<div class="error-summary" role="alert"><h2>${m.errorSummary}</h2><p><a href="#${error.fieldId}">${error.text}</a></p></div>`;
}

/** A form of the sign-in: posted to the interaction, with its CSRF token and the step it answers. */
export function stepForm(action: string, csrf: string, step: string, body: Html, submit: string): Html {
  return html`<form method="post" action="${action}" novalidate>
<input type="hidden" name="csrf" value="${csrf}">
<input type="hidden" name="step" value="${step}">
${body}
<button type="submit">${submit}</button>
</form>`;
}
