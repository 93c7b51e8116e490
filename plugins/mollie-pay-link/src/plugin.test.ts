import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PayLink, PayLinkWebhookOutcome, Result } from '@kredo/sdk';
import { createPluginTester, type PluginTester, type PluginTesterOptions } from '@kredo/sdk/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type MollieFake, startMollieFake } from '../fake/mollie-fake.ts';

const apiKey = 'test_dHar4XY7LxsDOtmnkVtjNVWXLSlXsM';
const MOLLIE = 'https://api.mollie.com';

let fake: MollieFake;
let tester: PluginTester;
let receiver: Server | undefined;

beforeEach(async () => {
  fake = await startMollieFake({ apiKey });
  tester = await start();
});
afterEach(async () => {
  await tester.close();
  await fake.close();
  receiver?.close();
  receiver = undefined;
});

function start(options: Partial<PluginTesterOptions> = {}): Promise<PluginTester> {
  return createPluginTester({
    entry: 'src/plugin.ts',
    manifest: 'manifest.json',
    config: { redirectUrl: 'https://portal.example/paid' },
    secrets: { apiKey },
    http: { origins: { [MOLLIE]: fake.origin } },
    ...options,
  });
}

/** The plugin's own Result, out of the sandbox's answer (which must be a completed call). */
async function run<T>(name: string, input: unknown, on = tester): Promise<Result<T>> {
  const answer = await on.run(name, input);
  if (!answer.ok) throw new Error(`sandbox: ${answer.error.code}: ${answer.error.message}`);
  return answer.value as Result<T>;
}

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`plugin failed: ${result.error.code}: ${result.error.message}`);
  return result.value;
}

const createLink = (input: object) =>
  run<PayLink>('capability:payLink.createLink', {
    amount: 12_345,
    currency: 'EUR',
    invoiceIds: ['inv_01', 'inv_02'],
    description: 'Invoices 2024-001, 2024-002',
    idempotencyKey: `plk:${Math.random().toString(36).slice(2)}`,
    ...input,
  });

const webhook = (body: string) =>
  run<PayLinkWebhookOutcome>('webhook:mollie', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    query: {},
    body,
  });

/** What core's webhook route does: Mollie's POST goes to the plugin's `webhook:mollie`, its answer back. */
async function startReceiver(outcomes: Result<PayLinkWebhookOutcome>[]): Promise<string> {
  receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', async () => {
      const outcome = await webhook(body);
      outcomes.push(outcome);
      const answer = outcome.ok ? outcome.value.response : { status: 502, body: 'webhook_failed' };
      response.writeHead(answer.status, answer.headers ?? {}).end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => receiver?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/v1/plugins/ins_1/webhooks/mollie`;
}

describe('createLink', () => {
  it('passes the idempotency key to Mollie, so a retried request gets the same payment', async () => {
    const first = value(await createLink({ idempotencyKey: 'plk:retry-1' }));
    const again = value(await createLink({ idempotencyKey: 'plk:retry-1' }));
    expect(again.providerReference).toBe(first.providerReference);
    expect(fake.requests.at(-1)?.headers['idempotency-key']).toBe('plk:retry-1');
  });

  it('creates a Mollie payment for the open amount; the key never reaches the plugin', async () => {
    const link = value(
      await createLink({ webhookUrl: 'https://kredo.example/api/v1/plugins/ins_1/webhooks/mollie' }),
    );

    const payment = fake.payments.get(link.providerReference);
    expect(payment).toMatchObject({
      amount: { currency: 'EUR', value: '123.45' },
      description: 'Invoices 2024-001, 2024-002',
      redirectUrl: 'https://portal.example/paid',
      webhookUrl: 'https://kredo.example/api/v1/plugins/ins_1/webhooks/mollie',
      metadata: { invoiceIds: ['inv_01', 'inv_02'] },
    });
    expect(link).toEqual({
      url: payment?._links.checkout?.href,
      expiresAt: payment?.expiresAt,
      providerReference: expect.stringMatching(/^tr_/),
    });
    // Mollie got the key; the plugin's request, its logs and its storage never held it.
    expect(fake.requests[0]?.headers.authorization).toBe(`Bearer ${apiKey}`);
    expect(tester.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        url: `${MOLLIE}/v2/payments`,
        headers: expect.objectContaining({ authorization: 'Bearer [redacted]' }),
      }),
    ]);
    const seen = JSON.stringify([tester.requests, tester.logs, [...tester.storage]]);
    expect(seen).not.toContain(apiKey);
  });

  it.each([
    [1500, 'JPY', '1500'],
    [5, 'EUR', '0.05'],
    [100_000, 'USD', '1000.00'],
  ])('sends %d %s as "%s"', async (amount, currency, expected) => {
    const link = value(await createLink({ amount, currency }));
    expect(fake.payments.get(link.providerReference)?.amount).toEqual({ currency, value: expected });
  });

  it("prefers Kredo's redirect URL and sends the configured checkout language", async () => {
    const localised = await start({
      config: { redirectUrl: 'https://portal.example/paid', locale: 'nl_NL' },
    });
    try {
      const link = value(await createLink({ redirectUrl: 'https://tenant.example/thanks' }));
      expect(fake.payments.get(link.providerReference)?.redirectUrl).toBe('https://tenant.example/thanks');
      const dutch = value(
        await run<PayLink>(
          'capability:payLink.createLink',
          {
            amount: 100,
            currency: 'EUR',
            invoiceIds: ['inv_01'],
            description: 'x',
          },
          localised,
        ),
      );
      expect(fake.payments.get(dutch.providerReference)?.locale).toBe('nl_NL');
    } finally {
      await localised.close();
    }
  });

  it('fails with unauthorized when Mollie refuses the key', async () => {
    const wrong = await start({ secrets: { apiKey: 'test_revoked00000000000000000000' } });
    try {
      const result = await run(
        'capability:payLink.createLink',
        {
          amount: 100,
          currency: 'EUR',
          invoiceIds: ['inv_01'],
          description: 'x',
        },
        wrong,
      );
      expect(result).toEqual({
        ok: false,
        error: { code: 'unauthorized', message: expect.stringContaining('Mollie refused'), retryable: false },
      });
    } finally {
      await wrong.close();
    }
  });

  it('fails with invalid_request naming the field Mollie rejects', async () => {
    const noRedirect = await start({ config: {} });
    try {
      const result = await run(
        'capability:payLink.createLink',
        {
          amount: 100,
          currency: 'EUR',
          invoiceIds: ['inv_01'],
          description: 'x',
        },
        noRedirect,
      );
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'invalid_request', message: expect.stringContaining('redirectUrl'), retryable: false },
      });
    } finally {
      await noRedirect.close();
    }
    expect(await createLink({ currency: 'XAF' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request', message: expect.stringContaining('amount') },
    });
  });

  it('fails retryable when Mollie is down', async () => {
    const down = await start({
      http: {
        recorded: [
          {
            request: { method: 'POST', url: `${MOLLIE}/v2/payments` },
            response: {
              status: 503,
              body: { status: 503, title: 'Service Unavailable', detail: 'Try again later' },
            },
          },
        ],
      },
    });
    try {
      const result = await run(
        'capability:payLink.createLink',
        {
          amount: 100,
          currency: 'EUR',
          invoiceIds: ['inv_01'],
          description: 'x',
        },
        down,
      );
      expect(result).toMatchObject({ ok: false, error: { code: 'provider_unavailable', retryable: true } });
    } finally {
      await down.close();
    }
  });
});

describe('webhook', () => {
  it('registers a paid payment with what Mollie answers, not what the webhook says', async () => {
    const outcomes: Result<PayLinkWebhookOutcome>[] = [];
    const webhookUrl = await startReceiver(outcomes);
    const link = value(await createLink({ webhookUrl }));

    expect(await fake.pay(link.providerReference)).toBe(200);

    const payment = fake.payments.get(link.providerReference);
    expect(outcomes).toEqual([
      {
        ok: true,
        value: {
          response: expect.objectContaining({ status: 200 }),
          payment: {
            providerReference: link.providerReference,
            amount: { amount: 12_345, currency: 'EUR' },
            paidAt: payment?.paidAt,
            invoiceIds: ['inv_01', 'inv_02'],
          },
        },
      },
    ]);
    expect(tester.requests.at(-1)).toMatchObject({
      method: 'GET',
      url: `${MOLLIE}/v2/payments/${link.providerReference}`,
      headers: { authorization: 'Bearer [redacted]' },
    });
  });

  it('answers 200 without a payment while the payment is open or after it expired', async () => {
    const link = value(await createLink({}));
    expect(value(await webhook(`id=${link.providerReference}`))).toEqual({
      response: expect.objectContaining({ status: 200 }),
    });
    await fake.expire(link.providerReference);
    expect(value(await webhook(`id=${link.providerReference}`)).payment).toBeUndefined();
  });

  it('never trusts the body: a forged id or a forged status registers nothing', async () => {
    const forged = value(await webhook('id=tr_Forged1234'));
    expect(forged).toEqual({ response: expect.objectContaining({ status: 200 }) });
    expect(tester.requests.at(-1)).toMatchObject({
      method: 'GET',
      url: `${MOLLIE}/v2/payments/tr_Forged1234`,
    });

    const link = value(await createLink({}));
    const claimed = value(await webhook(`id=${link.providerReference}&status=paid&amount=123.45`));
    expect(claimed.payment).toBeUndefined();
  });

  it('answers a malformed call with 400 without asking Mollie', async () => {
    for (const body of ['', 'foo=bar', 'id=../../v2/methods', 'id=%E0%A4%A']) {
      expect(value(await webhook(body)).response.status).toBe(400);
    }
    expect(tester.requests).toEqual([]);
  });

  it('fails retryable when Mollie cannot be asked, so that Mollie calls again', async () => {
    const down = await start({
      http: {
        recorded: [
          {
            request: { method: 'GET', url: `${MOLLIE}/v2/payments/tr_WDqYK6vllg` },
            response: { status: 502, body: { status: 502, title: 'Bad Gateway', detail: 'upstream' } },
          },
        ],
      },
    });
    try {
      const result = await run(
        'webhook:mollie',
        { method: 'POST', headers: {}, query: {}, body: 'id=tr_WDqYK6vllg' },
        down,
      );
      expect(result).toMatchObject({ ok: false, error: { code: 'provider_unavailable', retryable: true } });
    } finally {
      await down.close();
    }
  });
});
