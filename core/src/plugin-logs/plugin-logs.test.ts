import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApi, type Json } from '../app/test-api.ts';
import { loadConfig } from '../config/load-config.ts';
import { withTenantClient } from '../db/tenant-scope.ts';
import { createTestPartner } from '../marketplace/test-partner.ts';
import { createPluginRuntime } from '../plugin-runtime/index.ts';
import { createPluginLogWriter } from './plugin-log-writer.ts';

const { db, caller, newTenant, secretsKey } = await createTestApi();
const acme = await newTenant('Acme');
const globex = await newTenant('Globex');
const base = '/api/v1/plugins/installations';
const apiKey = 'sk_test_logs_7b2e90';
const hook = 'reminder.compose';

const config = loadConfig({
  KREDO_PLUGIN_WORKERS: '1',
  KREDO_PLUGIN_DEADLINE_MS: '10000',
  KREDO_PLUGIN_LOG_LINES_PER_MINUTE: '60',
});
const runtime = createPluginRuntime({ orm: db.orm, config, secretsKey });
afterAll(() => runtime.close());

// Published and installed exactly as a partner and a tenant admin do, with a secret the plugin never sees.
const partner = await createTestPartner(caller, acme.tenantId, 'Logs B.V.');
const publishAndInstall = (id: string, body: string) =>
  partner.installFor(
    acme,
    {
      id,
      hooks: [{ name: hook, kind: 'filter' }],
      http: { origins: ['https://api.example.com'] },
      config: [{ key: 'apiKey', type: 'string', label: 'API key', secret: true, required: true }],
    },
    `globalThis.__kredo = { hooks: { '${hook}': async (payload, ctx) => { ${body} } } };`,
    { secrets: { apiKey } },
  );

const chatty = await publishAndInstall(
  'com.example.logs.chatty',
  `for (const level of ['debug', 'info', 'warn', 'error']) await ctx.log(level, level + ' ' + payload.n);
   await ctx.log('info', 'key {{secrets.apiKey}}');
   return payload;`,
);
const flood = await publishAndInstall(
  'com.example.logs.flood',
  `for (let i = 0; i < 100; i++) await ctx.log('info', 'flood ' + i); return payload;`,
);

async function logsOf(installationId: string, query = '') {
  return acme.api('GET', `${base}/${installationId}/logs${query}`);
}

const countRows = (tenantId: string, installationId: string) =>
  withTenantClient(db.orm, tenantId, async (client) => {
    const { rows } = await client.query(
      'select count(*)::int as n from plugin_log where installation_id = $1',
      [installationId],
    );
    return rows[0].n as number;
  });

describe('plugin log', () => {
  it('stores what the plugin logs, lists it newest first with the hook, filters by least level', async () => {
    expect(await runtime.invoke(acme.tenantId, chatty, hook, { n: 1 })).toMatchObject({ ok: true });

    const all = await logsOf(chatty);
    expect(all.status).toBe(200);
    expect(all.body.data.map((line: Json) => line.message)).toEqual([
      'key {{secrets.apiKey}}',
      'error 1',
      'warn 1',
      'info 1',
      'debug 1',
    ]);
    expect(all.body.data[0]).toMatchObject({ level: 'info', hook, dropped: null });
    expect(Number.isNaN(Date.parse(all.body.data[0].createdAt))).toBe(false);
    expect(all.body.nextCursor).toBeNull();

    const warn = await logsOf(chatty, '?level=warn');
    expect(warn.body.data.map((line: Json) => line.level)).toEqual(['error', 'warn']);
  });

  it('pages with a cursor', async () => {
    const first = await logsOf(chatty, '?limit=2');
    expect(first.body.data.map((line: Json) => line.message)).toEqual(['key {{secrets.apiKey}}', 'error 1']);
    const second = await logsOf(chatty, `?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.data.map((line: Json) => line.message)).toEqual(['warn 1', 'info 1']);
    expect((await logsOf(chatty, '?cursor=nonsense')).status).toBe(400);
    expect((await logsOf(chatty, '?level=fatal')).status).toBe(400);
  });

  it("returns only the plugin's text: a secret never appears", async () => {
    const all = await logsOf(chatty, '?limit=500');
    expect(JSON.stringify(all.body)).not.toContain(apiKey);
  });

  it("hides another tenant's installation and its lines", async () => {
    const other = await globex.api('GET', `${base}/${chatty}/logs`);
    expect(other.status).toBe(404);
    expect(await countRows(globex.tenantId, chatty)).toBe(0);
    expect(await countRows(acme.tenantId, chatty)).toBe(5);
  });

  it('caps a flood and stores one marker counting the lines it dropped', async () => {
    expect(await runtime.invoke(acme.tenantId, flood, hook, {})).toMatchObject({ ok: true });
    // The marker is written when the bucket refills (a second at 60 a minute), the plugin gone quiet.
    let lines: Json[] = [];
    for (let waited = 0; waited < 5000; waited += 100) {
      lines = (await logsOf(flood, '?limit=500')).body.data;
      if (lines.some((line) => line.dropped !== null)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const stored = lines.filter((line) => line.dropped === null);
    const markers = lines.filter((line) => line.dropped !== null);
    expect(stored.length).toBeGreaterThanOrEqual(60);
    expect(stored.length).toBeLessThan(65);
    expect(markers).toHaveLength(1);
    expect(lines[0]).toBe(markers[0]);
    expect(lines[0]).toMatchObject({
      level: 'warn',
      message: `${100 - stored.length} log lines dropped: over 60 a minute`,
      hook: null,
      dropped: 100 - stored.length,
    });
  });

  it('answers whether a line was kept, so the server log is bounded by the same budget', async () => {
    const writer = createPluginLogWriter(db.orm, pino({ level: 'silent' }), {
      linesPerMinute: 2,
      keepLines: 10,
    });
    const source = { tenantId: acme.tenantId, installationId: chatty, hook };
    const kept = [];
    for (let i = 0; i < 4; i++) kept.push(await writer.write(source, 'info', `budget ${i}`));
    await writer.close();
    expect(kept).toEqual([true, true, false, false]);
  });

  it('keeps the newest lines of an installation, pruning as it writes', async () => {
    const writer = createPluginLogWriter(db.orm, pino({ level: 'silent' }), {
      linesPerMinute: 10_000,
      keepLines: 10,
      pruneEvery: 5,
    });
    const source = { tenantId: acme.tenantId, installationId: chatty, hook };
    for (let i = 1; i <= 23; i++) await writer.write(source, 'info', `kept ${i}`);
    await writer.close();
    // Pruned at the 21st line down to 10 (12…21), then 22 and 23 came.
    const kept = (await logsOf(chatty, '?limit=500')).body.data.map((line: Json) => line.message);
    expect(kept).toEqual(Array.from({ length: 12 }, (_, i) => `kept ${23 - i}`));
  });

  it('never fails the call over a failed write: the error goes to the server log', async () => {
    const errors: string[] = [];
    const logger = pino(
      new Writable({
        write(chunk, _encoding, done) {
          errors.push(String(chunk));
          done();
        },
      }),
    );
    const writer = createPluginLogWriter(db.orm, logger, { linesPerMinute: 100, keepLines: 10 });
    const source = { tenantId: acme.tenantId, installationId: chatty, hook };
    await expect(writer.write(source, 'fatal' as never, 'not a level')).resolves.toBe(true);
    expect(errors.join('')).toContain('could not store a plugin log line');
  });

  it("purges an installation's lines on uninstall", async () => {
    expect(await countRows(acme.tenantId, flood)).toBeGreaterThan(0);
    expect((await acme.api('DELETE', `${base}/${flood}`)).status).toBe(204);
    expect(await countRows(acme.tenantId, flood)).toBe(0);
    expect((await logsOf(flood)).status).toBe(404);
  });
});
