/** Where the identity server serves the passkey script (CSP script-src 'self' on the pages using it). */
export const PASSKEY_SCRIPT_PATH = '/assets/passkey.js';

/**
 * The one script of the sign-in pages, hand-written rather than @simplewebauthn/browser's bundle:
 * all it needs is navigator.credentials and base64url both ways (about forty lines, no build step,
 * nothing to vendor or keep up to date beside the server library). A form marked data-passkey
 * ("create" or "get") carries the options (the server's JSON, in data-options); its submit asks the
 * browser for the credential, puts the JSON the server verifies into the form's `passkey` field and
 * posts the form as any other. Without the script, or without WebAuthn, the forms stay hidden.
 */
export const PASSKEY_SCRIPT = `const toB64 = (buffer) => {
  let text = '';
  for (const byte of new Uint8Array(buffer)) text += String.fromCharCode(byte);
  return btoa(text).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
};
const fromB64 = (value) => {
  const base64 = value.replace(/-/g, '+').replace(/_/g, '/');
  return Uint8Array.from(atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4)), (c) => c.charCodeAt(0));
};
const withIds = (list) => (list ?? []).map((c) => ({ ...c, id: fromB64(c.id) }));

async function create(options) {
  const publicKey = { ...options, challenge: fromB64(options.challenge), user: { ...options.user, id: fromB64(options.user.id) }, excludeCredentials: withIds(options.excludeCredentials) };
  const credential = await navigator.credentials.create({ publicKey });
  const response = credential.response;
  return {
    id: credential.id, rawId: toB64(credential.rawId), type: credential.type,
    authenticatorAttachment: credential.authenticatorAttachment ?? undefined,
    clientExtensionResults: credential.getClientExtensionResults(),
    response: { clientDataJSON: toB64(response.clientDataJSON), attestationObject: toB64(response.attestationObject), transports: response.getTransports?.() ?? [] },
  };
}

async function get(options) {
  const publicKey = { ...options, challenge: fromB64(options.challenge), allowCredentials: withIds(options.allowCredentials) };
  const credential = await navigator.credentials.get({ publicKey });
  const response = credential.response;
  return {
    id: credential.id, rawId: toB64(credential.rawId), type: credential.type,
    authenticatorAttachment: credential.authenticatorAttachment ?? undefined,
    clientExtensionResults: credential.getClientExtensionResults(),
    response: { clientDataJSON: toB64(response.clientDataJSON), authenticatorData: toB64(response.authenticatorData), signature: toB64(response.signature), userHandle: response.userHandle ? toB64(response.userHandle) : undefined },
  };
}

for (const form of document.querySelectorAll('form[data-passkey]')) {
  if (!window.PublicKeyCredential) continue;
  form.hidden = false;
  const status = form.querySelector('.passkey-status');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    status.textContent = '';
    try {
      const options = JSON.parse(form.dataset.options);
      const json = form.dataset.passkey === 'create' ? await create(options) : await get(options);
      form.elements.passkey.value = JSON.stringify(json);
      form.submit();
    } catch {
      status.textContent = form.dataset.failed;
    }
  });
}
`;
