import { html } from 'lit';
import type { Frequency } from '../../api/portal-api.ts';
import { formatDate } from '../../format/date.ts';
import { formatMoney } from '../../format/money.ts';
import type { DialogHost } from './dialog-host.ts';
import { field, formDialog, onSubmit, tomorrow } from './form-helpers.ts';
import { invoiceChoice } from './invoice-choice.ts';

/**
 * Request a payment plan: what the creditor offers (most instalments, smallest instalment), which
 * invoices (the overdue ones ticked already), how many instalments, how often, and the first date.
 */
export function planDialog(host: DialogHost) {
  const t = host.t();
  const options = host.portal.planOptions;
  const limits = options
    ? t.planLimits(
        options.maxInstalments,
        formatMoney(options.minInstalment, options.currency, host.language()),
      )
    : '';
  return formDialog(
    host,
    'plan',
    t.planTitle,
    submitPlan(host),
    t.planSend,
    html`
      <p id="plan-limits">${limits}</p>
      ${invoiceChoice(host, 'plan', (invoice) => invoice.daysOverdue > 0)}
      ${field(
        host,
        'plan-instalments',
        'instalments',
        t.planInstalments,
        (described, invalid) =>
          html`<input type="number" id="plan-instalments" name="instalments" min="2"
            max=${options?.maxInstalments ?? 60} step="1" value="2" required
            aria-describedby="plan-limits ${described}" aria-invalid=${invalid} />`,
      )}
      ${field(
        host,
        'plan-frequency',
        'frequency',
        t.planFrequency,
        (described, invalid) =>
          html`<select id="plan-frequency" name="frequency" aria-describedby=${described} aria-invalid=${invalid}>
            ${(options?.frequencies ?? []).map((f) => html`<option value=${f}>${t.frequencies[f]}</option>`)}
          </select>`,
      )}
      ${field(
        host,
        'plan-first',
        'firstDueOn',
        t.planFirstDue,
        (described, invalid) =>
          html`<input type="date" id="plan-first" name="firstDueOn" min=${tomorrow(host)} required
            aria-describedby=${described} aria-invalid=${invalid} />`,
      )}`,
  );
}

const submitPlan = (host: DialogHost) =>
  onSubmit(
    host,
    'plan',
    async ({ client, data, invoiceIds }) => {
      const plan = await client.requestPlan({
        invoiceIds,
        instalments: Number(data.get('instalments')),
        frequency: String(data.get('frequency')) as Frequency,
        firstDueOn: String(data.get('firstDueOn')),
      });
      host.emit('kredo-plan-requested', { plan });
      const [first] = plan.instalments;
      const language = host.language();
      const amount = formatMoney(first?.amount ?? 0, plan.currency, language);
      return host.t().planMade(plan.instalments.length, amount, formatDate(first?.dueOn ?? '', language));
    },
    { invoices: true },
  );
