import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApi, type Json } from '../app/test-api.ts';
import { loadConfig } from '../config/load-config.ts';
import { createTestPartner } from '../marketplace/test-partner.ts';
import { createPluginRuntime } from './plugin-runtime.ts';

// Finding 8 of issue 7, through the real marketplace, runtime and process pool: a plugin's storage
// keys that PostgreSQL would refuse or merge, and a plugin's text (thrown message, `fail(code,
// message)`, log lines) carrying line breaks, terminal escapes and bidi overrides.

const { db, newTenant, caller, secretsKey } = await createTestApi();
const acme = await newTenant('Acme');
const base = '/api/v1/plugins/installations';
const hook = 'reminder.compose';

const serverLog: Json[] = [];
const sink = new Writable({
  write(chunk, _encoding, done) {
    for (const line of String(chunk).split('\n').filter(Boolean)) serverLog.push(JSON.parse(line));
    done();
  },
});
const runtime = createPluginRuntime({
  orm: db.orm,
  config: loadConfig({ KREDO_PLUGIN_WORKERS: '1', KREDO_PLUGIN_DEADLINE_MS: '10000' }),
  secretsKey,
  logger: pino({ level: 'debug' }, sink),
});
afterAll(() => runtime.close());

const partner = await createTestPartner(caller, acme.tenantId, 'Text B.V.');
const plugin = (id: string, body: string) =>
  partner.installFor(
    acme,
    { id: `com.example.text.${id}`, hooks: [{ name: hook, kind: 'filter' }] },
    `globalThis.__kredo = { hooks: { '${hook}': async (payload, ctx) => { ${body} } } };`,
  );
const state = async (id: string) => (await acme.api('GET', `${base}/${id}`)).body;

// A forged log line, a screen clear with a new window title, and a right-to-left override.
const hostile = 'ok\r\n{"level":50,"msg":"forged"}\u001b[2J\u001b]0;owned\u0007 invoice_\u202Efdp.exe';
const shown = 'ok\\r\\n{"level":50,"msg":"forged"} invoice_\\u202efdp.exe';

describe('storage keys PostgreSQL would refuse or merge', () => {
  it('answers invalid_argument for a NUL or a lone surrogate, never a SQLSTATE', async () => {
    const keys = await plugin(
      'keys',
      `const answers = [];
       for (const key of ['a\\u0000b', 'k\\ud800', 'k\\udbff', 'line\\nbreak']) {
         try { await ctx.storage.set(key, 1); answers.push('stored'); }
         catch (error) { answers.push(error.code + ': ' + error.message); }
       }
       try { await ctx.storage.list('\\u0000'); } catch (error) { answers.push(error.code); }
       return answers;`,
    );
    const ran = await runtime.invoke(acme.tenantId, keys, hook, {});
    expect(ran.ok).toBe(true);
    const answers = (ran as { value: string[] }).value;
    expect(answers).toHaveLength(5);
    for (const answer of answers) expect(answer).toMatch(/^invalid_argument/);
    expect(answers.join('\n')).not.toMatch(/22021|22P05|UTF8|byte sequence/);
  });
});

describe("a plugin's text, stored and shown", () => {
  it('a thrown message reaches last_error and the server log without breaks or escapes', async () => {
    const thrower = await plugin('thrower', `throw new Error(${JSON.stringify(hostile)});`);
    const ran = await runtime.invoke(acme.tenantId, thrower, hook, {});
    expect(ran).toMatchObject({ ok: false, error: { code: 'plugin_error' } });
    const { lastError } = await state(thrower);
    expect(lastError.message).toContain(shown);
    expect(lastError.message).not.toMatch(/\p{Cc}|\u202e/u);
  });

  it('a fail(code, message) answer is recorded as plain text', async () => {
    const failing = await plugin(
      'failing',
      `return { ok: false, error: { code: ${JSON.stringify(`bad\n\u001b[31mcode`)}, message: ${JSON.stringify(hostile)} } };`,
    );
    await runtime.invoke(acme.tenantId, failing, hook, {});
    const { lastError } = await state(failing);
    expect(lastError).toMatchObject({ code: 'bad\\ncode', message: shown });
  });

  it('log lines are stored and written to the server log as plain text', async () => {
    const logger = await plugin('logger', `await ctx.log('warn', ${JSON.stringify(hostile)}); return {};`);
    expect(await runtime.invoke(acme.tenantId, logger, hook, {})).toMatchObject({ ok: true });
    const logs = await acme.api('GET', `${base}/${logger}/logs`);
    expect(logs.body.data.map((line: Json) => line.message)).toEqual([shown]);
    const written = serverLog.filter(
      (line) => line.installationId === logger && line.pluginLog !== undefined,
    );
    expect(written.map((line) => line.pluginLog)).toEqual([shown]);
  });
});
