import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { type FakeMolliePayment, startMollieFake } from './mollie-fake.ts';

// The local checkout the demo uses: the pay link opens a page of the fake, and paying there calls
// the webhook the way Mollie does after a real checkout.
const apiKey = 'test_localcheckout0000000000000';
const fake = await startMollieFake({ apiKey, localCheckout: true });
const webhooks: string[] = [];
const receiver = createServer((request, response) => {
  let body = '';
  request.on('data', (chunk) => {
    body += chunk;
  });
  request.on('end', () => {
    webhooks.push(body);
    response.writeHead(200).end();
  });
});
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
afterAll(async () => {
  await fake.close();
  await new Promise((resolve) => receiver.close(resolve));
});

async function create(): Promise<FakeMolliePayment> {
  const response = await fetch(`${fake.origin}/v2/payments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      amount: { currency: 'EUR', value: '171.50' },
      description: 'Invoices F-2026-101 <b>&</b> F-2026-102',
      redirectUrl: 'https://example.com/thanks',
      webhookUrl,
    }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as FakeMolliePayment;
}

describe('the fake Mollie checkout', () => {
  it('links to a local page that shows the payment and pays it, calling the webhook', async () => {
    const payment = await create();
    const url = payment._links.checkout?.href ?? '';
    expect(url).toBe(`${fake.origin}/checkout/${payment.id}`);

    const page = await fetch(url);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('EUR 171.50');
    expect(html).toContain('Invoices F-2026-101 &#60;b&#62;&#38;&#60;/b&#62; F-2026-102');
    expect(html).toContain('<button name="status" value="paid">Pay</button>');

    const paid = await fetch(url, { method: 'POST' });
    expect(paid.status).toBe(200);
    expect(await paid.text()).toBe(`${payment.id} is paid; its webhook answered 200\n`);
    expect(webhooks).toEqual([`id=${payment.id}`]);
    expect(fake.payments.get(payment.id)?.status).toBe('paid');

    const again = await fetch(url, { method: 'POST' });
    expect(again.status).toBe(409);
  });

  it('lets a payment expire from the page', async () => {
    const payment = await create();
    const expired = await fetch(`${fake.origin}/checkout/${payment.id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'status=expired',
    });
    expect(await expired.text()).toContain('is expired');
    expect(fake.payments.get(payment.id)?.status).toBe('expired');
  });

  it('answers 404 for a payment it does not know, without the API key', async () => {
    expect((await fetch(`${fake.origin}/checkout/tr_unknown123`)).status).toBe(404);
  });
});
