import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkoutPage } from './checkout-page.ts';

/**
 * A local stand-in for Mollie's Payments API v2 (https://docs.mollie.com/reference/payments-api):
 * `POST /v2/payments` and `GET /v2/payments/{id}` with Mollie's bearer key check, validation errors
 * and HAL+JSON bodies, and `pay` / `expire` to move a payment on and call its webhook as Mollie
 * does (`id=tr_…`, form-encoded, unsigned). With `localCheckout`, a payment's checkout link is a page
 * of the fake itself where a person (or `curl -X POST`) pays it or lets it expire.
 */
export interface MollieFake {
  /** `http://127.0.0.1:<port>`: route `https://api.mollie.com` here. */
  origin: string;
  payments: Map<string, FakeMolliePayment>;
  /** Every request the fake received, in order, headers as Node gives them (lower case). */
  requests: {
    method: string;
    path: string;
    headers: Record<string, string | string[] | undefined>;
    body: string;
  }[];
  /** Marks the payment paid and calls its webhook; answers the webhook's HTTP status (undefined without one). */
  pay(id: string): Promise<number | undefined>;
  /** Marks the payment expired and calls its webhook. */
  expire(id: string): Promise<number | undefined>;
  close(): Promise<void>;
}

export interface FakeMolliePayment {
  resource: 'payment';
  id: string;
  mode: 'test' | 'live';
  createdAt: string;
  amount: { currency: string; value: string };
  description: string;
  method: null;
  metadata: unknown;
  status: 'open' | 'paid' | 'expired';
  isCancelable: boolean;
  expiresAt?: string;
  paidAt?: string;
  expiredAt?: string;
  locale?: string;
  profileId: string;
  sequenceType: 'oneoff';
  redirectUrl?: string;
  webhookUrl?: string;
  _links: Record<string, { href: string; type: string }>;
}

/** Mollie's currencies and their decimals (all others: 2). */
const CURRENCIES = new Set(
  'AED AUD BGN BRL CAD CHF CZK DKK EUR GBP HKD HUF ILS ISK JPY MXN MYR NOK NZD PHP PLN RON RUB SEK SGD THB TWD USD ZAR'.split(
    ' ',
  ),
);
const ZERO_DECIMALS = new Set(['ISK', 'JPY']);
const LOCALES = new Set(
  'en_US en_GB nl_NL nl_BE de_DE de_AT de_CH fr_FR fr_BE es_ES ca_ES pt_PT it_IT nb_NO sv_SE fi_FI da_DK is_IS hu_HU pl_PL lv_LV lt_LT'.split(
    ' ',
  ),
);
const HAL = 'application/hal+json';
const DOCS = { href: 'https://docs.mollie.com/reference/create-payment', type: 'text/html' };

class MollieError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
    readonly field?: string,
  ) {
    super(detail);
  }
}

export interface MollieFakeOptions {
  apiKey: string;
  /**
   * Checkout links lead to this fake (`http://127.0.0.1:<port>/checkout/tr_…`): `GET` shows the
   * payment with a Pay and an Expire button, `POST` (form field `status=paid|expired`, default paid)
   * moves it on and calls its webhook. Without it, links point at Mollie's real checkout, as Mollie's.
   */
  localCheckout?: boolean;
}

export async function startMollieFake(options: MollieFakeOptions): Promise<MollieFake> {
  const payments = new Map<string, FakeMolliePayment>();
  const requests: MollieFake['requests'] = [];
  const mode = options.apiKey.startsWith('live_') ? 'live' : 'test';

  let origin = '';

  const server = createServer((request, response) => {
    const checkout = options.localCheckout ? /^\/checkout\/(tr_[A-Za-z0-9]+)$/.exec(request.url ?? '') : null;
    if (checkout) {
      readBody(request)
        .then((body) => answerCheckout(request.method ?? 'GET', checkout[1] ?? '', body, response))
        .catch(() => sendText(response, 500, 'fake failed\n'));
      return;
    }
    readBody(request)
      .then((body) => {
        const path = request.url ?? '/';
        requests.push({ method: request.method ?? 'GET', path, headers: { ...request.headers }, body });
        if (request.headers.authorization !== `Bearer ${options.apiKey}`) {
          throw new MollieError(
            401,
            'Unauthorized Request',
            'Missing authentication, or failed to authenticate',
          );
        }
        const key = request.headers['idempotency-key'];
        return replayed(typeof key === 'string' ? key : undefined, body, () =>
          route(request.method ?? 'GET', path.split('?')[0] ?? '/', body),
        );
      })
      .then(
        ({ status, payload }) => send(response, status, payload),
        (error: unknown) => {
          if (!(error instanceof MollieError)) throw error;
          const field = error.field ? { field: error.field } : {};
          send(response, error.status, {
            status: error.status,
            title: error.title,
            detail: error.message,
            ...field,
            _links: { documentation: DOCS },
          });
        },
      )
      .catch(() =>
        send(response, 500, { status: 500, title: 'Internal Server Error', detail: 'fake failed' }),
      );
  });

  // Mollie's idempotency: a POST repeated with the same Idempotency-Key and body gets the first
  // answer again; the same key with another body is refused.
  const answered = new Map<string, { body: string; answer: { status: number; payload: unknown } }>();
  function replayed(key: string | undefined, body: string, run: () => { status: number; payload: unknown }) {
    if (key === undefined) return run();
    const earlier = answered.get(key);
    if (earlier && earlier.body !== body) {
      throw new MollieError(422, 'Unprocessable Entity', 'The idempotency key was used for another request');
    }
    if (earlier) return earlier.answer;
    const answer = run();
    answered.set(key, { body, answer });
    return answer;
  }

  function route(method: string, path: string, body: string): { status: number; payload: unknown } {
    if (method === 'POST' && path === '/v2/payments') return { status: 201, payload: create(body) };
    const match = /^\/v2\/payments\/([^/]+)$/.exec(path);
    if (method === 'GET' && match) {
      const payment = payments.get(decodeURIComponent(match[1] ?? ''));
      if (!payment) throw new MollieError(404, 'Not Found', `No payment exists with token ${match[1]}.`);
      return { status: 200, payload: payment };
    }
    throw new MollieError(404, 'Not Found', 'The resource does not exist');
  }

  function create(body: string): FakeMolliePayment {
    let input: Record<string, unknown>;
    try {
      input = JSON.parse(body) as Record<string, unknown>;
    } catch {
      throw new MollieError(400, 'Bad Request', 'The request body is not valid JSON');
    }
    const amount = checkAmount(input.amount);
    if (typeof input.description !== 'string' || input.description.trim() === '') {
      throw new MollieError(422, 'Unprocessable Entity', 'The description is invalid', 'description');
    }
    if (input.description.length > 255) {
      throw new MollieError(422, 'Unprocessable Entity', 'The description is too long', 'description');
    }
    if (input.redirectUrl === undefined) {
      throw new MollieError(422, 'Unprocessable Entity', 'The redirect URL is required', 'redirectUrl');
    }
    const redirectUrl = checkUrl(input.redirectUrl, 'redirectUrl');
    const webhookUrl = input.webhookUrl === undefined ? undefined : checkUrl(input.webhookUrl, 'webhookUrl');
    if (input.locale !== undefined && !LOCALES.has(String(input.locale))) {
      throw new MollieError(422, 'Unprocessable Entity', 'The locale is invalid', 'locale');
    }
    if (input.metadata !== undefined && Buffer.byteLength(JSON.stringify(input.metadata)) > 1024) {
      throw new MollieError(422, 'Unprocessable Entity', 'The metadata is too large', 'metadata');
    }

    const token = randomToken();
    const id = `tr_${token}`;
    const now = Date.now();
    const payment: FakeMolliePayment = {
      resource: 'payment',
      id,
      mode,
      createdAt: instant(now),
      amount,
      description: input.description,
      method: null,
      metadata: input.metadata ?? null,
      status: 'open',
      isCancelable: false,
      expiresAt: instant(now + 15 * 60_000),
      ...(typeof input.locale === 'string' ? { locale: input.locale } : {}),
      profileId: 'pfl_QkEhN94Ba',
      sequenceType: 'oneoff',
      redirectUrl,
      ...(webhookUrl ? { webhookUrl } : {}),
      _links: {
        self: { href: `https://api.mollie.com/v2/payments/${id}`, type: HAL },
        checkout: {
          href: options.localCheckout
            ? `${origin}/checkout/${id}`
            : `https://www.mollie.com/checkout/select-method/${token}`,
          type: 'text/html',
        },
        dashboard: {
          href: `https://www.mollie.com/dashboard/org_12345678/payments/${id}`,
          type: 'text/html',
        },
        documentation: { href: 'https://docs.mollie.com/reference/create-payment', type: 'text/html' },
      },
    };
    payments.set(id, payment);
    return payment;
  }

  async function transition(id: string, status: 'paid' | 'expired'): Promise<number | undefined> {
    const payment = payments.get(id);
    if (!payment) throw new Error(`mollie fake: no payment ${id}`);
    if (payment.status !== 'open')
      throw new Error(`mollie fake: payment ${id} is ${payment.status}, not open`);
    payment.status = status;
    delete payment.expiresAt;
    delete payment._links.checkout;
    if (status === 'paid') payment.paidAt = instant(Date.now());
    else payment.expiredAt = instant(Date.now());
    if (!payment.webhookUrl) return undefined;
    const answer = await fetch(payment.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `id=${encodeURIComponent(id)}`,
    });
    await answer.arrayBuffer();
    return answer.status;
  }

  /** The local checkout: the page, or paying (or expiring) as the person at the checkout would. */
  async function answerCheckout(method: string, id: string, body: string, response: ServerResponse) {
    const payment = payments.get(id);
    if (!payment) return sendText(response, 404, `No payment ${id}\n`);
    if (method === 'GET') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(checkoutPage(payment));
      return;
    }
    if (method !== 'POST') return sendText(response, 405, 'GET or POST\n');
    if (payment.status !== 'open') return sendText(response, 409, `${id} is ${payment.status}, not open\n`);
    const status = new URLSearchParams(body).get('status') === 'expired' ? 'expired' : 'paid';
    const webhook = await transition(id, status);
    const answered = webhook === undefined ? 'it has no webhook' : `its webhook answered ${webhook}`;
    return sendText(response, 200, `${id} is ${status}; ${answered}\n`);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    payments,
    requests,
    pay: (id) => transition(id, 'paid'),
    expire: (id) => transition(id, 'expired'),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function checkAmount(value: unknown): { currency: string; value: string } {
  const amount = value as { currency?: unknown; value?: unknown } | undefined;
  if (typeof amount !== 'object' || amount === null || typeof amount.currency !== 'string') {
    throw new MollieError(422, 'Unprocessable Entity', 'The amount is required', 'amount');
  }
  if (!CURRENCIES.has(amount.currency)) {
    throw new MollieError(
      422,
      'Unprocessable Entity',
      `The currency ${amount.currency} is not supported`,
      'amount',
    );
  }
  const decimals = ZERO_DECIMALS.has(amount.currency) ? 0 : 2;
  const pattern = decimals === 0 ? /^\d+$/ : new RegExp(`^\\d+\\.\\d{${decimals}}$`);
  if (typeof amount.value !== 'string' || !pattern.test(amount.value)) {
    throw new MollieError(
      422,
      'Unprocessable Entity',
      `The amount contains an invalid value: ${amount.currency} takes a string with ${decimals} decimals`,
      'amount',
    );
  }
  if (Number(amount.value) <= 0) {
    throw new MollieError(422, 'Unprocessable Entity', 'The amount is lower than the minimum', 'amount');
  }
  return { currency: amount.currency, value: amount.value };
}

function checkUrl(value: unknown, field: string): string {
  if (typeof value !== 'string' || !URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
    throw new MollieError(422, 'Unprocessable Entity', `The ${field} is invalid`, field);
  }
  return value;
}

function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  response.end(text);
}

function send(response: ServerResponse, status: number, payload: unknown): void {
  response.writeHead(status, { 'content-type': HAL });
  response.end(JSON.stringify(payload));
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** Mollie's ids: a prefix and ten letters and digits. */
function randomToken(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(randomBytes(10), (byte) => alphabet[byte % alphabet.length]).join('');
}

/** Mollie writes instants with an offset and no milliseconds: `2024-03-20T09:13:37+00:00`. */
function instant(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}
