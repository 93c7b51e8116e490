import type { FakeMolliePayment } from './mollie-fake.ts';

/**
 * The fake's checkout page for one payment: what it is for, its amount and status, and two buttons
 * that post back to the same address (paid or expired), as a person at Mollie's checkout would decide.
 */
export function checkoutPage(payment: FakeMolliePayment): string {
  const open = payment.status === 'open';
  const buttons = open
    ? `<form method="post"><button name="status" value="paid">Pay</button>
  <button name="status" value="expired">Let it expire</button></form>`
    : `<p>Nothing left to do: the payment is ${payment.status}.</p>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Mollie checkout (local fake)</title></head>
<body>
<h1>Mollie checkout (local fake)</h1>
<p>${escapeHtml(payment.description)}</p>
<p><strong>${escapeHtml(payment.amount.currency)} ${escapeHtml(payment.amount.value)}</strong>, ${payment.status}</p>
${buttons}
<p><small>${payment.id}, test mode. Paying calls Kredo's webhook as Mollie would.</small></p>
</body></html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
