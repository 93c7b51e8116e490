import { afterAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../app/test-api.ts';
import { loadConfig } from '../config/load-config.ts';
import { createTestPartner } from '../marketplace/test-partner.ts';
import { createPluginRuntime, type PluginRuntime } from '../plugin-runtime/index.ts';
import { messageRoutes } from './message-routes.ts';

// Core's side of the message-channel capability, with a provider written by hand: it keeps every
// idempotency key it receives, fails the first send of a text saying "flaky", refuses a text saying
// "refuse" with a failed receipt, and otherwise queues the message as `pm-<key>`.
const config = loadConfig({ KREDO_PLUGIN_WORKERS: '1', KREDO_PLUGIN_BREACHES_BEFORE_DISABLE: '100' });
let runtime: PluginRuntime | undefined;
const { caller, newTenant } = await createTestApi({
  routes: ({ orm, secretsKey }) => {
    runtime = createPluginRuntime({ orm, config, secretsKey });
    return messageRoutes({ orm, runtime });
  },
});
afterAll(() => runtime?.close());

const acme = await newTenant('Acme');
const globex = await newTenant('Globex');
const partner = await createTestPartner(caller, acme.tenantId, 'Texter B.V.');

const texter = `globalThis.__kredo = { hooks: {
  'capability:messageChannel.send': async (input, ctx) => {
    const sent = (await ctx.storage.get('sent')) ?? [];
    sent.push({ key: input.idempotencyKey, to: input.to, channel: input.channel });
    await ctx.storage.set('sent', sent);
    if (input.text === 'flaky' && sent.filter((s) => s.key === input.idempotencyKey).length === 1) {
      return { ok: false, error: { code: 'provider_down', message: 'try again', retryable: true } };
    }
    return { ok: true, value: {
      status: input.text === 'refuse' ? 'failed' : 'queued', providerMessageId: 'pm-' + input.idempotencyKey } };
  },
  'debtor.created': async (input, ctx) => (await ctx.storage.get('sent')) ?? [],
} };`;
const manifest = {
  id: 'com.example.texter',
  capabilities: ['messageChannel'],
  hooks: [{ name: 'debtor.created', kind: 'event' }],
  scopes: ['debtors:read'],
};
const acmeTexter = await partner.installFor(acme, manifest, texter);
// The same provider asking for no scope (so without its probe hook): core must not give it a number.
await partner.installFor(
  globex,
  { ...manifest, id: 'com.example.texter-ungranted', hooks: [], scopes: [] },
  texter,
);

/** What the provider received so far in `tenant`. */
async function sent(tenant: typeof acme, installationId: string) {
  const result = await runtime?.invoke(tenant.tenantId, installationId, 'debtor.created', {});
  if (!result?.ok) throw new Error(`texter probe failed: ${JSON.stringify(result)}`);
  return result.value as { key: string; to: string; channel: string }[];
}

async function debtor(tenant: typeof acme, number: string, phone?: string, country?: string) {
  const res = await tenant.api('POST', '/api/v1/debtors', {
    administrationId: tenant.administrationId,
    number,
    name: number,
    type: 'b2c',
    ...(phone ? { phone } : {}),
    ...(country ? { addresses: [{ line1: 'Dorpsstraat 1', country }] } : {}),
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}
const send = (tenant: typeof acme, debtorId: string, body: object, key?: string) =>
  tenant.api('POST', `/api/v1/debtors/${debtorId}/messages`, body, key ? { 'idempotency-key': key } : {});

describe('messages through a message-channel plugin', () => {
  it("sends to the debtor's phone in E.164 and lists the message", async () => {
    const id = await debtor(acme, 'M1', '06 1234 5678', 'NL');
    const res = await send(acme, id, { channel: 'sms', text: 'Your invoice is due' }, 'msg-1');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      debtorId: id,
      installationId: acmeTexter,
      plugin: 'com.example.texter@1.0.0',
      channel: 'sms',
      to: '+31612345678',
      text: 'Your invoice is due',
      status: 'queued',
    });
    const last = (await sent(acme, acmeTexter)).at(-1);
    expect(last).toMatchObject({ to: '+31612345678', channel: 'sms' });
    expect(res.body.providerMessageId).toBe(`pm-${last?.key}`);
    const list = await acme.api('GET', `/api/v1/debtors/${id}/messages`);
    expect(list.status).toBe(200);
    expect(list.body.data).toEqual([res.body]);
  });

  it('sends to `to` when given, and answers 422 naming phone when the debtor has none readable', async () => {
    const national = await debtor(acme, 'M2', '06 1234 5678');
    const res = await send(acme, national, { channel: 'whatsapp', text: 'Hi' });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'debtor_phone_invalid', details: { field: 'phone' } });
    const given = await send(acme, national, { channel: 'whatsapp', text: 'Hi', to: '+32470123456' });
    expect(given.status).toBe(201);
    expect(given.body).toMatchObject({ to: '+32470123456', channel: 'whatsapp' });
    const none = await send(acme, await debtor(acme, 'M3'), { channel: 'sms', text: 'Hi' });
    expect(none.status).toBe(422);
    expect(none.body).toMatchObject({ code: 'debtor_phone_missing', details: { field: 'phone' } });
    const bad = await send(acme, national, { channel: 'sms', text: 'Hi', to: '0612345678' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('to');
    const long = await send(acme, national, { channel: 'sms', text: 'x'.repeat(1601), to: '+32470123456' });
    expect(long.status).toBe(400);
  });

  it('answers a retry with the same Idempotency-Key with the same message, sent once', async () => {
    const id = await debtor(acme, 'M4', '+31 6 1111 2222');
    const first = await send(acme, id, { channel: 'sms', text: 'Once' }, 'once-1');
    const before = (await sent(acme, acmeTexter)).length;
    const again = await send(acme, id, { channel: 'sms', text: 'Once' }, 'once-1');
    expect(again.status).toBe(201);
    expect(again.body).toEqual(JSON.parse(JSON.stringify(first.body)));
    expect((await sent(acme, acmeTexter)).length).toBe(before);
  });

  it('stores nothing for a failed send, and the retry reaches the provider with the same key', async () => {
    const id = await debtor(acme, 'M5', '+31612223333');
    const failed = await send(acme, id, { channel: 'sms', text: 'flaky' }, 'flaky-1');
    expect(failed.status).toBe(502);
    expect(failed.body).toMatchObject({ code: 'plugin_failed' });
    expect((await acme.api('GET', `/api/v1/debtors/${id}/messages`)).body.data).toEqual([]);
    const retried = await send(acme, id, { channel: 'sms', text: 'flaky' }, 'flaky-1');
    expect(retried.status).toBe(201);
    const keys = (await sent(acme, acmeTexter)).slice(-2).map((s) => s.key);
    expect(keys[0]).toBe(keys[1]);
    expect(retried.body.providerMessageId).toBe(`pm-${keys[0]}`);
    const list = (await acme.api('GET', `/api/v1/debtors/${id}/messages`)).body.data;
    expect(list.map((m: { id: string }) => m.id)).toEqual([retried.body.id]);
  });

  it('stores a message the provider refused as failed', async () => {
    const id = await debtor(acme, 'M6', '+31612224444');
    const res = await send(acme, id, { channel: 'sms', text: 'refuse' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'failed' });
  });

  it('refuses a plugin without debtors:read before sending, and keeps tenants apart', async () => {
    const id = await debtor(globex, 'M1', '+31612345678');
    const res = await send(globex, id, { channel: 'sms', text: 'Hi' });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'plugin_scope_denied' });
    expect((await globex.api('GET', `/api/v1/debtors/${id}/messages`)).body.data).toEqual([]);
    const acmeDebtor = (await acme.api('GET', '/api/v1/debtors?q=M1')).body.data[0].id;
    // Another tenant's debtor does not exist for globex: 404, as GET /debtors/{id} answers.
    expect((await globex.api('GET', `/api/v1/debtors/${acmeDebtor}/messages`)).body).toMatchObject({
      statusCode: 404,
      code: 'debtor_not_found',
    });
    expect((await send(globex, acmeDebtor, { channel: 'sms', text: 'Hi' })).status).toBe(404);
  });
});
