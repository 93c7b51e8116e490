import { html, nothing } from 'lit';
import { CHANNELS, type ContactChange } from '../../api/portal-api.ts';
import { LANGUAGE_NAMES, LANGUAGES } from '../../i18n/messages.ts';
import type { DialogHost } from './dialog-host.ts';
import { field, formDialog, write } from './form-helpers.ts';

/** Contact details: e-mail, phone, language and preferred channel, filled in with what Kredo has. */
export function contactDialog(host: DialogHost) {
  const t = host.t();
  const debtor = host.portal.me?.debtor;
  const current = debtor?.preferredChannel ?? '';
  return formDialog(
    host,
    'contact',
    t.contactTitle,
    (event) => submitContact(host, event),
    t.contactSend,
    html`
      ${field(
        host,
        'contact-email',
        'email',
        t.email,
        (described, invalid) =>
          html`<input type="email" id="contact-email" name="email" autocomplete="email" maxlength="320"
            .value=${debtor?.email ?? ''} aria-describedby=${described} aria-invalid=${invalid} />`,
      )}
      ${field(
        host,
        'contact-phone',
        'phone',
        t.phone,
        (described, invalid) =>
          html`<input type="tel" id="contact-phone" name="phone" autocomplete="tel" maxlength="20"
            .value=${debtor?.phone ?? ''} aria-describedby=${described} aria-invalid=${invalid} />`,
      )}
      ${field(
        host,
        'contact-language',
        'language',
        t.contactLanguage,
        (described, invalid) =>
          html`<select id="contact-language" name="language" aria-describedby=${described} aria-invalid=${invalid}>
            ${LANGUAGES.map(
              (code) =>
                html`<option value=${code} lang=${code} ?selected=${code === (debtor?.language ?? host.language())}>
                  ${LANGUAGE_NAMES[code]}
                </option>`,
            )}
          </select>`,
      )}
      ${field(
        host,
        'contact-channel',
        'preferredChannel',
        t.preferredChannel,
        (described, invalid) =>
          html`<select id="contact-channel" name="preferredChannel" aria-describedby=${described} aria-invalid=${invalid}>
            ${current ? nothing : html`<option value="" selected>—</option>`}
            ${CHANNELS.map(
              (channel) =>
                html`<option value=${channel} ?selected=${channel === current}>${t.channels[channel]}</option>`,
            )}
          </select>`,
      )}`,
  );
}

async function submitContact(host: DialogHost, event: SubmitEvent): Promise<void> {
  event.preventDefault();
  const form = event.target as HTMLFormElement;
  const change = contactChange(host, new FormData(form));
  const client = host.client();
  if (!change || !client) return;
  await write(host, 'contact', form, async () => {
    const { taskId } = await client.changeContact(change);
    host.emit('kredo-contact-changed', { change, taskId });
    host.portal.me = await client.me();
    return host.t().contactChanged;
  });
}

/** What the debtor changed (core records each change from what to what), or none, said so. */
function contactChange(host: DialogHost, data: FormData): ContactChange | undefined {
  const debtor = host.portal.me?.debtor;
  const change: ContactChange = {};
  for (const field of ['email', 'phone', 'language', 'preferredChannel'] as const) {
    const value = String(data.get(field) ?? '').trim();
    if (value && value !== (debtor?.[field] ?? '')) change[field] = value;
  }
  if (Object.keys(change).length > 0) return change;
  host.portal.formError = host.t().nothingChanged;
  return undefined;
}
