import { html } from 'lit';
import { formatDate } from '../../format/date.ts';
import { formatMoney } from '../../format/money.ts';
import type { DialogHost } from './dialog-host.ts';
import { field, formDialog, onSubmit, tomorrow } from './form-helpers.ts';
import { invoiceChoice } from './invoice-choice.ts';

/** Promise to pay: which invoices (the overdue ones ticked already) and a date after today. */
export function promiseDialog(host: DialogHost) {
  const t = host.t();
  return formDialog(
    host,
    'promise',
    t.promiseTitle,
    submitPromise(host),
    t.promiseSend,
    html`
      ${invoiceChoice(host, 'promise', (invoice) => invoice.daysOverdue > 0)}
      ${field(
        host,
        'promise-date',
        'promisedOn',
        t.promiseDate,
        (described, invalid) =>
          html`<input type="date" id="promise-date" name="promisedOn" min=${tomorrow(host)} required
            aria-describedby=${described} aria-invalid=${invalid} />`,
      )}`,
  );
}

const submitPromise = (host: DialogHost) =>
  onSubmit(
    host,
    'promise',
    async ({ client, data, invoiceIds }) => {
      const promise = await client.makePromise({ invoiceIds, promisedOn: String(data.get('promisedOn')) });
      host.emit('kredo-promise-made', { promise });
      const language = host.language();
      const amount = formatMoney(promise.amount, promise.currency, language);
      return host.t().promiseMade(amount, formatDate(promise.promisedOn, language));
    },
    { invoices: true },
  );
