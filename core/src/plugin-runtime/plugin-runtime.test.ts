import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../app/test-api.ts';
import { loadConfig } from '../config/load-config.ts';
import { withTenantClient } from '../db/tenant-scope.ts';
import { eventJobs } from '../events/index.ts';
import { startJobWorker } from '../jobs/job-worker.ts';
import { createTestPartner } from '../marketplace/test-partner.ts';
import { createPluginRuntime } from './plugin-runtime.ts';
import { runtimeDeliverer } from './runtime-deliverer.ts';

const { db, caller, newTenant, secretsKey } = await createTestApi();
const acme = await newTenant('Acme');
const globex = await newTenant('Globex');
const base = '/api/v1/plugins/installations';
const apiKey = 'sk_test_runtime_4f9d1c';

// A local fake of a provider API: records what it received, echoes the authorization header back.
const received: { authorization: string | undefined; body: string }[] = [];
const fake = http.createServer((request, response) => {
  let body = '';
  request.on('data', (chunk) => {
    body += chunk;
  });
  request.on('end', () => {
    received.push({ authorization: request.headers.authorization, body });
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ id: 'tr_1', echoed: request.headers.authorization }));
  });
});
await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
const fakeOrigin = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;

const config = loadConfig({
  KREDO_PLUGIN_ALLOW_PRIVATE_NETWORKS: 'true',
  KREDO_PLUGIN_BREACHES_BEFORE_DISABLE: '3',
  KREDO_PLUGIN_WORKERS: '1',
});
// The manifest origin is routed to the fake: a secret goes only to the origin it is bound to.
const runtime = createPluginRuntime({
  orm: db.orm,
  config,
  secretsKey,
  originRoutes: { 'https://api.example.com': fakeOrigin },
});
afterAll(async () => {
  await runtime.close();
  await new Promise((resolve) => fake.close(resolve));
});

// Publishing exactly as a partner does: a registered key, a signed upload through the API.
const partner = await createTestPartner(caller, acme.tenantId, 'Runtime B.V.');

const publishAndInstall = (
  id: string,
  hooks: { name: string; kind: string; priority?: number }[],
  bundle: string,
) =>
  partner.installFor(
    acme,
    {
      id,
      capabilities: ['payLink'],
      hooks,
      http: { origins: ['https://api.example.com'] },
      config: [{ key: 'apiKey', type: 'string', label: 'API key', secret: true, required: true }],
    },
    bundle,
    { secrets: { apiKey } },
  );

const payLink = await publishAndInstall(
  'com.example.runtime.paylink',
  [
    { name: 'reminder.compose', kind: 'filter', priority: 5 },
    { name: 'invoice.overdue', kind: 'event' },
  ],
  `globalThis.__kredo = { hooks: {
    'reminder.compose': async (payload, ctx) => {
      const calls = ((await ctx.storage.get('calls')) ?? 0) + 1;
      await ctx.storage.set('calls', calls);
      const response = await ctx.http.fetch({
        url: 'https://api.example.com/v2/payments',
        method: 'POST',
        headers: { authorization: 'Bearer {{secrets.apiKey}}' },
        body: JSON.stringify({ amount: payload.amount }),
      });
      await ctx.log('info', 'payment created');
      return { calls, status: response.status, provider: JSON.parse(response.body) };
    },
    'invoice.overdue': async () => undefined,
  } };`,
);

const looping = await publishAndInstall(
  'com.example.runtime.loop',
  [{ name: 'invoice.overdue', kind: 'event', priority: -5 }],
  `globalThis.__kredo = { hooks: { 'invoice.overdue': (payload) => { while (payload.loop) {} } } };`,
);

describe('plugin runtime', () => {
  it('runs an installed hook: the fake gets the secret, the plugin never sees it', async () => {
    const result = await runtime.invoke(acme.tenantId, payLink, 'reminder.compose', { amount: 1250 });
    expect(result).toMatchObject({ ok: true, value: { calls: 1, status: 200, provider: { id: 'tr_1' } } });
    expect(received.at(-1)).toEqual({ authorization: `Bearer ${apiKey}`, body: '{"amount":1250}' });
    expect(JSON.stringify(result)).not.toContain(apiKey);
  });

  it('keeps storage across invokes', async () => {
    const result = await runtime.invoke(acme.tenantId, payLink, 'reminder.compose', { amount: 1 });
    expect(result).toMatchObject({ ok: true, value: { calls: 2 } });
  });

  it('lists the installations of a hook by priority, then install order', async () => {
    expect(await runtime.hooksFor(acme.tenantId, 'invoice.overdue')).toEqual([looping, payLink]);
    expect(await runtime.hooksFor(acme.tenantId, 'reminder.compose')).toEqual([payLink]);
    expect(await runtime.hooksFor(globex.tenantId, 'invoice.overdue')).toEqual([]);
  });

  it('leaves out an installation whose grant does not cover what the hook shows', async () => {
    // As a version published before hooks asked for scopes would be: granted nothing.
    const setGrant = (scopes: string[]) =>
      withTenantClient(db.orm, acme.tenantId, (c) =>
        c.query('update installation set granted_scopes = $1 where id = $2', [scopes, looping]),
      );
    await setGrant([]);
    try {
      expect(await runtime.hooksFor(acme.tenantId, 'invoice.overdue')).toEqual([payLink]);
    } finally {
      await setGrant(['invoices:read']);
    }
  });

  it('refuses a bundle changed in the database after it was signed', async () => {
    const tampered = await publishAndInstall(
      'com.example.runtime.tampered',
      [{ name: 'debtor.created', kind: 'event' }],
      `globalThis.__kredo = { hooks: { 'debtor.created': () => 'signed code' } };`,
    );
    await db.orm.em
      .fork()
      .execute("update plugin_version set bundle = convert_to(?, 'UTF8') where plugin_id = ?", [
        "globalThis.__kredo = { hooks: { 'debtor.created': () => 'injected code' } };",
        'com.example.runtime.tampered',
      ]);
    expect(await runtime.invoke(acme.tenantId, tampered, 'debtor.created', {})).toMatchObject({
      ok: false,
      error: { code: 'bundle_digest_mismatch', retryable: false },
    });
  });

  it('refuses an undeclared hook and another tenant', async () => {
    expect(await runtime.invoke(acme.tenantId, payLink, 'invoice.copy', {})).toMatchObject({
      ok: false,
      error: { code: 'hook_not_declared', retryable: false },
    });
    expect(await runtime.invoke(globex.tenantId, payLink, 'reminder.compose', {})).toMatchObject({
      ok: false,
      error: { code: 'installation_not_found', retryable: false },
    });
    expect(received).toHaveLength(2);
  });

  it('disables an endless loop after repeated breaches, telling the tenant why', async () => {
    for (let attempt = 1; attempt <= 3; attempt++) {
      const result = await runtime.invoke(acme.tenantId, looping, 'invoice.overdue', { loop: true });
      expect(result).toMatchObject({ ok: false, error: { code: 'cpu_limit' } });
    }
    const read = await acme.api('GET', `${base}/${looping}`);
    expect(read.body).toMatchObject({
      enabled: false,
      breachCount: 3,
      lastError: { code: 'cpu_limit' },
      disabledReason: expect.stringContaining('3 consecutive limit breaches'),
    });
    expect(await runtime.invoke(acme.tenantId, looping, 'invoice.overdue', { loop: true })).toMatchObject({
      ok: false,
      error: { code: 'installation_disabled' },
    });
    expect(await runtime.hooksFor(acme.tenantId, 'invoice.overdue')).toEqual([payLink]);

    const enabled = await acme.api('PATCH', `${base}/${looping}`, { enabled: true });
    expect(enabled.body).toMatchObject({ enabled: true, breachCount: 0, disabledReason: null });
  });

  it('a success resets the breach count', async () => {
    expect(await runtime.invoke(acme.tenantId, looping, 'invoice.overdue', { loop: true })).toMatchObject({
      ok: false,
    });
    expect((await acme.api('GET', `${base}/${looping}`)).body.breachCount).toBe(1);
    expect(await runtime.invoke(acme.tenantId, looping, 'invoice.overdue', {})).toEqual({ ok: true });
    expect((await acme.api('GET', `${base}/${looping}`)).body).toMatchObject({
      breachCount: 0,
      enabled: true,
    });
  });

  it('uninstalling purges the installation storage', async () => {
    const count = () =>
      db.orm.em
        .fork()
        .execute<{ n: number }[]>(
          'select count(*)::int as n from plugin_storage where installation_key = ?',
          [payLink],
        );
    expect((await count())[0]?.n).toBe(1);
    expect((await acme.api('DELETE', `${base}/${payLink}`)).status).toBe(204);
    expect((await count())[0]?.n).toBe(0);
    expect(await runtime.invoke(acme.tenantId, payLink, 'reminder.compose', {})).toMatchObject({
      ok: false,
      error: { code: 'installation_not_found' },
    });
  });
});

describe('events delivered to plugins', () => {
  it('delivers payment.received from the outbox to an installed plugin, once, with its idempotency key', async () => {
    const listener = await publishAndInstall(
      'com.example.runtime.listener',
      [{ name: 'payment.received', kind: 'event' }],
      `globalThis.__kredo = { hooks: {
        'payment.received': async (event, ctx) => {
          const seen = (await ctx.storage.get('seen')) ?? [];
          seen.push({ key: event.idempotencyKey, name: event.name, amount: event.payment.amount.amount });
          await ctx.storage.set('seen', seen);
        },
      } };`,
    );
    const worker = await startJobWorker({
      connectionString: db.url,
      logger: pino({ level: 'silent' }),
      concurrency: 2,
      pollInterval: 200,
      jobs: [eventJobs({ orm: db.orm, deliverer: runtimeDeliverer(runtime) })],
    });
    try {
      const payment = await acme.api('POST', '/api/v1/payments', {
        administrationId: acme.administrationId,
        amount: 4200,
        valueDate: '2026-11-01',
      });
      expect(payment.status).toBe(201);
      let seen: { key: string; amount: number }[] = [];
      for (let attempt = 0; attempt < 100 && seen.length === 0; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        const rows = await withTenantClient(db.orm, acme.tenantId, (c) =>
          c.query(`select value from plugin_storage where installation_key = $1 and key = 'seen'`, [
            listener,
          ]),
        );
        seen = (rows.rows[0]?.value as typeof seen | undefined) ?? [];
      }
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatchObject({
        amount: 4200,
        key: expect.stringMatching(new RegExp(`^evt_.*:${listener}$`)),
      });
    } finally {
      await worker.stop();
    }
  });
});
