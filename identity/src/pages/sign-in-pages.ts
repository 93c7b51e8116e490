import { type Html, html } from './html.ts';
import { errorSummary, field, stepForm } from './layout.ts';
import type { Messages } from './messages.ts';

/** What every step page gets: its texts, where its form posts, the form's CSRF token. */
export interface StepContext {
  m: Messages;
  action: string;
  csrf: string;
}

export function emailPage(c: StepContext, input: { email?: string; error?: string }): Html {
  const error = input.error;
  return html`${errorSummary(c.m, error ? { fieldId: 'email', text: error } : undefined)}
${stepForm(
  c.action,
  c.csrf,
  'email',
  field({
    id: 'email',
    label: c.m.emailLabel,
    type: 'email',
    autocomplete: 'username',
    value: input.email,
    error,
    autofocus: true,
  }),
  c.m.continue,
)}`;
}

export function passwordPage(c: StepContext, input: { email: string; error?: string }): Html {
  const error = input.error;
  return html`${errorSummary(c.m, error ? { fieldId: 'password', text: error } : undefined)}
<p class="who">${input.email}</p>
${stepForm(
  c.action,
  c.csrf,
  'password',
  html`<input type="email" name="username" autocomplete="username" value="${input.email}" hidden>
${field({ id: 'password', label: c.m.passwordLabel, type: 'password', autocomplete: 'current-password', error, autofocus: true })}`,
  c.m.signIn,
)}
${restartForm(c)}`;
}

export function secondFactorPage(c: StepContext, input: { error?: string }): Html {
  const error = input.error;
  return html`${errorSummary(c.m, error ? { fieldId: 'code', text: error } : undefined)}
${stepForm(
  c.action,
  c.csrf,
  'second_factor',
  field({
    id: 'code',
    label: c.m.codeLabel,
    type: 'text',
    autocomplete: 'one-time-code',
    hint: c.m.codeHint,
    error,
    autofocus: true,
  }),
  c.m.continue,
)}
${restartForm(c)}`;
}

export function enrolTotpPage(
  c: StepContext,
  input: { qrDataUrl: string; secret: string; error?: string },
): Html {
  const error = input.error;
  const grouped = input.secret.match(/.{1,4}/g)?.join(' ') ?? input.secret;
  return html`${errorSummary(c.m, error ? { fieldId: 'code', text: error } : undefined)}
<p>${c.m.enrolIntro}</p>
<img class="qr" src="${input.qrDataUrl}" alt="${c.m.qrAlt}" width="200" height="200">
<p>${c.m.secretLabel}: <code class="secret">${grouped}</code></p>
${stepForm(
  c.action,
  c.csrf,
  'enrol_totp',
  field({
    id: 'code',
    label: c.m.confirmCodeLabel,
    type: 'text',
    autocomplete: 'one-time-code',
    inputmode: 'numeric',
    error,
    autofocus: true,
  }),
  c.m.continue,
)}`;
}

export function recoveryCodesPage(c: StepContext, input: { codes: string[] }): Html {
  return html`<p>${c.m.recoveryIntro}</p>
<ul class="codes">${input.codes.map((code) => html`<li><code>${code}</code></li>`)}</ul>
${stepForm(c.action, c.csrf, 'recovery_codes', html``, c.m.continue)}`;
}

export function tenantPage(c: StepContext, input: { tenants: { id: string; name: string }[] }): Html {
  const options = input.tenants.map(
    (tenant, i) =>
      html`<div class="choice"><input type="radio" id="tenant-${i}" name="tenant" value="${tenant.id}"${i === 0 ? html` checked autofocus` : null}><label for="tenant-${i}">${tenant.name}</label></div>`,
  );
  return stepForm(
    c.action,
    c.csrf,
    'tenant',
    html`<fieldset><legend>${c.m.tenantLegend}</legend>${options}</fieldset>`,
    c.m.continue,
  );
}

/** A page that only says something (an expired sign-in, no access). */
export function messageBody(text: string): Html {
  return html`<p role="status">${text}</p>`;
}

/** "Use another e-mail address": back to the first step, the same CSRF token. */
function restartForm(c: StepContext): Html {
  return html`<form method="post" action="${c.action}" class="secondary">
<input type="hidden" name="csrf" value="${c.csrf}">
<input type="hidden" name="step" value="restart">
<button type="submit" class="link">${c.m.otherEmail}</button>
</form>`;
}
