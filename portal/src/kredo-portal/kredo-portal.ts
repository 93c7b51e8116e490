import { html, LitElement, nothing } from 'lit';
import {
  AGEING_BUCKETS,
  CHANNELS,
  type ContactChange,
  type DisputeType,
  type Frequency,
  type PlanOptions,
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
type DialogName = 'dispute' | 'promise' | 'plan' | 'po' | 'contact' | 'question' | 'pay';

/** Core names a plan's broken rule (`details.rule`); both are about the number of instalments. */
const FIELD_OF_RULE: Record<string, string> = { maxInstalments: 'instalments', minInstalment: 'instalments' };

/**
 * The debtor portal a tenant embeds on its site: the debtor's open and paid invoices with totals and
 * ageing per currency, and dialogs to dispute invoices, promise a payment date, request a payment
 * plan, add a PO number, change contact details and ask a question; paying by pay link and the
 * invoice's PDF when the tenant's plugins provide them (`features` in core's `/portal/me`). It speaks
 * nl, en, de and fr: the `lang` attribute if the host gives one, else the debtor's language in Kredo,
 * else the browser's; the debtor can switch. It never refreshes its session: when core says the
 * session ended it fires `kredo-session-expired` and the host sets a new `session`.
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

  constructor() {
    super();
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
      ${this.#disputeDialog()} ${this.#promiseDialog()} ${this.#planDialog()} ${this.#poDialog()}
      ${this.#contactDialog()} ${this.#questionDialog()} ${this.#payDialog()}`;
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
    return html`${this.#totals(this.open.totals)}
      <div class="actions" part="actions">
        ${features?.payLinks ? action('pay', t.pay) : nothing} ${action('dispute', t.dispute)}
        ${action('promise', t.promise)} ${action('plan', t.plan)} ${action('po', t.po, canAct, 'secondary')}
        ${action('question', t.question, true, 'secondary')} ${action('contact', t.contact, true, 'secondary')}
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
   * A labelled control with the refusal core gave for it right below, which the control names as its
   * description (`aria-describedby`) so a screen reader reads it with the field.
   */
  #field(id: string, name: string, label: string, control: (described: string, invalid: string) => unknown) {
    const error = this.fieldErrors[name] ?? '';
    return html`<div class="field">
      <label for=${id}>${label}</label>
      ${control(`${id}-error`, error ? 'true' : 'false')}
      <p class="error" id="${id}-error" role="alert">${error}</p>
    </div>`;
  }

  /** Checkboxes for the open invoices, `checked` deciding which start ticked. */
  #invoiceChoice(
    prefix: string,
    checked: (invoice: PortalInvoice) => boolean,
    legend = this.#t.whichInvoices,
  ) {
    return html`<fieldset aria-describedby="${prefix}-invoiceIds-error">
      <legend>${legend}</legend>
      ${(this.open?.data ?? []).map(
        (invoice) => html`<label>
          <input type="checkbox" name="invoice" value=${invoice.id} id="${prefix}-${invoice.id}" ?checked=${checked(invoice)} />
          ${invoice.number} · ${formatMoney(invoice.openAmount, invoice.currency, this.#language)} ·
          ${formatDate(invoice.dueDate, this.#language)}
        </label>`,
      )}
      <p class="error" id="${prefix}-invoiceIds-error" role="alert">${this.fieldErrors.invoiceIds ?? ''}</p>
    </fieldset>`;
  }

  /** A dialog holding a form: its fields, then the refusal (if any) and the cancel and send buttons. */
  #formDialog(
    name: DialogName,
    heading: string,
    submit: (event: SubmitEvent) => void,
    send: string,
    fields: unknown,
  ) {
    return html`<kredo-dialog id="${name}-dialog" heading=${heading}>
      <form @submit=${submit}>${fields} ${this.#formButtons(name, send)}</form>
    </kredo-dialog>`;
  }

  #formButtons(name: DialogName, send: string) {
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
    return this.#formDialog(
      'dispute',
      t.disputeTitle,
      this.#submitDispute,
      t.disputeSend,
      html`
        ${this.#invoiceChoice('dispute', () => false)}
        ${this.#field(
          'dispute-type',
          'type',
          t.disputeReason,
          (described, invalid) =>
            html`<select id="dispute-type" name="type" required aria-describedby=${described} aria-invalid=${invalid}>
              ${this.disputeTypes.map((type) => html`<option value=${type.code}>${type.name}</option>`)}
            </select>`,
        )}
        ${this.#field(
          'dispute-message',
          'description',
          t.disputeMessage,
          (described, invalid) =>
            html`<textarea id="dispute-message" name="description" rows="4" maxlength="5000" required
              aria-describedby=${described} aria-invalid=${invalid}></textarea>`,
        )}`,
    );
  }

  #promiseDialog() {
    const t = this.#t;
    return this.#formDialog(
      'promise',
      t.promiseTitle,
      this.#submitPromise,
      t.promiseSend,
      html`
        ${this.#invoiceChoice('promise', (invoice) => invoice.daysOverdue > 0)}
        ${this.#field(
          'promise-date',
          'promisedOn',
          t.promiseDate,
          (described, invalid) =>
            html`<input type="date" id="promise-date" name="promisedOn" min=${this.#tomorrow()} required
              aria-describedby=${described} aria-invalid=${invalid} />`,
        )}`,
    );
  }

  #tomorrow(): string {
    return this.open ? addDays(this.open.today, 1) : '';
  }

  #planDialog() {
    const t = this.#t;
    const options = this.planOptions;
    const limits = options
      ? t.planLimits(
          options.maxInstalments,
          formatMoney(options.minInstalment, options.currency, this.#language),
        )
      : '';
    return this.#formDialog(
      'plan',
      t.planTitle,
      this.#submitPlan,
      t.planSend,
      html`
        <p id="plan-limits">${limits}</p>
        ${this.#invoiceChoice('plan', (invoice) => invoice.daysOverdue > 0)}
        ${this.#field(
          'plan-instalments',
          'instalments',
          t.planInstalments,
          (described, invalid) =>
            html`<input type="number" id="plan-instalments" name="instalments" min="2"
              max=${options?.maxInstalments ?? 60} step="1" value="2" required
              aria-describedby="plan-limits ${described}" aria-invalid=${invalid} />`,
        )}
        ${this.#field(
          'plan-frequency',
          'frequency',
          t.planFrequency,
          (described, invalid) =>
            html`<select id="plan-frequency" name="frequency" aria-describedby=${described} aria-invalid=${invalid}>
              ${(options?.frequencies ?? []).map((f) => html`<option value=${f}>${t.frequencies[f]}</option>`)}
            </select>`,
        )}
        ${this.#field(
          'plan-first',
          'firstDueOn',
          t.planFirstDue,
          (described, invalid) =>
            html`<input type="date" id="plan-first" name="firstDueOn" min=${this.#tomorrow()} required
              aria-describedby=${described} aria-invalid=${invalid} />`,
        )}`,
    );
  }

  #poDialog() {
    const t = this.#t;
    return this.#formDialog(
      'po',
      t.poTitle,
      this.#submitPo,
      t.poSend,
      html`
        ${this.#field(
          'po-invoice',
          'invoiceId',
          t.poInvoice,
          (described, invalid) =>
            html`<select id="po-invoice" name="invoiceId" required aria-describedby=${described} aria-invalid=${invalid}>
              ${(this.open?.data ?? []).map((invoice) => html`<option value=${invoice.id}>${invoice.number}</option>`)}
            </select>`,
        )}
        ${this.#field(
          'po-number',
          'poNumber',
          t.poNumber,
          (described, invalid) =>
            html`<input id="po-number" name="poNumber" maxlength="64" required autocomplete="off"
              aria-describedby=${described} aria-invalid=${invalid} />`,
        )}`,
    );
  }

  #contactDialog() {
    const t = this.#t;
    const debtor = this.me?.debtor;
    const current = debtor?.preferredChannel ?? '';
    return this.#formDialog(
      'contact',
      t.contactTitle,
      this.#submitContact,
      t.contactSend,
      html`
        ${this.#field(
          'contact-email',
          'email',
          t.email,
          (described, invalid) =>
            html`<input type="email" id="contact-email" name="email" autocomplete="email" maxlength="320"
              .value=${debtor?.email ?? ''} aria-describedby=${described} aria-invalid=${invalid} />`,
        )}
        ${this.#field(
          'contact-phone',
          'phone',
          t.phone,
          (described, invalid) =>
            html`<input type="tel" id="contact-phone" name="phone" autocomplete="tel" maxlength="20"
              .value=${debtor?.phone ?? ''} aria-describedby=${described} aria-invalid=${invalid} />`,
        )}
        ${this.#field(
          'contact-language',
          'language',
          t.contactLanguage,
          (described, invalid) =>
            html`<select id="contact-language" name="language" aria-describedby=${described} aria-invalid=${invalid}>
              ${LANGUAGES.map(
                (code) =>
                  html`<option value=${code} lang=${code} ?selected=${code === (debtor?.language ?? this.#language)}>
                    ${LANGUAGE_NAMES[code]}
                  </option>`,
              )}
            </select>`,
        )}
        ${this.#field(
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

  #questionDialog() {
    const t = this.#t;
    return this.#formDialog(
      'question',
      t.questionTitle,
      this.#submitQuestion,
      t.questionSend,
      html`
        ${this.#field(
          'question-message',
          'message',
          t.questionMessage,
          (described, invalid) =>
            html`<textarea id="question-message" name="message" rows="4" maxlength="5000" required
              aria-describedby=${described} aria-invalid=${invalid}></textarea>`,
        )}
        ${this.#invoiceChoice('question', () => false, t.questionAbout)}`,
    );
  }

  #payDialog() {
    if (!this.me?.features.payLinks) return nothing;
    const t = this.#t;
    return this.#formDialog(
      'pay',
      t.payTitle,
      this.#submitPay,
      t.paySend,
      html`
        ${this.#invoiceChoice('pay', () => true)}`,
    );
  }

  #submitPlan = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const invoiceIds = this.#chosenInvoices(form);
    if (!invoiceIds || !this.#client) return;
    const data = new FormData(form);
    const client = this.#client;
    await this.#write('plan', form, async () => {
      const plan = await client.requestPlan({
        invoiceIds,
        instalments: Number(data.get('instalments')),
        frequency: String(data.get('frequency')) as Frequency,
        firstDueOn: String(data.get('firstDueOn')),
      });
      this.#emit('kredo-plan-requested', { plan });
      const [first] = plan.instalments;
      return this.#t.planMade(
        plan.instalments.length,
        formatMoney(first?.amount ?? 0, plan.currency, this.#language),
        formatDate(first?.dueOn ?? '', this.#language),
      );
    });
  };

  #submitPo = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    if (!this.#client) return;
    const data = new FormData(form);
    const invoiceId = String(data.get('invoiceId'));
    const poNumber = String(data.get('poNumber')).trim();
    const client = this.#client;
    await this.#write('po', form, async () => {
      const { taskId } = await client.setPoNumber(invoiceId, poNumber);
      this.#emit('kredo-po-number-added', { invoiceId, poNumber, taskId });
      return this.#t.poAdded(poNumber, this.#numbers([invoiceId]));
    });
  };

  #submitContact = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const change = this.#contactChange(new FormData(form));
    if (!change || !this.#client) return;
    const client = this.#client;
    await this.#write('contact', form, async () => {
      const { taskId } = await client.changeContact(change);
      this.#emit('kredo-contact-changed', { change, taskId });
      this.me = await client.me();
      return this.#t.contactChanged;
    });
  };

  /** What the debtor changed (core records each change from what to what), or none, said so. */
  #contactChange(data: FormData): ContactChange | undefined {
    const debtor = this.me?.debtor;
    const change: ContactChange = {};
    for (const field of ['email', 'phone', 'language', 'preferredChannel'] as const) {
      const value = String(data.get(field) ?? '').trim();
      if (value && value !== (debtor?.[field] ?? '')) change[field] = value;
    }
    if (Object.keys(change).length > 0) return change;
    this.formError = this.#t.nothingChanged;
    return undefined;
  }

  #submitQuestion = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    if (!this.#client) return;
    const data = new FormData(form);
    const invoiceIds = data.getAll('invoice').map(String);
    const client = this.#client;
    await this.#write('question', form, async () => {
      const { taskId } = await client.askQuestion({
        message: String(data.get('message')),
        ...(invoiceIds.length > 0 && { invoiceIds }),
      });
      this.#emit('kredo-question-asked', { taskId });
      return this.#t.questionAsked;
    });
  };

  /**
   * A pay link for the ticked invoices, the debtor brought back to this page after paying; then the
   * page goes to the provider, unless the host handles `kredo-pay-link-created` itself.
   */
  #submitPay = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const invoiceIds = this.#chosenInvoices(form);
    if (!invoiceIds || !this.#client) return;
    const client = this.#client;
    // Not the page's full address: its query or fragment may hold what the provider must not see.
    const redirectUrl = this.returnUrl || `${location.origin}${location.pathname}`;
    // No reload of the invoices afterwards: the page is leaving, and nothing is paid yet.
    await this.#write(
      'pay',
      form,
      async () => {
        const payLink = await client.createPayLink({ invoiceIds, redirectUrl });
        const created = new CustomEvent('kredo-pay-link-created', {
          detail: { payLink },
          bubbles: true,
          composed: true,
          cancelable: true,
        });
        if (this.dispatchEvent(created)) location.assign(payLink.url);
        return this.#t.payGoing;
      },
      false,
    );
  };

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

  /** The form's ticked invoices, or none (with the error said) when nothing is ticked. */
  #chosenInvoices(form: HTMLFormElement): string[] | undefined {
    const ids = new FormData(form).getAll('invoice').map(String);
    if (ids.length > 0) return ids;
    this.fieldErrors = { invoiceIds: this.#t.chooseInvoice };
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
  async #write(name: DialogName, form: HTMLFormElement, send: () => Promise<string>, refresh = true) {
    this.busy = true;
    this.formError = '';
    this.fieldErrors = {};
    try {
      const confirmation = await send();
      form.reset();
      this.#dialog(name)?.close();
      this.announcement = confirmation;
      if (refresh && this.#client) this.open = await this.#client.invoices('open');
    } catch (error) {
      if (error instanceof PortalApiError) await this.#refused(form, error);
      else {
        this.#dialog(name)?.close();
        this.#fail(error);
      }
    } finally {
      this.busy = false;
    }
  }

  /**
   * Shows core's refusal next to the field it names (`invoiceIds[0]` is the invoices' field, a plan's
   * rule the instalments'), the focus on that field; else above the form's buttons.
   */
  async #refused(form: HTMLFormElement, error: PortalApiError): Promise<void> {
    const rule = typeof error.details.rule === 'string' ? error.details.rule : '';
    const field = FIELD_OF_RULE[rule] ?? error.field.split(/[.[]/)[0] ?? '';
    // The invoices' boxes are each named `invoice`; a name that is not a plain word names no control.
    const name = field === 'invoiceIds' ? 'invoice' : field;
    const control = /^\w+$/.test(name) ? form.querySelector<HTMLElement>(`[name="${name}"]`) : null;
    if (!control) {
      this.formError = error.message;
      return;
    }
    this.fieldErrors = { [field]: error.message };
    await this.updateComplete;
    control.focus();
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
