import { html } from 'lit';
import { type PortalApi, PortalApiError } from '../../api/portal-api.ts';
import { addDays } from '../../format/date.ts';
import type { DialogHost, DialogName } from './dialog-host.ts';

/** Core names a plan's broken rule (`details.rule`); both are about the number of instalments. */
const FIELD_OF_RULE: Record<string, string> = { maxInstalments: 'instalments', minInstalment: 'instalments' };

/**
 * A labelled control with the refusal core gave for it right below, which the control names as its
 * description (`aria-describedby`) so a screen reader reads it with the field.
 */
export function field(
  host: DialogHost,
  id: string,
  name: string,
  label: string,
  control: (described: string, invalid: string) => unknown,
) {
  const error = host.portal.fieldErrors[name] ?? '';
  return html`<div class="field">
    <label for=${id}>${label}</label>
    ${control(`${id}-error`, error ? 'true' : 'false')}
    <p class="error" id="${id}-error" role="alert">${error}</p>
  </div>`;
}

/** A dialog holding a form: its fields, then the refusal (if any) and the cancel and send buttons. */
export function formDialog(
  host: DialogHost,
  name: DialogName,
  heading: string,
  submit: (event: SubmitEvent) => void,
  send: string,
  fields: unknown,
) {
  return html`<kredo-dialog id="${name}-dialog" heading=${heading}>
    <form @submit=${submit}>${fields} ${formButtons(host, name, send)}</form>
  </kredo-dialog>`;
}

function formButtons(host: DialogHost, name: DialogName, send: string) {
  return html`<p class="error" role="alert">${host.portal.formError}</p>
    <div class="buttons">
      <button type="button" class="secondary" part="button" @click=${() => host.dialog(name)?.close()}>
        ${host.t().cancel}
      </button>
      <button type="submit" part="button" ?disabled=${host.portal.busy}>${send}</button>
    </div>`;
}

/** The form's ticked invoices, or none (with the error said) when nothing is ticked. */
function chosenInvoices(host: DialogHost, form: HTMLFormElement): string[] | undefined {
  const ids = new FormData(form).getAll('invoice').map(String);
  if (ids.length > 0) return ids;
  host.portal.fieldErrors = { invoiceIds: host.t().chooseInvoice };
  return undefined;
}

/** The invoices' numbers, as the debtor knows them. */
export function numbers(host: DialogHost, invoiceIds: string[]): string {
  const byId = new Map((host.portal.open?.data ?? []).map((invoice) => [invoice.id, invoice.number]));
  return invoiceIds.map((id) => byId.get(id) ?? id).join(', ');
}

/** The first date a debtor may choose: the day after the creditor's today. */
export function tomorrow(host: DialogHost): string {
  return host.portal.open ? addDays(host.portal.open.today, 1) : '';
}

/** What a dialog's `send` gets: core's client, the form's data and its ticked invoices. */
export interface Submission {
  client: PortalApi;
  data: FormData;
  invoiceIds: string[];
}

/**
 * A dialog's submit handler: the form's data, and its ticked invoices when `invoices` says the
 * dialog needs some (none ticked: said next to them, nothing sent), go to `send` through `write`.
 */
export function onSubmit(
  host: DialogHost,
  name: DialogName,
  send: (submission: Submission) => Promise<string>,
  options: { invoices?: boolean; refresh?: boolean } = {},
) {
  return async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const invoiceIds = options.invoices ? chosenInvoices(host, form) : [];
    const client = host.client();
    if (!invoiceIds || !client) return;
    const data = new FormData(form);
    await write(host, name, form, () => send({ client, data, invoiceIds }), options.refresh);
  };
}

/**
 * Runs one write from a dialog: on success the dialog closes (the focus back on its button) and
 * the confirmation is announced; a refusal stays in the dialog, in core's words; an ended
 * session ends the widget.
 */
export async function write(
  host: DialogHost,
  name: DialogName,
  form: HTMLFormElement,
  send: () => Promise<string>,
  refresh = true,
): Promise<void> {
  const portal = host.portal;
  portal.busy = true;
  portal.formError = '';
  portal.fieldErrors = {};
  try {
    const confirmation = await send();
    form.reset();
    host.dialog(name)?.close();
    portal.announcement = confirmation;
    const client = host.client();
    if (refresh && client) portal.open = await client.invoices('open');
  } catch (error) {
    if (error instanceof PortalApiError) await refused(host, form, error);
    else {
      host.dialog(name)?.close();
      host.fail(error);
    }
  } finally {
    portal.busy = false;
  }
}

/**
 * Shows core's refusal next to the field it names (`invoiceIds[0]` is the invoices' field, a plan's
 * rule the instalments'), the focus on that field; else above the form's buttons.
 */
async function refused(host: DialogHost, form: HTMLFormElement, error: PortalApiError): Promise<void> {
  const rule = typeof error.details.rule === 'string' ? error.details.rule : '';
  const field = FIELD_OF_RULE[rule] ?? error.field.split(/[.[]/)[0] ?? '';
  // The invoices' boxes are each named `invoice`; a name that is not a plain word names no control.
  const name = field === 'invoiceIds' ? 'invoice' : field;
  const control = /^\w+$/.test(name) ? form.querySelector<HTMLElement>(`[name="${name}"]`) : null;
  if (!control) {
    host.portal.formError = error.message;
    return;
  }
  host.portal.fieldErrors = { [field]: error.message };
  await host.portal.updateComplete;
  control.focus();
}
