import { describe, expect, it } from 'vitest';
import { createTestApi } from '../app/test-api.ts';
import { createRoutedRuntime, startTestProvider } from '../plugin-runtime/test-provider.ts';
import { createTestPartner } from './test-partner.ts';

// Consent on upgrade through the real marketplace and runtime (issue 7, finding 4): a version that
// widens what the plugin may do waits for the tenant's grant, the old version keeps running until
// then, and the secret configured under the old version never reaches the new origin before it.

const { newTenant, caller, db, secretsKey } = await createTestApi();
const acme = await newTenant('Acme');
const apiKey = 'sk_live_consent_51c0de';
const API = 'https://api.example.com';
const FILES = 'https://files.example.com';
const files = await startTestProvider();
const api = await startTestProvider();
const runtime = createRoutedRuntime(db.orm, secretsKey, { [API]: api.origin, [FILES]: files.origin });

const partner = await createTestPartner(caller, acme.tenantId, 'Upgrades B.V.');
const PLUGIN = 'com.example.uploader';
// Every version tries to send the key to FILES; only a version granted that may.
const bundle = `globalThis.__kredo = { hooks: {
  'webhook:upload': async (payload, ctx) => {
    try {
      const response = await ctx.http.fetch({ url: '${FILES}/upload', headers: { 'x-key': '{{secrets.apiKey}}' } });
      return { status: response.status };
    } catch (error) { return { code: error.code }; }
  },
  'webhook:extra': async () => 'extra',
  'invoice.overdue': async () => undefined,
} };`;
const apiKeySetting = (origins: string[]) => ({
  key: 'apiKey',
  type: 'string',
  label: 'API key',
  secret: true,
  required: true,
  origins,
});
const release = (version: string, fields: Record<string, unknown>) =>
  partner.release(
    {
      id: PLUGIN,
      version,
      webhooks: [{ name: 'upload' }],
      http: { origins: [API] },
      config: [apiKeySetting([API])],
      ...fields,
    },
    bundle,
  );
await release('1.0.0', {});
// 1.1.0 adds an origin and sends the key there too; 1.2.0 also runs on a hook, a webhook and a capability.
const files11 = { http: { origins: [API, FILES] }, config: [apiKeySetting([API, FILES])] };
await release('1.1.0', files11);
await release('1.2.0', {
  ...files11,
  hooks: [{ name: 'invoice.overdue', kind: 'event' }],
  webhooks: [{ name: 'upload' }, { name: 'extra' }],
  capabilities: ['payLink'],
});

const id = await partner.install(acme, { id: PLUGIN, version: '1.0.0' }, { secrets: { apiKey } });
const upgrade = (body: object) => acme.api('POST', `/api/v1/plugins/installations/${id}/upgrade`, body);
const installation = async () => (await acme.api('GET', `/api/v1/plugins/installations/${id}`)).body;
const upload = () => runtime.invoke(acme.tenantId, id, 'webhook:upload', {});

describe('an upgrade that widens what a plugin may do', () => {
  it('records at install everything the tenant consented to', async () => {
    expect((await installation()).grant).toEqual({
      scopes: [],
      origins: [API],
      secretOrigins: { apiKey: [API] },
      hooks: [],
      webhooks: ['upload'],
      capabilities: [],
    });
  });

  it('is refused until the new origin and the secret sent there are granted; 1.0.0 keeps running', async () => {
    const refused = await upgrade({ version: '1.1.0' });
    expect(refused).toMatchObject({
      status: 409,
      body: {
        code: 'grant_required',
        message:
          `${PLUGIN}@1.1.0 asks for more than was granted: origins ${FILES}; secret apiKey to ${FILES}. ` +
          'Nothing changed: 1.0.0 keeps running until an upgrade grants it',
        details: { widens: { origins: [FILES], secretOrigins: { apiKey: [FILES] } } },
      },
    });
    expect(await installation()).toMatchObject({ version: '1.0.0', grant: { origins: [API] } });
    expect(await upload()).toEqual({ ok: true, value: { code: 'http_origin_denied' } });

    // The origin alone is not the secret: the key still may not go there.
    const partly = await upgrade({ version: '1.1.0', grant: { origins: [FILES] } });
    expect(partly).toMatchObject({
      status: 409,
      body: { code: 'grant_required', details: { widens: { secretOrigins: { apiKey: [FILES] } } } },
    });
    expect(await upload()).toEqual({ ok: true, value: { code: 'http_origin_denied' } });
    expect(files.received).toEqual([]);
  });

  it('refuses a grant of what the version does not ask for', async () => {
    const wrong = await upgrade({ version: '1.1.0', grant: { origins: ['https://evil.example.com'] } });
    expect(wrong).toMatchObject({ status: 400, body: { code: 'invalid_request', field: 'grant.origins' } });
    const secret = await upgrade({
      version: '1.1.0',
      grant: { secretOrigins: { apiKey: [API, 'https://x.example'] } },
    });
    expect(secret).toMatchObject({ status: 400, body: { field: 'grant.secretOrigins.apiKey' } });
    expect((await installation()).version).toBe('1.0.0');
  });

  it('moves once the call grants what widens; then the key may go to the new origin', async () => {
    const granted = await upgrade({
      version: '1.1.0',
      grant: { origins: [FILES], secretOrigins: { apiKey: [FILES] } },
    });
    expect(granted).toMatchObject({
      status: 200,
      body: { version: '1.1.0', grant: { origins: [API, FILES], secretOrigins: { apiKey: [API, FILES] } } },
    });
    expect(await upload()).toEqual({ ok: true, value: { status: 200 } });
    expect(files.received.map((request) => request.headers['x-key'])).toEqual([apiKey]);
  });

  it('names new scopes, hooks, webhooks and capabilities too, and takes grantedScopes as before', async () => {
    const refused = await upgrade({ version: '1.2.0' });
    expect(refused.body).toMatchObject({
      code: 'grant_required',
      details: {
        widens: {
          scopes: ['invoices:read'],
          hooks: ['invoice.overdue'],
          webhooks: ['extra'],
          capabilities: ['payLink'],
        },
        missing: ['invoices:read'],
      },
    });
    expect(await runtime.invoke(acme.tenantId, id, 'webhook:extra', {})).toMatchObject({
      ok: false,
      error: { code: 'hook_not_declared' },
    });
    const granted = await upgrade({
      version: '1.2.0',
      grantedScopes: ['invoices:read'],
      grant: { hooks: ['invoice.overdue'], webhooks: ['extra'], capabilities: ['payLink'] },
    });
    expect(granted).toMatchObject({
      status: 200,
      body: { version: '1.2.0', grantedScopes: ['invoices:read'] },
    });
    expect(await runtime.invoke(acme.tenantId, id, 'webhook:extra', {})).toEqual({
      ok: true,
      value: 'extra',
    });
  });

  it('needs no new grant to move back to a version asking for less', async () => {
    const back = await upgrade({ version: '1.0.0' });
    expect(back).toMatchObject({ status: 200, body: { version: '1.0.0', grant: { origins: [API] } } });
    expect(await upload()).toEqual({ ok: true, value: { code: 'http_origin_denied' } });
    // Moving forward again asks again: the grant is what the running version asks for.
    expect((await upgrade({ version: '1.1.0' })).status).toBe(409);
  });
});
