import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeMolliePayment, type MollieFake, startMollieFake } from './mollie-fake.ts';

const apiKey = 'test_dHar4XY7LxsDOtmnkVtjNVWXLSlXsM';
let fake: MollieFake;

beforeEach(async () => {
  fake = await startMollieFake({ apiKey });
});
afterEach(() => fake.close());

function call(path: string, init: { method?: string; body?: unknown; key?: string } = {}) {
  return fetch(`${fake.origin}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${init.key ?? apiKey}`, 'content-type': 'application/json' },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
}

const valid = {
  amount: { currency: 'EUR', value: '12.34' },
  description: 'Invoice 2024-001',
  redirectUrl: 'https://portal.example/thanks',
  metadata: { invoiceIds: ['inv_1'] },
};

describe('mollie fake', () => {
  it('creates a payment and reads it back, as Mollie documents them', async () => {
    const created = await call('/v2/payments', { method: 'POST', body: valid });
    expect(created.status).toBe(201);
    expect(created.headers.get('content-type')).toBe('application/hal+json');
    const payment = (await created.json()) as FakeMolliePayment;
    expect(payment).toMatchObject({
      resource: 'payment',
      id: expect.stringMatching(/^tr_[A-Za-z0-9]{10}$/),
      mode: 'test',
      amount: { currency: 'EUR', value: '12.34' },
      status: 'open',
      metadata: { invoiceIds: ['inv_1'] },
      _links: { checkout: { href: expect.stringMatching(/^https:\/\/www\.mollie\.com\/checkout\//) } },
    });
    expect(Date.parse(payment.expiresAt ?? '')).toBeGreaterThan(Date.parse(payment.createdAt));

    const read = await call(`/v2/payments/${payment.id}`);
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual(payment);
  });

  it('answers a wrong key with 401 and a HAL error', async () => {
    const response = await call('/v2/payments', { method: 'POST', body: valid, key: 'test_wrong' });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ status: 401, title: 'Unauthorized Request' });
  });

  it.each([
    [{ ...valid, amount: { currency: 'EUR', value: '12.3' } }, 'amount'],
    [{ ...valid, amount: { currency: 'JPY', value: '1500.00' } }, 'amount'],
    [{ ...valid, description: '' }, 'description'],
    [{ ...valid, redirectUrl: undefined }, 'redirectUrl'],
    [{ ...valid, webhookUrl: 'not a url' }, 'webhookUrl'],
  ])('answers invalid input with 422 naming the field (%#)', async (body, field) => {
    const response = await call('/v2/payments', { method: 'POST', body });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ status: 422, field });
  });

  it('accepts JPY without decimals', async () => {
    const response = await call('/v2/payments', {
      method: 'POST',
      body: { ...valid, amount: { currency: 'JPY', value: '1500' } },
    });
    expect(response.status).toBe(201);
  });

  it('answers an unknown id with 404', async () => {
    const response = await call('/v2/payments/tr_unknown000');
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ status: 404, title: 'Not Found' });
  });

  it('pays a payment and posts id=tr_… to its webhook, answering the webhook status', async () => {
    const received: { contentType?: string; body: string }[] = [];
    const hook = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        received.push({ contentType: request.headers['content-type'], body });
        response.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    try {
      const webhookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
      const created = await call('/v2/payments', { method: 'POST', body: { ...valid, webhookUrl } });
      const payment = (await created.json()) as FakeMolliePayment;
      expect(await fake.pay(payment.id)).toBe(200);
      expect(received).toEqual([
        { contentType: 'application/x-www-form-urlencoded', body: `id=${payment.id}` },
      ]);
      const paid = (await (await call(`/v2/payments/${payment.id}`)).json()) as FakeMolliePayment;
      expect(paid.status).toBe('paid');
      expect(paid.paidAt).toEqual(expect.any(String));
      expect(paid._links.checkout).toBeUndefined();
    } finally {
      hook.close();
    }
  });

  it('expires a payment without a webhook quietly', async () => {
    const payment = (await (
      await call('/v2/payments', { method: 'POST', body: valid })
    ).json()) as FakeMolliePayment;
    expect(await fake.expire(payment.id)).toBeUndefined();
    expect(fake.payments.get(payment.id)?.status).toBe('expired');
  });
});
