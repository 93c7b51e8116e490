import { html } from 'lit';
import type { DialogHost } from './dialog-host.ts';
import { field, formDialog, numbers, onSubmit } from './form-helpers.ts';

/** Add a PO number: one open invoice and the purchase order number. */
export function poDialog(host: DialogHost) {
  const t = host.t();
  return formDialog(
    host,
    'po',
    t.poTitle,
    submitPo(host),
    t.poSend,
    html`
      ${field(
        host,
        'po-invoice',
        'invoiceId',
        t.poInvoice,
        (described, invalid) =>
          html`<select id="po-invoice" name="invoiceId" required aria-describedby=${described} aria-invalid=${invalid}>
            ${(host.portal.open?.data ?? []).map((invoice) => html`<option value=${invoice.id}>${invoice.number}</option>`)}
          </select>`,
      )}
      ${field(
        host,
        'po-number',
        'poNumber',
        t.poNumber,
        (described, invalid) =>
          html`<input id="po-number" name="poNumber" maxlength="64" required autocomplete="off"
            aria-describedby=${described} aria-invalid=${invalid} />`,
      )}`,
  );
}

const submitPo = (host: DialogHost) =>
  onSubmit(host, 'po', async ({ client, data }) => {
    const invoiceId = String(data.get('invoiceId'));
    const poNumber = String(data.get('poNumber')).trim();
    const { taskId } = await client.setPoNumber(invoiceId, poNumber);
    host.emit('kredo-po-number-added', { invoiceId, poNumber, taskId });
    return host.t().poAdded(poNumber, numbers(host, [invoiceId]));
  });
