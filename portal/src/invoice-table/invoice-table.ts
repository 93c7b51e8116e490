import { updateWhenLocaleChanges } from '@lit/localize';
import { html, LitElement, nothing } from 'lit';
import type { PortalInvoice } from '../api/portal-api.ts';
import { formatDate } from '../format/date.ts';
import { formatMoney } from '../format/money.ts';
import { useLanguage } from '../i18n/localization.ts';
import { type Language, messages } from '../i18n/messages.ts';
import { buttons, tokens } from '../tokens/tokens.ts';
import { invoiceTableStyles } from './invoice-table.styles.ts';

/**
 * A debtor's invoices as a table: number, dates, amounts in their own currency, and how late each
 * is. With `downloadable`, a button per invoice asks for its PDF; the component holding the table
 * fetches it (the table holds no session). When the invoices name their debtor (a session for a
 * debtor group), a column says whose each is.
 *
 * @fires kredo-invoice-download - The PDF button of an invoice was pressed; `detail.invoice`.
 * @csspart table - The `<table>`.
 * @csspart row - Each invoice's row.
 * @cssproperty --kredo-color-danger - The text of an overdue invoice's status.
 */
export class KredoInvoiceTable extends LitElement {
  static override styles = [tokens, buttons, invoiceTableStyles];
  static override properties = {
    invoices: { attribute: false },
    language: { type: String },
    caption: { type: String },
    downloadable: { type: Boolean },
  };
  declare invoices: PortalInvoice[];
  /** The language of its texts and formats; left out, the page's locale's texts, English formats. */
  declare language: Language | undefined;
  declare caption: string;
  declare downloadable: boolean;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.invoices = [];
    this.caption = '';
    this.downloadable = false;
  }

  /** Its texts are lit-localize's, one locale per page: a language given becomes the page's. */
  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('language') && this.language) void useLanguage(this.language);
  }

  get #locale(): Language {
    return this.language ?? 'en';
  }

  override render() {
    const t = messages();
    const grouped = this.#grouped();
    return html`<table part="table">
      <caption>${this.caption}</caption>
      <thead>
        <tr>
          <th scope="col">${t.number}</th>
          ${grouped ? html`<th scope="col">${t.debtor}</th>` : nothing}
          <th scope="col">${t.issueDate}</th>
          <th scope="col">${t.dueDate}</th>
          <th scope="col" class="amount">${t.amount}</th>
          <th scope="col" class="amount">${t.openAmount}</th>
          <th scope="col">${t.state}</th>
          ${this.downloadable ? html`<th scope="col">${t.pdf}</th>` : nothing}
        </tr>
      </thead>
      <tbody>
        ${this.invoices.map((invoice) => this.#row(invoice))}
      </tbody>
    </table>`;
  }

  /** Whether the invoices are a group's: core names each one's debtor only then. */
  #grouped(): boolean {
    return this.invoices.some((invoice) => invoice.debtor);
  }

  #download(invoice: PortalInvoice): void {
    this.dispatchEvent(
      new CustomEvent('kredo-invoice-download', { detail: { invoice }, bubbles: true, composed: true }),
    );
  }

  #row(invoice: PortalInvoice) {
    const t = messages();
    const money = (minor: number) => formatMoney(minor, invoice.currency, this.#locale);
    const due =
      invoice.openAmount === 0
        ? t.paid
        : invoice.daysOverdue > 0
          ? t.overdueDays(invoice.daysOverdue)
          : t.notDue;
    const paused = (invoice.pausedBy ?? []).map(
      (pause) => ({ dispute: t.inDispute, promise: t.promised, plan: t.inPlan })[pause.kind],
    );
    const state = [due, ...new Set(paused)].join(' · ');
    return html`<tr part="row">
      <th scope="row">${invoice.number}</th>
      ${this.#grouped() ? html`<td>${invoice.debtor?.name ?? ''}</td>` : nothing}
      <td>${formatDate(invoice.issueDate, this.#locale)}</td>
      <td>${formatDate(invoice.dueDate, this.#locale)}</td>
      <td class="amount">${money(invoice.amount)}</td>
      <td class="amount">${money(invoice.openAmount)}</td>
      <td class=${invoice.daysOverdue > 0 && invoice.openAmount !== 0 ? 'overdue' : ''}>${state}</td>
      ${
        this.downloadable
          ? html`<td>
              <button part="button" aria-label=${t.downloadPdf(invoice.number)} @click=${() => this.#download(invoice)}>
                ${t.pdf}
              </button>
            </td>`
          : nothing
      }
    </tr>`;
  }
}

if (!customElements.get('kredo-invoice-table'))
  customElements.define('kredo-invoice-table', KredoInvoiceTable);

declare global {
  interface HTMLElementTagNameMap {
    'kredo-invoice-table': KredoInvoiceTable;
  }
}
