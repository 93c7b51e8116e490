import { describe, expect, it } from 'vitest';
import { createTestApi } from '../app/test-api.ts';
import { createTestPartner } from '../marketplace/test-partner.ts';
import { createRoutedRuntime, type ReceivedRequest, startTestProvider } from './test-provider.ts';

// Secrets against a hostile plugin, through the real marketplace, runtime and process pool: a plugin
// declaring two origins may send its secret only to the one the manifest binds it to (issue 7,
// finding 3), and whatever the bound server echoes back reaches the plugin scrubbed, in the encodings
// servers commonly use (finding 5). The manifest origins are routed to local fakes.

const { newTenant, caller, db, secretsKey } = await createTestApi();
const acme = await newTenant('Acme');
const apiKey = 'sk_live/Hostile+8c2e71=ab';
const API = 'https://api.example.com';
const FILES = 'https://files.example.com';

/** The key the bound provider received, echoed back in every encoding the review found getting through. */
function echoes(key: string) {
  const bytes = Buffer.from(key);
  const base64At = (before: string, alphabet: 'base64' | 'base64url') =>
    Buffer.from(`${before}${key}","more":"data"}`).toString(alphabet);
  return {
    headers: {
      // A secret split between a header and the body, and one in a header name.
      'x-first': key.slice(0, 12),
      [`x-${encodeURIComponent(key).toLowerCase()}`]: 'name',
      [`x-${bytes.toString('hex')}`]: 'name',
    },
    fields: {
      rest: key.slice(12),
      escapedSlashes: key.replaceAll('/', '\\/'),
      base64At0: base64At('', 'base64'),
      base64At1: base64At('{', 'base64'),
      base64At2: base64At('{"', 'base64'),
      base64urlAt1: base64At('{', 'base64url'),
      hex: bytes.toString('hex'),
      HEX: bytes.toString('hex').toUpperCase(),
      percent: encodeURIComponent(key).toLowerCase(),
    },
  };
}

const api = await startTestProvider((request) => {
  const key = String(request.headers.authorization ?? '').replace(/^Bearer /, '');
  const { headers, fields } = echoes(key);
  // Written by hand: JSON.stringify would undo the escaped slashes.
  const body = `{${Object.entries(fields)
    .map(([name, value]) => `"${name}":"${value}"`)
    .join(',')}}`;
  return { headers, body };
});
const files = await startTestProvider();

const runtime = createRoutedRuntime(db.orm, secretsKey, { [API]: api.origin, [FILES]: files.origin });

const partner = await createTestPartner(caller, acme.tenantId, 'Hostile B.V.');
const secretSetting = { key: 'apiKey', type: 'string', label: 'API key', secret: true, required: true };
const manifest = {
  id: 'com.example.two-origins',
  webhooks: ['echo', 'to-files-header', 'to-files-body', 'to-files-plain'].map((name) => ({ name })),
  http: { origins: [API, FILES] },
  config: [{ ...secretSetting, origins: [API] }],
};
/** A hook that makes one request and answers the response, or the refusal as `{ code, message }`. */
const attempt = (request: string) => `async (payload, ctx) => {
  try { return await ctx.http.fetch(${request}); } catch (error) { return { code: error.code, message: error.message }; }
}`;
const bundle = `globalThis.__kredo = { hooks: {
  'webhook:echo': ${attempt(`{ url: '${API}/echo', headers: { authorization: 'Bearer {{secrets.apiKey}}' } }`)},
  'webhook:to-files-header': ${attempt(`{ url: '${FILES}/upload', headers: { 'x-key': '{{secrets.apiKey}}' } }`)},
  'webhook:to-files-body': ${attempt(`{ url: '${FILES}/upload', method: 'POST', body: 'key={{secrets.apiKey}}' }`)},
  'webhook:to-files-plain': ${attempt(`{ url: '${FILES}/upload' }`)},
} };`;

describe('a secret goes only to the origins it is bound to', () => {
  it('is refused at publish without origins, and shown with its binding in the catalogue', async () => {
    // The helper binds a secret without origins to every origin; a partner's own manifest does not.
    const unbound = { ...partner.manifest(manifest), config: [secretSetting] };
    const refused = await partner.publish(unbound, bundle);
    expect(refused).toMatchObject({
      status: 400,
      body: { code: 'invalid_manifest', field: 'manifest.config[0].origins' },
    });
    await partner.release(manifest, bundle);
    const versions = await acme.api('GET', `/api/v1/marketplace/plugins/${manifest.id}/versions`);
    expect(versions.body.data[0]).toMatchObject({ origins: [API, FILES], secretOrigins: { apiKey: [API] } });
  });

  it('refuses the secret to the other declared origin, in a header or the body, naming secret and origin', async () => {
    const id = await partner.install(acme, { id: manifest.id, version: '1.0.0' }, { secrets: { apiKey } });
    const run = (hook: string) => runtime.invoke(acme.tenantId, id, `webhook:${hook}`, {});
    for (const hook of ['to-files-header', 'to-files-body']) {
      const result = await run(hook);
      expect(result, hook).toEqual({
        ok: true,
        value: {
          code: 'secret_origin_denied',
          message: `the secret apiKey may not be sent to ${FILES}: its manifest binds it only to ${API}`,
        },
      });
    }
    expect(files.received).toEqual([]);
    // The other origin stays reachable without the secret; the bound one gets it.
    expect(await run('to-files-plain')).toMatchObject({ ok: true, value: { status: 200 } });
    expect(files.received.map(leaked)).toEqual([false]);
    expect(await run('echo')).toMatchObject({ ok: true, value: { status: 200 } });
    expect(api.received.at(-1)?.headers.authorization).toBe(`Bearer ${apiKey}`);
    const installation = await acme.api('GET', `/api/v1/plugins/installations/${id}`);
    expect(installation.body.grant).toMatchObject({
      origins: [API, FILES],
      secretOrigins: { apiKey: [API] },
    });
    expect(JSON.stringify(installation.body)).not.toContain(apiKey);
  });

  it('scrubs what the bound server echoes back, in every encoding the review found', async () => {
    const [installation] = (await acme.api('GET', '/api/v1/plugins/installations')).body.data;
    const result = await runtime.invoke(acme.tenantId, installation.id, 'webhook:echo', {});
    if (!result.ok) throw new Error(`echo failed: ${result.error.message}`);
    const response = result.value as { headers: Record<string, string>; body: string };
    const { headers, fields } = echoes(apiKey);
    const returned = JSON.stringify(response);
    const carried = [...Object.keys(headers).filter((name) => name !== 'x-first'), headers['x-first']];
    for (const sent of [...carried, ...Object.values(fields)]) expect(returned, sent).not.toContain(sent);
    const body = JSON.parse(response.body) as Record<string, string>;
    for (const [field, alphabet] of [
      ['base64At0', 'base64'],
      ['base64At1', 'base64'],
      ['base64At2', 'base64'],
      ['base64urlAt1', 'base64url'],
    ] as const) {
      const decoded = (body[field] ?? '')
        .split('[redacted]')
        .map((part) => Buffer.from(part, alphabet).toString('latin1'))
        .join('');
      expect(decoded, field).not.toContain(apiKey.slice(1, -1));
    }
    expect(response.headers['x-first']).toBe('[redacted]');
    expect(body.rest).toBe('[redacted]');
  });
});

function leaked(request: ReceivedRequest): boolean {
  return JSON.stringify(request).includes(apiKey) || request.body.includes(encodeURIComponent(apiKey));
}
