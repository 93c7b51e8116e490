import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../app/test-api.ts';
import { loadConfig } from '../config/load-config.ts';
import { withTenantClient } from '../db/tenant-scope.ts';
import { createServer } from '../http/server.ts';
import { createTestPartner } from '../marketplace/test-partner.ts';
import { createPluginRuntime } from '../plugin-runtime/index.ts';
import { newId } from '../shared/ids.ts';
import { webhookMaxBytes, webhookRoutes } from './webhook-routes.ts';

const { db, caller, newTenant, secretsKey } = await createTestApi();
const acme = await newTenant('Acme');
const base = '/api/v1/plugins/installations';
const signature = 'whsec_9c1f_constant';

const config = loadConfig({ KREDO_PLUGIN_ALLOW_PRIVATE_NETWORKS: 'true', KREDO_PLUGIN_WORKERS: '1' });
const runtime = createPluginRuntime({ orm: db.orm, config, secretsKey });
// The webhook route alone, on the test database, the way kredo-app registers it: no token verifier.
const server = await createServer({
  orm: db.orm,
  logger: pino({ level: 'silent' }),
  verifier: undefined,
  checkAnswers: true,
  routes: webhookRoutes(runtime, pino({ level: 'silent' })),
});
await server.initialize();
afterAll(async () => {
  await server.stop();
  await runtime.close();
});

const partner = await createTestPartner(caller, acme.tenantId, 'Webhooks B.V.');

const publishAndInstall = (id: string, webhooks: string[], bundle: string) =>
  partner.installFor(
    acme,
    { id, capabilities: ['payLink'], webhooks: webhooks.map((name) => ({ name })) },
    bundle,
  );

// Verifies a shared secret in its own code, then keeps what it received.
const provider = await publishAndInstall(
  'com.example.webhooks.provider',
  ['payment-status', 'loop', 'bad-answer'],
  `globalThis.__kredo = { hooks: {
    'webhook:payment-status': async (request, ctx) => {
      if (request.headers['x-provider-signature'] !== ${JSON.stringify(signature)}) {
        return { status: 401, body: 'bad signature' };
      }
      await ctx.storage.set('received', {
        method: request.method,
        body: request.body,
        query: request.query,
        authorization: request.headers.authorization ?? null,
        cookie: request.headers.cookie ?? null,
      });
      return { status: 200, headers: { 'Content-Type': 'application/json' }, body: '{"received":true}' };
    },
    'webhook:loop': () => { for (;;) {} },
    'webhook:bad-answer': () => ({ status: 200, headers: { 'set-cookie': 'session=stolen' } }),
    'webhook:undeclared': () => ({ status: 200 }),
  } };`,
);
const disabled = await publishAndInstall(
  'com.example.webhooks.disabled',
  ['payment-status'],
  `globalThis.__kredo = { hooks: { 'webhook:payment-status': () => ({ status: 200 }) } };`,
);
expect((await acme.api('PATCH', `${base}/${disabled}`, { enabled: false })).status).toBe(200);

const post = (installationId: string, name: string, payload: string | Buffer, headers = {}) =>
  server.inject({
    method: 'POST',
    url: `/api/v1/plugins/${installationId}/webhooks/${name}?id=tr_1`,
    payload,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  });

async function stored() {
  const rows = await withTenantClient(db.orm, acme.tenantId, (c) =>
    c.query(`select value from plugin_storage where installation_key = $1 and key = 'received'`, [provider]),
  );
  return rows.rows[0]?.value as Record<string, unknown> | undefined;
}

describe('inbound webhooks', () => {
  it('passes a verified webhook to the plugin, which stores it and answers', async () => {
    const res = await post(provider, 'payment-status', 'id=tr_1&status=paid', {
      'x-provider-signature': signature,
      authorization: 'Basic cHJvdmlkZXI=',
      cookie: 'kredo_session=secret',
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(JSON.parse(res.payload)).toEqual({ received: true });
    expect(await stored()).toEqual({
      method: 'POST',
      body: 'id=tr_1&status=paid',
      query: { id: 'tr_1' },
      authorization: 'Basic cHJvdmlkZXI=',
      cookie: null,
    });
  });

  it("passes the plugin's refusal through", async () => {
    const res = await post(provider, 'payment-status', 'id=tr_2&status=paid', {
      'x-provider-signature': 'forged',
    });
    expect(res.statusCode).toBe(401);
    expect(res.payload).toBe('bad signature');
    expect((await stored())?.body).toBe('id=tr_1&status=paid');
  });

  it('answers one identical 404 for an undeclared webhook, an unknown and a disabled installation', async () => {
    const answers = await Promise.all([
      post(provider, 'undeclared', 'x'),
      post(newId('installation'), 'payment-status', 'x'),
      post(disabled, 'payment-status', 'x'),
    ]);
    expect(answers.map((res) => res.statusCode)).toEqual([404, 404, 404]);
    expect(new Set(answers.map((res) => res.payload)).size).toBe(1);
    expect(JSON.parse(answers[0]?.payload ?? '')).toMatchObject({ code: 'webhook_not_found' });
  });

  it("the runtime runs webhook:<name> only when the manifest's webhooks declare <name>", async () => {
    expect(await runtime.invoke(acme.tenantId, provider, 'webhook:undeclared', {})).toMatchObject({
      ok: false,
      error: { code: 'hook_not_declared' },
    });
    expect(await runtime.invoke(acme.tenantId, provider, 'webhook:bad-answer', {})).toMatchObject({
      ok: true,
    });
  });

  it('validates the path', async () => {
    expect((await post('ins_nope', 'payment-status', 'x')).statusCode).toBe(400);
    expect((await post(provider, 'Payment_Status', 'x')).statusCode).toBe(400);
  });

  it('refuses an oversized body before the plugin runs', async () => {
    const res = await post(provider, 'payment-status', Buffer.alloc(webhookMaxBytes + 1, 'a'), {
      'x-provider-signature': signature,
    });
    expect(res.statusCode).toBe(413);
    expect((await stored())?.body).toBe('id=tr_1&status=paid');
  });

  it('turns an invalid plugin answer into a generic 502', async () => {
    const res = await post(provider, 'bad-answer', 'x');
    expect(res.statusCode).toBe(502);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(JSON.parse(res.payload)).toMatchObject({ code: 'webhook_failed' });
  });

  it('answers 504 for a plugin that loops, and keeps serving', async () => {
    const res = await post(provider, 'loop', 'x');
    expect(res.statusCode).toBe(504);
    expect(JSON.parse(res.payload)).toMatchObject({ code: 'webhook_timeout' });
    expect((await server.inject('/health')).statusCode).toBe(200);
    const again = await post(provider, 'payment-status', 'id=tr_3&status=paid', {
      'x-provider-signature': signature,
    });
    expect(again.statusCode).toBe(200);
    expect((await stored())?.body).toBe('id=tr_3&status=paid');
  });
});

describe('inbound webhook flood protection', () => {
  it('answers 429 with Retry-After past the per-installation rate, before the plugin runs', async () => {
    const limited = await createServer({
      orm: db.orm,
      logger: pino({ level: 'silent' }),
      verifier: undefined,
      checkAnswers: true,
      routes: webhookRoutes(runtime, pino({ level: 'silent' }), {}, { ratePerMinute: 3 }),
    });
    await limited.initialize();
    try {
      const send = (installationId: string, body: string) =>
        limited.inject({
          method: 'POST',
          url: `/api/v1/plugins/${installationId}/webhooks/payment-status`,
          payload: body,
          headers: { 'content-type': 'text/plain', 'x-provider-signature': signature },
        });
      for (let n = 1; n <= 3; n++) expect((await send(provider, `flood=${n}`)).statusCode).toBe(200);
      expect((await stored())?.body).toBe('flood=3');
      const refused = await send(provider, 'flood=4');
      expect(refused.statusCode).toBe(429);
      expect(refused.headers['retry-after']).toBe('20');
      expect(JSON.parse(refused.payload)).toMatchObject({ code: 'webhook_rate_limited' });
      expect((await stored())?.body).toBe('flood=3');
      // Another installation has its own bucket.
      expect((await send(disabled, 'x')).statusCode).toBe(404);
    } finally {
      await limited.stop();
    }
  });
});
