import { html, nothing } from 'lit';
import { AGEING_BUCKETS, type PortalTotals } from '../api/portal-api.ts';
import { formatMoney } from '../format/money.ts';
import type { Language, Messages } from '../i18n/messages.ts';

/** The totals per currency (never added across currencies): open, overdue, and open by age. */
export function portalTotals(totals: PortalTotals[], t: Messages, language: Language) {
  if (totals.length === 0) return nothing;
  const money = (minor: number, currency: string) => formatMoney(minor, currency, language);
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
