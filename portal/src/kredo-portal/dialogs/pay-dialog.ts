import { html, nothing } from 'lit';
import type { DialogHost } from './dialog-host.ts';
import { formDialog, onSubmit } from './form-helpers.ts';
import { invoiceChoice } from './invoice-choice.ts';

/** Pay by pay link (only when a plugin provides them): which invoices, all ticked already. */
export function payDialog(host: DialogHost) {
  if (!host.portal.me?.features.payLinks) return nothing;
  const t = host.t();
  return formDialog(
    host,
    'pay',
    t.payTitle,
    submitPay(host),
    t.paySend,
    html`
      ${invoiceChoice(host, 'pay', () => true)}`,
  );
}

/**
 * A pay link for the ticked invoices, the debtor brought back to this page after paying; then the
 * page goes to the provider, unless the host handles `kredo-pay-link-created` itself. No reload of
 * the invoices afterwards: the page is leaving, and nothing is paid yet.
 */
const submitPay = (host: DialogHost) =>
  onSubmit(
    host,
    'pay',
    async ({ client, invoiceIds }) => {
      // Not the page's full address: its query or fragment may hold what the provider must not see.
      const redirectUrl = host.portal.returnUrl || `${location.origin}${location.pathname}`;
      const payLink = await client.createPayLink({ invoiceIds, redirectUrl });
      const created = new CustomEvent('kredo-pay-link-created', {
        detail: { payLink },
        bubbles: true,
        composed: true,
        cancelable: true,
      });
      if (host.dispatch(created)) location.assign(payLink.url);
      return host.t().payGoing;
    },
    { invoices: true, refresh: false },
  );
