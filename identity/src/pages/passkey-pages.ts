import { type Html, html } from './html.ts';
import type { PasskeyMessages } from './passkey-messages.ts';
import type { StepContext } from './sign-in-pages.ts';

/**
 * A passkey form of a step: hidden until the page's script (passkey-script.ts) finds WebAuthn,
 * the server's options in data-options, the credential posted in `passkey` with the step's CSRF
 * token. Its status line says (aloud too) when the browser gave no passkey.
 */
export function passkeyForm(
  c: StepContext,
  input: {
    step: string;
    mode: 'create' | 'get';
    options: unknown;
    label: string;
    p: PasskeyMessages;
    /** Shown with the form only (hidden with it when there is no WebAuthn). */
    after?: Html | undefined;
  },
): Html {
  return html`<form method="post" action="${c.action}" class="passkey" data-passkey="${input.mode}" data-options="${JSON.stringify(input.options)}" data-failed="${input.p.failed}" hidden>
<input type="hidden" name="csrf" value="${c.csrf}">
<input type="hidden" name="step" value="${input.step}">
<input type="hidden" name="passkey" value="">
<button type="submit">${input.label}</button>
<p class="passkey-status error" role="status"></p>
${input.after ?? null}
</form>`;
}

/** Adding a passkey after a refused one: try again (the script's form), or go on without one. */
export function offerPasskeyPage(
  c: StepContext,
  input: { step: string; form: Html; p: PasskeyMessages; error: string },
): Html {
  return html`<div class="error-summary" role="alert"><p>${input.error}</p></div>
<p>${input.p.addIntro}</p>
${input.form}
<form method="post" action="${c.action}" class="secondary">
<input type="hidden" name="csrf" value="${c.csrf}">
<input type="hidden" name="step" value="${input.step}">
<button type="submit" class="link">${input.p.skip}</button>
</form>`;
}
