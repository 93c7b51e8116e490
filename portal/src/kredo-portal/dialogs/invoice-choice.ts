import { html } from 'lit';
import type { PortalInvoice } from '../../api/portal-api.ts';
import { formatDate } from '../../format/date.ts';
import { formatMoney } from '../../format/money.ts';
import type { DialogHost } from './dialog-host.ts';

/** One debtor's invoices, in a group session's dialogs. */
interface DebtorInvoices {
  debtor: NonNullable<PortalInvoice['debtor']>;
  invoices: PortalInvoice[];
}

/**
 * Checkboxes for the open invoices, `checked` deciding which start ticked. In a group session
 * (the invoices name their debtor) they are grouped per debtor, a fieldset each with the debtor's
 * name as legend, and one write takes one debtor's invoices (core refuses a mix, as a dispute, a
 * promise or a plan belongs to one debtor): only the first debtor's start ticked, and ticking
 * another debtor's unticks the rest, which the fieldset's description says beforehand.
 */
export function invoiceChoice(
  host: DialogHost,
  prefix: string,
  checked: (invoice: PortalInvoice) => boolean,
  legend = host.t().whichInvoices,
) {
  const invoices = host.portal.open?.data ?? [];
  const groups = byDebtor(invoices);
  const error = html`<p class="error" id="${prefix}-invoiceIds-error" role="alert">
    ${host.portal.fieldErrors.invoiceIds ?? ''}
  </p>`;
  if (!groups)
    return html`<fieldset aria-describedby="${prefix}-invoiceIds-error">
      <legend>${legend}</legend>
      ${invoices.map((invoice) => invoiceBox(host, prefix, invoice, checked(invoice)))} ${error}
    </fieldset>`;
  const first = groups.find((group) => group.invoices.some(checked))?.debtor.id;
  return html`<fieldset aria-describedby="${prefix}-one-debtor ${prefix}-invoiceIds-error" @change=${oneDebtor}>
    <legend>${legend}</legend>
    <p id="${prefix}-one-debtor" class="hint">${host.t().oneDebtorAtATime}</p>
    ${groups.map(
      ({ debtor, invoices }) => html`<fieldset class="debtor">
        <legend>${debtor.name}</legend>
        ${invoices.map((invoice) =>
          invoiceBox(host, prefix, invoice, debtor.id === first && checked(invoice), debtor.id),
        )}
      </fieldset>`,
    )}
    ${error}
  </fieldset>`;
}

function invoiceBox(host: DialogHost, prefix: string, invoice: PortalInvoice, checked: boolean, debtor = '') {
  const language = host.language();
  return html`<label>
    <input type="checkbox" name="invoice" value=${invoice.id} id="${prefix}-${invoice.id}" data-debtor=${debtor}
      ?checked=${checked} />
    ${invoice.number} · ${formatMoney(invoice.openAmount, invoice.currency, language)} ·
    ${formatDate(invoice.dueDate, language)}
  </label>`;
}

/** The invoices per debtor in the order they come (oldest due first), or none outside a group. */
function byDebtor(invoices: PortalInvoice[]): DebtorInvoices[] | undefined {
  if (!invoices.some((invoice) => invoice.debtor)) return undefined;
  const groups = new Map<string, DebtorInvoices>();
  for (const invoice of invoices) {
    const debtor = invoice.debtor ?? { id: '', number: '', name: '' };
    const group = groups.get(debtor.id) ?? { debtor, invoices: [] };
    group.invoices.push(invoice);
    groups.set(debtor.id, group);
  }
  return [...groups.values()];
}

/** A box of one debtor ticked: the other debtors' boxes are unticked. */
function oneDebtor(event: Event): void {
  const box = event.target as HTMLInputElement;
  if (box.name !== 'invoice' || !box.checked) return;
  const boxes = (event.currentTarget as HTMLElement).querySelectorAll<HTMLInputElement>(
    'input[name="invoice"]',
  );
  for (const other of boxes) if (other.dataset.debtor !== box.dataset.debtor) other.checked = false;
}
