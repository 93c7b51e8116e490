import { html, LitElement, nothing } from 'lit';
import {
  AGEING_BUCKETS,
  type DisputeType,
  type PortalApi,
  PortalApiError,
  type PortalInvoice,
  type PortalInvoices,
  type PortalMe,
  type PortalTotals,
  portalApi,
  SessionExpired,
} from '../api/portal-api.ts';
import type { KredoDialog } from '../dialog/dialog.ts';
import '../dialog/dialog.ts';
import '../invoice-table/invoice-table.ts';
import { addDays, formatDate } from '../format/date.ts';
import { formatMoney } from '../format/money.ts';
import { LANGUAGE_NAMES, LANGUAGES, type Language, MESSAGES, pickLanguage } from '../i18n/messages.ts';
import { buttons, tokens } from '../tokens/tokens.ts';
import { portalStyles } from './kredo-portal.styles.ts';

type Tab = 'open' | 'paid';
type Phase = 'loading' | 'ready' | 'expired' | 'failed';

/**
 * The debtor portal a tenant embeds on its site: the debtor's open and paid invoices with totals and
 * ageing per currency, and dialogs to dispute invoices and to promise a payment date. It speaks
 * nl, en, de and fr: the `lang` attribute if the host gives one, else the debtor's language in Kredo,
 * else the browser's; the debtor can switch. It never refreshes its session: when core says the
 * session ended it fires `kredo-session-expired` and the host sets a new `session`.
 *
 * @fires kredo-session-expired - Core answered 401: mint a new session and set `session` again.
 * @fires kredo-dispute-opened - A dispute was opened; `detail.dispute` is core's answer.
 * @fires kredo-promise-made - A promise to pay was made; `detail.promise` is core's answer.
 * @fires kredo-language-changed - The debtor switched language; `detail.language`.
 *
 * @csspart header - The title and the language switch.
 * @csspart title - The heading.
 * @csspart language - The language switch (`<select>`).
 * @csspart announcement - The confirmation of the last action (a polite live region).
 * @csspart totals - The totals, one block per currency.
 * @csspart actions - The dispute and promise buttons.
 * @csspart button - Every button.
 * @csspart tabs - The open/paid tab list.
 * @csspart tab - Each tab.
 *
 * @cssproperty --kredo-font-family - The font.
 * @cssproperty --kredo-color-text - Text (default #1f2937).
 * @cssproperty --kredo-color-muted - Labels and secondary text (default #4b5563).
 * @cssproperty --kredo-color-background - Background (default #ffffff).
 * @cssproperty --kredo-color-surface - Totals and confirmations (default #f3f4f6).
 * @cssproperty --kredo-color-border - Lines (default #d1d5db).
 * @cssproperty --kredo-color-primary - Buttons and the selected tab (default #1d4ed8).
 * @cssproperty --kredo-color-on-primary - Text on buttons (default #ffffff).
 * @cssproperty --kredo-color-danger - Overdue and errors (default #b91c1c).
 * @cssproperty --kredo-color-success - The confirmation's mark (default #166534).
 * @cssproperty --kredo-color-focus - The focus ring (default #2563eb).
 * @cssproperty --kredo-radius - Corner radius (default 6px).
 * @cssproperty --kredo-space - The spacing unit (default 0.75rem).
 */
export class KredoPortal extends LitElement {
  static override styles = [tokens, buttons, portalStyles];
  static override properties = {
    session: { type: String },
    api: { type: String },
    lang: { type: String, reflect: true },
    phase: { state: true },
    tab: { state: true },
    me: { state: true },
    open: { state: true },
    paid: { state: true },
    disputeTypes: { state: true },
    announcement: { state: true },
    formError: { state: true },
    busy: { state: true },
  };
  /** The portal session's token, minted by the tenant's backend. */
  declare session: string;
  /** Kredo core's address; the page's own origin when left out. */
  declare api: string;
  declare lang: string;
  declare phase: Phase;
  declare tab: Tab;
  declare me: PortalMe | undefined;
  declare open: PortalInvoices | undefined;
  declare paid: PortalInvoices | undefined;
  declare disputeTypes: DisputeType[];
  declare announcement: string;
  declare formError: string;
  declare busy: boolean;
  /** The host or the debtor chose the language: the debtor's language in Kredo no longer decides. */
  #languageChosen = false;
  #client: PortalApi | undefined;

  constructor() {
    super();
    this.session = '';
    this.api = '';
    this.lang = '';
    this.phase = 'loading';
    this.tab = 'open';
    this.disputeTypes = [];
    this.announcement = '';
    this.formError = '';
    this.busy = false;
  }

  get #language(): Language {
    return pickLanguage(this.lang);
  }

  get #t() {
    return MESSAGES[this.#language];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.lang) this.#languageChosen = true;
    // Until the debtor's language is known, the browser's: the element always says what it speaks.
    else this.lang = pickLanguage(navigator.language);
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if ((changed.has('session') || changed.has('api')) && this.session) void this.#load();
  }

  async #load(): Promise<void> {
    const client = portalApi(this.api || location.origin, this.session);
    this.#client = client;
    this.phase = 'loading';
    this.paid = undefined;
    try {
      const [me, open] = await Promise.all([client.me(), client.invoices('open')]);
      // A newer session was set meanwhile (the host minted one): its load decides.
      if (client !== this.#client) return;
      this.me = me;
      this.open = open;
      if (!this.#languageChosen) this.lang = pickLanguage(me.debtor.language, navigator.language);
      this.disputeTypes = (await client.disputeTypes(this.#language)).data;
      this.phase = 'ready';
      if (this.tab === 'paid') await this.#loadPaid();
    } catch (error) {
      if (client === this.#client) this.#fail(error);
    }
  }

  async #loadPaid(): Promise<void> {
    if (!this.#client) return;
    this.paid = await this.#client.invoices('paid');
  }

  #fail(error: unknown): void {
    if (error instanceof SessionExpired) {
      this.phase = 'expired';
      this.#emit('kredo-session-expired', {});
    } else this.phase = 'failed';
  }

  #emit(type: string, detail: object): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  override render() {
    const t = this.#t;
    return html`<section aria-labelledby="title">
        <header part="header">
          <h2 id="title" part="title">${t.title}${this.me ? html` · ${this.me.creditor.name}` : nothing}</h2>
          <span class="field">
            <label for="language">${t.language}</label>
            <select id="language" part="language" @change=${this.#switchLanguage}>
              ${LANGUAGES.map(
                (code) =>
                  html`<option value=${code} lang=${code} ?selected=${code === this.#language}>
                    ${LANGUAGE_NAMES[code]}
                  </option>`,
              )}
            </select>
          </span>
        </header>
        <div class="announcement" part="announcement" role="status" aria-live="polite">${this.announcement}</div>
        ${this.#body()}
      </section>
      ${this.#disputeDialog()} ${this.#promiseDialog()}`;
  }

  #body() {
    const t = this.#t;
    if (this.phase === 'expired') return html`<p role="alert">${t.sessionExpired}</p>`;
    if (this.phase === 'failed') return html`<p role="alert">${t.failed}</p>`;
    if (this.phase === 'loading' || !this.open) return html`<p>${t.loading}</p>`;
    const canAct = this.open.data.length > 0;
    return html`${this.#totals(this.open.totals)}
      <div class="actions" part="actions">
        <button part="button" ?disabled=${!canAct} @click=${(e: Event) => this.#show('dispute', e)}>
          ${t.dispute}
        </button>
        <button part="button" ?disabled=${!canAct} @click=${(e: Event) => this.#show('promise', e)}>
          ${t.promise}
        </button>
      </div>
      ${this.#tabs()}`;
  }

  #totals(totals: PortalTotals[]) {
    const t = this.#t;
    if (totals.length === 0) return nothing;
    const money = (minor: number, currency: string) => formatMoney(minor, currency, this.#language);
    return html`<h3>${t.totals}</h3>
      <div class="totals" part="totals">
        ${totals.map(
          (total) => html`<div class="currency">
            <dl>
              <dt>${t.totalOpen}</dt>
              <dd>${money(total.open, total.currency)}</dd>
              <dt>${t.totalOverdue}</dt>
              <dd>${money(total.overdue, total.currency)}</dd>
            </dl>
            <table class="ageing">
              <caption>${t.ageing} (${total.currency})</caption>
              <thead>
                <tr>${AGEING_BUCKETS.map((bucket) => html`<th scope="col">${t.ageingBuckets[bucket]}</th>`)}</tr>
              </thead>
              <tbody>
                <tr>${AGEING_BUCKETS.map((bucket) => html`<td>${money(total.ageing[bucket], total.currency)}</td>`)}</tr>
              </tbody>
            </table>
          </div>`,
        )}
      </div>`;
  }

  /** The WAI-ARIA tabs pattern: one tab stop, arrow keys move between the tabs. */
  #tabs() {
    const t = this.#t;
    const tab = (id: Tab, label: string) =>
      html`<button
        role="tab"
        part="tab"
        id="tab-${id}"
        aria-selected=${this.tab === id ? 'true' : 'false'}
        aria-controls="panel"
        tabindex=${this.tab === id ? 0 : -1}
        @click=${() => this.#select(id)}
        @keydown=${this.#tabKey}
      >
        ${label}
      </button>`;
    const shown = this.tab === 'open' ? this.open : this.paid;
    return html`<div role="tablist" part="tabs" aria-label=${t.title}>
        ${tab('open', t.tabOpen)} ${tab('paid', t.tabPaid)}
      </div>
      <div role="tabpanel" id="panel" aria-labelledby="tab-${this.tab}">
        ${
          !shown
            ? html`<p>${t.loading}</p>`
            : shown.data.length === 0
              ? html`<p>${t.noInvoices}</p>`
              : html`<kredo-invoice-table
                .invoices=${shown.data}
                language=${this.#language}
                caption=${this.tab === 'open' ? t.invoicesOpen : t.invoicesPaid}
              ></kredo-invoice-table>`
        }
      </div>`;
  }

  async #select(tab: Tab): Promise<void> {
    this.tab = tab;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#tab-${tab}`)?.focus();
    if (tab === 'paid' && !this.paid) await this.#loadPaid().catch((error) => this.#fail(error));
  }

  #tabKey = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    void this.#select(this.tab === 'open' ? 'paid' : 'open');
  };

  async #switchLanguage(event: Event): Promise<void> {
    const language = pickLanguage((event.target as HTMLSelectElement).value);
    this.#languageChosen = true;
    this.lang = language;
    this.#emit('kredo-language-changed', { language });
    // The reasons are named by core, in the debtor's language.
    try {
      if (this.#client) this.disputeTypes = (await this.#client.disputeTypes(language)).data;
    } catch (error) {
      this.#fail(error);
    }
  }

  #dialog(name: 'dispute' | 'promise'): KredoDialog | null {
    return this.renderRoot.querySelector<KredoDialog>(`#${name}-dialog`);
  }

  #show(name: 'dispute' | 'promise', event: Event): void {
    this.formError = '';
    void this.#dialog(name)?.show(event.currentTarget as HTMLElement);
  }

  /** Checkboxes for the open invoices, `checked` deciding which start ticked. */
  #invoiceChoice(prefix: string, checked: (invoice: PortalInvoice) => boolean) {
    const t = this.#t;
    return html`<fieldset>
      <legend>${t.whichInvoices}</legend>
      ${(this.open?.data ?? []).map(
        (invoice) => html`<label>
          <input type="checkbox" name="invoice" value=${invoice.id} id="${prefix}-${invoice.id}" ?checked=${checked(invoice)} />
          ${invoice.number} · ${formatMoney(invoice.openAmount, invoice.currency, this.#language)} ·
          ${formatDate(invoice.dueDate, this.#language)}
        </label>`,
      )}
    </fieldset>`;
  }

  #formButtons(name: 'dispute' | 'promise', send: string) {
    return html`<p class="error" role="alert">${this.formError}</p>
      <div class="buttons">
        <button type="button" class="secondary" part="button" @click=${() => this.#dialog(name)?.close()}>
          ${this.#t.cancel}
        </button>
        <button type="submit" part="button" ?disabled=${this.busy}>${send}</button>
      </div>`;
  }

  #disputeDialog() {
    const t = this.#t;
    return html`<kredo-dialog id="dispute-dialog" heading=${t.disputeTitle}>
      <form @submit=${this.#submitDispute}>
        ${this.#invoiceChoice('dispute', () => false)}
        <div class="field">
          <label for="dispute-type">${t.disputeReason}</label>
          <select id="dispute-type" name="type" required>
            ${this.disputeTypes.map((type) => html`<option value=${type.code}>${type.name}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="dispute-message">${t.disputeMessage}</label>
          <textarea id="dispute-message" name="description" rows="4" maxlength="5000" required></textarea>
        </div>
        ${this.#formButtons('dispute', t.disputeSend)}
      </form>
    </kredo-dialog>`;
  }

  #promiseDialog() {
    const t = this.#t;
    const tomorrow = this.open ? addDays(this.open.today, 1) : '';
    return html`<kredo-dialog id="promise-dialog" heading=${t.promiseTitle}>
      <form @submit=${this.#submitPromise}>
        ${this.#invoiceChoice('promise', (invoice) => invoice.daysOverdue > 0)}
        <div class="field">
          <label for="promise-date">${t.promiseDate}</label>
          <input type="date" id="promise-date" name="promisedOn" min=${tomorrow} required />
        </div>
        ${this.#formButtons('promise', t.promiseSend)}
      </form>
    </kredo-dialog>`;
  }

  /** The form's ticked invoices, or none (with the error said) when nothing is ticked. */
  #chosenInvoices(form: HTMLFormElement): string[] | undefined {
    const ids = new FormData(form).getAll('invoice').map(String);
    if (ids.length > 0) return ids;
    this.formError = this.#t.chooseInvoice;
    return undefined;
  }

  #submitDispute = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const invoiceIds = this.#chosenInvoices(form);
    if (!invoiceIds || !this.#client) return;
    const data = new FormData(form);
    const client = this.#client;
    await this.#write('dispute', form, async () => {
      const dispute = await client.openDispute({
        invoiceIds,
        type: String(data.get('type')),
        description: String(data.get('description')),
      });
      const numbers = this.#numbers(dispute.invoiceIds);
      this.#emit('kredo-dispute-opened', { dispute });
      return this.#t.disputeOpened(numbers, formatDate(dispute.dueOn, this.#language));
    });
  };

  #submitPromise = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const invoiceIds = this.#chosenInvoices(form);
    if (!invoiceIds || !this.#client) return;
    const promisedOn = String(new FormData(form).get('promisedOn'));
    const client = this.#client;
    await this.#write('promise', form, async () => {
      const promise = await client.makePromise({ invoiceIds, promisedOn });
      this.#emit('kredo-promise-made', { promise });
      const amount = formatMoney(promise.amount, promise.currency, this.#language);
      return this.#t.promiseMade(amount, formatDate(promise.promisedOn, this.#language));
    });
  };

  /**
   * Runs one write from a dialog: on success the dialog closes (the focus back on its button) and
   * the confirmation is announced; a refusal stays in the dialog, in core's words; an ended
   * session ends the widget.
   */
  async #write(name: 'dispute' | 'promise', form: HTMLFormElement, send: () => Promise<string>) {
    this.busy = true;
    this.formError = '';
    try {
      const confirmation = await send();
      form.reset();
      this.#dialog(name)?.close();
      this.announcement = confirmation;
      if (this.#client) this.open = await this.#client.invoices('open');
    } catch (error) {
      if (error instanceof PortalApiError) this.formError = error.message;
      else {
        this.#dialog(name)?.close();
        this.#fail(error);
      }
    } finally {
      this.busy = false;
    }
  }

  #numbers(invoiceIds: string[]): string {
    const byId = new Map((this.open?.data ?? []).map((invoice) => [invoice.id, invoice.number]));
    return invoiceIds.map((id) => byId.get(id) ?? id).join(', ');
  }
}

if (!customElements.get('kredo-portal')) customElements.define('kredo-portal', KredoPortal);

declare global {
  interface HTMLElementTagNameMap {
    'kredo-portal': KredoPortal;
  }
}
