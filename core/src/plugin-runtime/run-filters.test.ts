import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../app/test-api.ts';
import { loadConfig } from '../config/load-config.ts';
import { createTestPartner } from '../marketplace/test-partner.ts';
import { createPluginRuntime } from './plugin-runtime.ts';
import { runFilters } from './run-filters.ts';

// A provider that never answers, so a plugin can be slow without burning CPU.
const silent = http.createServer(() => {});
await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
const silentOrigin = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;

const { caller, newTenant, secretsKey, db } = await createTestApi();
const config = loadConfig({
  KREDO_PLUGIN_ALLOW_PRIVATE_NETWORKS: 'true',
  KREDO_PLUGIN_BREACHES_BEFORE_DISABLE: '100',
  KREDO_PLUGIN_DEADLINE_MS: '1500',
  // Longer than the deadline, so the slow plugin is cut off by the deadline, not by its own fetch failing.
  KREDO_PLUGIN_HTTP_TIMEOUT_MS: '10000',
  KREDO_PLUGIN_WORKERS: '2',
});
const runtime = createPluginRuntime({ orm: db.orm, config, secretsKey, devOrigins: [silentOrigin] });
afterAll(async () => {
  await runtime.close();
  silent.closeAllConnections();
  await new Promise((resolve) => silent.close(resolve));
});

const acme = await newTenant('Acme');
const initech = await newTenant('Initech');
const partner = await createTestPartner(caller, acme.tenantId, 'Filters B.V.');
const base = '/api/v1/plugins/installations';

const install = (id: string, priority: number, body: string, enabled = true) =>
  partner.installFor(
    acme,
    {
      id,
      hooks: [{ name: 'reminder.compose', kind: 'filter', priority }],
      http: { origins: ['https://api.example.com'] },
    },
    `globalThis.__kredo = { hooks: { 'reminder.compose': ${body} } };`,
    { enabled },
  );

// Installed in this order; run order is priority first, then install order.
const first = await install('com.example.first', 10, `() => ({ ok: true, value: { lines: ['first'] } })`);
const zero = await install('com.example.zero', 0, `(payload) => ({ lines: ['zero ' + payload.step] })`);
const throws = await install('com.example.throws', 20, `() => { throw new Error('broken'); }`);
const fails = await install(
  'com.example.fails',
  20,
  `() => ({ ok: false, error: { code: 'no_copy', message: 'nothing here', retryable: false } })`,
);
const slow = await install(
  'com.example.slow',
  30,
  `async (payload, ctx) => { await ctx.http.fetch({ url: ${JSON.stringify(`${silentOrigin}/wait`)} }); return { lines: ['late'] }; }`,
);
await install('com.example.off', -5, `() => ({ lines: ['disabled'] })`, false);

const compose = (deadlineMs: number, until?: (value: unknown) => boolean) =>
  runFilters(runtime, acme.tenantId, 'reminder.compose', { step: 'first reminder' }, { deadlineMs, until });

// Warm up: the plugin-host processes start and load the bundles on the first calls.
await compose(5000);

describe('runFilters', () => {
  it('runs enabled plugins by priority then install order, and goes past failures', async () => {
    const started = Date.now();
    const outcomes = await compose(400);
    expect(outcomes.map((o) => o.installationId)).toEqual([zero, first, throws, fails, slow]);
    expect(outcomes[0]).toEqual({
      installationId: zero,
      ok: true,
      value: { lines: ['zero first reminder'] },
    });
    expect(outcomes[1]).toEqual({ installationId: first, ok: true, value: { lines: ['first'] } });
    expect(outcomes[2]).toMatchObject({ installationId: throws, ok: false });
    expect(outcomes[3]).toMatchObject({
      ok: false,
      error: { code: 'plugin_failed', message: 'no_copy: nothing here' },
    });
    expect(outcomes[4]).toMatchObject({ installationId: slow, ok: false, error: { code: 'timeout' } });
    // Cut off at the filter's deadline, not the runtime's 1500 ms.
    expect(Date.now() - started).toBeLessThan(1400);
  });

  it("records the slow plugin's failure on its installation, visible to the tenant", async () => {
    const since = Date.now();
    await compose(300);
    let lastError: { code?: string; at?: string } | null = null;
    const recorded = () => lastError?.code === 'timeout' && Date.parse(lastError.at ?? '') >= since;
    for (let i = 0; i < 40 && !recorded(); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      lastError = (await acme.api('GET', `${base}/${slow}`)).body.lastError;
    }
    expect(recorded()).toBe(true);
    expect((await acme.api('GET', `${base}/${throws}`)).body.lastError).not.toBeNull();
  });

  it("cuts a plugin off at the runtime's own limit when that comes first", async () => {
    const started = Date.now();
    const outcomes = await compose(10_000);
    expect(outcomes.at(-1)).toMatchObject({ installationId: slow, ok: false, error: { code: 'timeout' } });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('stops at the first answer the caller accepts', async () => {
    const outcomes = await compose(400, (value) => value !== null);
    expect(outcomes.map((o) => o.installationId)).toEqual([zero]);
  });

  it('answers nothing when no plugin declares the hook', async () => {
    expect(await runFilters(runtime, initech.tenantId, 'reminder.compose', {}, { deadlineMs: 100 })).toEqual(
      [],
    );
  });
});
