import { html } from 'lit';
import { formatDate } from '../../format/date.ts';
import type { DialogHost } from './dialog-host.ts';
import { field, formDialog, numbers, onSubmit } from './form-helpers.ts';
import { invoiceChoice } from './invoice-choice.ts';

/** Dispute invoices: which ones, the creditor's reason (named by core in the language), a message. */
export function disputeDialog(host: DialogHost) {
  const t = host.t();
  return formDialog(
    host,
    'dispute',
    t.disputeTitle,
    submitDispute(host),
    t.disputeSend,
    html`
      ${invoiceChoice(host, 'dispute', () => false)}
      ${field(
        host,
        'dispute-type',
        'type',
        t.disputeReason,
        (described, invalid) =>
          html`<select id="dispute-type" name="type" required aria-describedby=${described} aria-invalid=${invalid}>
            ${host.portal.disputeTypes.map((type) => html`<option value=${type.code}>${type.name}</option>`)}
          </select>`,
      )}
      ${field(
        host,
        'dispute-message',
        'description',
        t.disputeMessage,
        (described, invalid) =>
          html`<textarea id="dispute-message" name="description" rows="4" maxlength="5000" required
            aria-describedby=${described} aria-invalid=${invalid}></textarea>`,
      )}`,
  );
}

const submitDispute = (host: DialogHost) =>
  onSubmit(
    host,
    'dispute',
    async ({ client, data, invoiceIds }) => {
      const dispute = await client.openDispute({
        invoiceIds,
        type: String(data.get('type')),
        description: String(data.get('description')),
      });
      const chosen = numbers(host, dispute.invoiceIds);
      host.emit('kredo-dispute-opened', { dispute });
      return host.t().disputeOpened(chosen, formatDate(dispute.dueOn, host.language()));
    },
    { invoices: true },
  );
