import { updateWhenLocaleChanges } from '@lit/localize';
import { html, LitElement, nothing } from 'lit';
import {
  type DisputeType,
  type PlanOptions,
  type PortalApi,
  PortalApiError,
  type PortalInvoice,
  type PortalInvoices,
  type PortalMe,
  portalApi,
  SessionExpired,
} from '../api/portal-api.ts';
import type { KredoDialog } from '../dialog/dialog.ts';
import '../dialog/dialog.ts';
import '../invoice-table/invoice-table.ts';
import { useLanguage } from '../i18n/localization.ts';
import { LANGUAGE_NAMES, LANGUAGES, type Language, messages, pickLanguage } from '../i18n/messages.ts';
import { buttons, tokens } from '../tokens/tokens.ts';
import { contactDialog } from './dialogs/contact-dialog.ts';
import type { DialogHost, DialogName } from './dialogs/dialog-host.ts';
import { disputeDialog } from './dialogs/dispute-dialog.ts';
import { payDialog } from './dialogs/pay-dialog.ts';
import { planDialog } from './dialogs/plan-dialog.ts';
import { poDialog } from './dialogs/po-dialog.ts';
import { promiseDialog } from './dialogs/promise-dialog.ts';
import { questionDialog } from './dialogs/question-dialog.ts';
import { portalStyles } from './kredo-portal.styles.ts';
import { portalTotals } from './portal-totals.ts';

type Tab = 'open' | 'paid';
type Phase = 'loading' | 'ready' | 'expired' | 'failed';

/**
 * The debtor portal a tenant embeds on its site: the debtor's open and paid invoices with totals and
 * ageing per currency, and dialogs to dispute invoices, promise a payment date, request a payment
 * plan, add a PO number, change contact details and ask a question; paying by pay link and the
 * invoice's PDF when the tenant's plugins provide them (`features` in core's `/portal/me`). It speaks
 * nl, en, de and fr: the `lang` attribute if the host gives one, else the debtor's language in Kredo,
 * else the browser's; the debtor can switch. It never refreshes its session: when core says the
 * session ended it fires `kredo-session-expired` and the host sets a new `session`. Each dialog is a
 * function of the element's `DialogHost` in `dialogs/`, sharing the form helpers there.
 *
 * @fires kredo-session-expired - Core answered 401: mint a new session and set `session` again.
 * @fires kredo-dispute-opened - A dispute was opened; `detail.dispute` is core's answer.
 * @fires kredo-promise-made - A promise to pay was made; `detail.promise` is core's answer.
 * @fires kredo-plan-requested - A payment plan was made; `detail.plan` is core's answer.
 * @fires kredo-po-number-added - A PO number was set; `detail` has `invoiceId`, `poNumber`, `taskId`.
 * @fires kredo-contact-changed - Contact details changed; `detail` has `change` and `taskId`.
 * @fires kredo-question-asked - A question was sent; `detail.taskId`.
 * @fires kredo-pay-link-created - A pay link was made (`detail.payLink`); the widget then navigates
 *   the page to its `url` unless a listener calls `preventDefault()`.
 * @fires kredo-language-changed - The debtor switched language; `detail.language`.
 *
 * @csspart header - The title and the language switch.
 * @csspart title - The heading.
 * @csspart language - The language switch (`<select>`).
 * @csspart announcement - The confirmation of the last action (a polite live region).
 * @csspart totals - The totals, one block per currency.
 * @csspart actions - The buttons of what the debtor can do.
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
    returnUrl: { type: String, attribute: 'return-url' },
    lang: { type: String, reflect: true },
    phase: { state: true },
    tab: { state: true },
    me: { state: true },
    open: { state: true },
    paid: { state: true },
    disputeTypes: { state: true },
    planOptions: { state: true },
    announcement: { state: true },
    formError: { state: true },
    fieldErrors: { state: true },
    busy: { state: true },
  };
  /** The portal session's token, minted by the tenant's backend. */
  declare session: string;
  /** Kredo core's address; the page's own origin when left out. */
  declare api: string;
  /** Where the payment provider sends the debtor back; this page (without query or fragment) when left out. */
  declare returnUrl: string;
  declare lang: string;
  declare phase: Phase;
  declare tab: Tab;
  declare me: PortalMe | undefined;
  declare open: PortalInvoices | undefined;
  declare paid: PortalInvoices | undefined;
  declare disputeTypes: DisputeType[];
  declare planOptions: PlanOptions | undefined;
  declare announcement: string;
  /** A refusal about the form as a whole. */
  declare formError: string;
  /** Refusals naming a field (core's `field`), shown next to it. */
  declare fieldErrors: Record<string, string>;
  declare busy: boolean;
  /** The host or the debtor chose the language: the debtor's language in Kredo no longer decides. */
  #languageChosen = false;
  #client: PortalApi | undefined;
  /** What the dialogs (dialogs/) use of the element. */
  readonly #host: DialogHost = {
    portal: this,
    t: () => this.#t,
    language: () => this.#language,
    client: () => this.#client,
    emit: (type, detail) => this.#emit(type, detail),
    dispatch: (event) => this.dispatchEvent(event),
    fail: (error) => this.#fail(error),
    dialog: (name) => this.#dialog(name),
  };

  constructor() {
    super();
    // The texts are lit-localize's: a switch of language renders the element again.
    updateWhenLocaleChanges(this);
    this.session = '';
    this.api = '';
    this.returnUrl = '';
    this.lang = '';
    this.phase = 'loading';
    this.tab = 'open';
    this.disputeTypes = [];
    this.announcement = '';
    this.formError = '';
    this.fieldErrors = {};
    this.busy = false;
  }

  get #language(): Language {
    return pickLanguage(this.lang);
  }

  get #t() {
    return messages();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.lang) this.#languageChosen = true;
    // Until the debtor's language is known, the browser's: the element always says what it speaks.
    else this.lang = pickLanguage(navigator.language);
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('lang')) void useLanguage(this.#language);
    if ((changed.has('session') || changed.has('api')) && this.session) void this.#load();
  }

  async #load(): Promise<void> {
    const client = portalApi(this.api || location.origin, this.session);
    this.#client = client;
    this.phase = 'loading';
    this.paid = undefined;
    try {
      const [me, open, planOptions] = await Promise.all([
        client.me(),
        client.invoices('open'),
        client.planOptions(),
      ]);
      // A newer session was set meanwhile (the host minted one): its load decides.
      if (client !== this.#client) return;
      this.me = me;
      this.open = open;
      this.planOptions = planOptions;
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
      ${disputeDialog(this.#host)} ${promiseDialog(this.#host)} ${planDialog(this.#host)} ${poDialog(this.#host)}
      ${contactDialog(this.#host)} ${questionDialog(this.#host)} ${payDialog(this.#host)}`;
  }

  #body() {
    const t = this.#t;
    if (this.phase === 'expired') return html`<p role="alert">${t.sessionExpired}</p>`;
    if (this.phase === 'failed') return html`<p role="alert">${t.failed}</p>`;
    if (this.phase === 'loading' || !this.open) return html`<p>${t.loading}</p>`;
    const canAct = this.open.data.length > 0;
    const features = this.me?.features;
    // Paying and the answers to being late stand out; the rest are quieter (secondary).
    const action = (name: DialogName, label: string, enabled = canAct, kind = '') =>
      html`<button part="button" class=${kind} ?disabled=${!enabled} @click=${(e: Event) => this.#show(name, e)}>
        ${label}
      </button>`;
    return html`${portalTotals(this.open.totals, t, this.#language)}
      <div class="actions" part="actions">
        ${features?.payLinks ? action('pay', t.pay) : nothing} ${action('dispute', t.dispute)}
        ${action('promise', t.promise)} ${action('plan', t.plan)} ${action('po', t.po, canAct, 'secondary')}
        ${action('question', t.question, true, 'secondary')} ${action('contact', t.contact, true, 'secondary')}
      </div>
      ${this.#tabs()}`;
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
                ?downloadable=${this.me?.features.invoiceCopies ?? false}
                @kredo-invoice-download=${this.#download}
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

  #dialog(name: DialogName): KredoDialog | null {
    return this.renderRoot.querySelector<KredoDialog>(`#${name}-dialog`);
  }

  #show(name: DialogName, event: Event): void {
    this.formError = '';
    this.fieldErrors = {};
    void this.#dialog(name)?.show(event.currentTarget as HTMLElement);
  }

  /**
   * The invoice's PDF, fetched with the session and saved through a `blob:` link: the host page's
   * CSP needs nothing beyond `connect-src` for core.
   */
  #download = async (event: CustomEvent<{ invoice: PortalInvoice }>) => {
    // The table's own event: the host page hears only the widget's documented ones.
    event.stopPropagation();
    const { invoice } = event.detail;
    if (!this.#client) return;
    try {
      const pdf = await this.#client.invoiceCopy(invoice.id);
      const url = URL.createObjectURL(pdf);
      const link = document.createElement('a');
      link.href = url;
      link.download = `${invoice.number}.pdf`;
      link.click();
      // After the click the browser has the file; the URL is no longer needed.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      this.announcement = this.#t.downloaded(invoice.number);
    } catch (error) {
      if (error instanceof PortalApiError) this.announcement = error.message;
      else this.#fail(error);
    }
  };
}

if (!customElements.get('kredo-portal')) customElements.define('kredo-portal', KredoPortal);

declare global {
  interface HTMLElementTagNameMap {
    'kredo-portal': KredoPortal;
  }
}
