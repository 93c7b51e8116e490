import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HostFetchRequest } from '@kredo/sdk/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isPublicAddress } from './host-address.ts';
import { createHostFetch, type HostFetchOptions } from './host-fetch.ts';

const apiKey = 's3cr3t-api-key-7f2a';
let server: http.Server;
let origin: string;
let port: number;
const seen: { url: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
let connections = 0;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      seen.push({ url: request.url ?? '', headers: request.headers, body });
      if (request.url === '/redirect') {
        response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      } else if (request.url === '/big') {
        response.end('x'.repeat(10_000));
      } else if (request.url === '/big-chunked') {
        response.write('x'.repeat(600));
        response.end('x'.repeat(600));
      } else if (request.url === '/slow') {
        setTimeout(() => response.end('late'), 1_000);
      } else {
        // Echoes the request back, as a careless or hostile API might, in several encodings.
        response.setHeader('x-echo', String(request.headers.authorization));
        response.end(
          JSON.stringify({
            authorization: request.headers.authorization,
            body,
            base64: Buffer.from(apiKey).toString('base64'),
            urlEncoded: encodeURIComponent(apiKey),
          }),
        );
      }
    });
  });
  server.on('connection', () => {
    connections++;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => {
  seen.length = 0;
  connections = 0;
});

/** The secret, bound to the echo server's origin. */
const bound = () => ({ values: { apiKey }, origins: { apiKey: [origin] } });
const none = { values: {}, origins: {} };

function local(overrides: Partial<HostFetchOptions> = {}) {
  return createHostFetch({
    allowedOrigins: [origin],
    secrets: bound(),
    maxResponseBytes: 1_000,
    timeoutMs: 2_000,
    allowPrivateNetworks: true,
    ...overrides,
  });
}

describe('createHostFetch', () => {
  it('fills secrets in at the edge and scrubs them from what the plugin gets back', async () => {
    const response = await local()({
      url: `${origin}/echo?q=1`,
      method: 'POST',
      headers: { Authorization: 'Bearer {{secrets.apiKey}}', 'content-type': 'application/json' },
      body: '{"key":"{{ secrets.apiKey }}"}',
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.headers.authorization).toBe(`Bearer ${apiKey}`);
    expect(seen[0]?.body).toBe(`{"key":"${apiKey}"}`);
    expect(response.status).toBe(200);
    const returned = JSON.stringify(response);
    expect(returned).not.toContain(apiKey);
    expect(returned).not.toContain(Buffer.from(apiKey).toString('base64').replace(/=+$/, ''));
    expect(response.headers['x-echo']).toBe('Bearer [redacted]');
    expect(JSON.parse(response.body)).toMatchObject({ authorization: 'Bearer [redacted]' });
  });

  it('refuses an unknown secret without sending anything', async () => {
    await expect(
      local()({ url: `${origin}/`, method: 'GET', headers: { authorization: '{{secrets.other}}' } }),
    ).rejects.toMatchObject({ code: 'unknown_secret', retryable: false });
    expect(connections).toBe(0);
  });

  it('sends a secret only to an origin it is bound to', async () => {
    const other = `http://localhost:${port}`;
    const fetch = local({ allowedOrigins: [origin, other] });
    const requests: HostFetchRequest[] = [
      { url: `${other}/`, method: 'GET', headers: { 'x-key': '{{secrets.apiKey}}' } },
      { url: `${other}/`, method: 'POST', headers: {}, body: 'key={{secrets.apiKey}}' },
    ];
    for (const request of requests) {
      await expect(fetch(request)).rejects.toMatchObject({
        code: 'secret_origin_denied',
        message: `the secret apiKey may not be sent to ${other}: its manifest binds it only to ${origin}`,
      });
    }
    expect(connections).toBe(0);
    // Without a placeholder the other origin is reached as before.
    expect((await fetch({ url: `${other}/`, method: 'GET', headers: {} })).status).toBe(200);
  });

  it('judges a routed request on the origin the plugin asked for, then connects to the route', async () => {
    const declared = 'https://api.example.com';
    const routedTo = (secretOrigins: string[]) =>
      local({
        allowedOrigins: [declared, 'https://other.example.com'],
        secrets: { values: { apiKey }, origins: { apiKey: secretOrigins } },
        routes: { [declared]: origin, 'https://other.example.com': origin },
      });
    const request = {
      url: `${declared}/echo`,
      method: 'GET',
      headers: { authorization: '{{secrets.apiKey}}' },
    };
    expect((await routedTo([declared])(request)).status).toBe(200);
    expect(seen.at(-1)?.headers.authorization).toBe(apiKey);
    // Bound elsewhere: refused, although the route leads to the very same server.
    await expect(routedTo(['https://other.example.com'])(request)).rejects.toMatchObject({
      code: 'secret_origin_denied',
    });
    // The route's own address is not a way round the binding.
    await expect(routedTo([declared])({ ...request, url: `${origin}/echo` })).rejects.toMatchObject({
      code: 'http_origin_denied',
    });
    expect(seen).toHaveLength(1);
    expect(() => local({ allowPrivateNetworks: false, routes: { [declared]: origin } })).toThrow(
      /routes are for development and tests/,
    );
  });

  it('refuses origins the manifest does not declare', async () => {
    const fetch = local({ allowedOrigins: ['https://api.example.com'] });
    for (const url of [`${origin}/`, 'https://api.example.com.evil.test/', 'https://api.example.com:8443/']) {
      await expect(fetch({ url, method: 'GET', headers: {} })).rejects.toMatchObject({
        code: 'http_origin_denied',
      });
    }
    expect(connections).toBe(0);
  });

  it('hands a redirect back instead of following it', async () => {
    const response = await local()({ url: `${origin}/redirect`, method: 'GET', headers: {} });
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('http://169.254.169.254/latest/meta-data/');
    expect(seen.map((request) => request.url)).toEqual(['/redirect']);
  });

  it('refuses a response larger than allowed, declared or streamed', async () => {
    for (const path of ['/big', '/big-chunked']) {
      await expect(local()({ url: `${origin}${path}`, method: 'GET', headers: {} })).rejects.toMatchObject({
        code: 'response_too_large',
        retryable: false,
      });
    }
  });

  it('times out a slow server, retryably', async () => {
    await expect(
      local({ timeoutMs: 100 })({ url: `${origin}/slow`, method: 'GET', headers: {} }),
    ).rejects.toMatchObject({ code: 'timeout', retryable: true });
  });

  it('validates the request again at the edge', async () => {
    const fetch = local();
    const bad: HostFetchRequest[] = [
      { url: `${origin}/`, method: 'TRACE', headers: {} },
      { url: `${origin}/`, method: 'GET', headers: { host: 'internal' } },
      { url: `${origin}/`, method: 'GET', headers: { 'x-a': 'one\r\nx-b: two' } },
      { url: `${origin}/`, method: 'GET', headers: { 'bad name': 'x' } },
      { url: `${origin}/`, method: 'GET', headers: {}, body: 'x' },
      { url: `http://user:pw@127.0.0.1:${port}/`, method: 'GET', headers: {} },
      { url: `${origin}/`, method: 'POST', headers: {}, body: 'x'.repeat(2_000_000) },
    ];
    for (const request of bad) {
      await expect(fetch(request)).rejects.toMatchObject({ code: 'invalid_argument' });
    }
    await expect(
      createHostFetch({ allowedOrigins: [origin], secrets: none, maxResponseBytes: 1, timeoutMs: 1_000 })({
        url: `${origin}/`,
        method: 'GET',
        headers: {},
      }),
    ).rejects.toMatchObject({ code: 'invalid_argument', message: 'fetch url must use https:' });
    expect(connections).toBe(0);
  });

  it('reports a refused connection as a retryable network error', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedOrigin = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));
    await expect(
      local({ allowedOrigins: [closedOrigin] })({ url: `${closedOrigin}/`, method: 'GET', headers: {} }),
    ).rejects.toMatchObject({ code: 'network_error', retryable: true });
  });
});

describe('createHostFetch without private networks', () => {
  it('refuses loopback, private and metadata addresses before connecting', async () => {
    const targets: [url: string, resolved?: string[]][] = [
      [`https://127.0.0.1:${port}`],
      [`https://localhost:${port}`],
      [`https://10.1.2.3:${port}`],
      [`https://169.254.169.254:${port}`],
      [`https://[::1]:${port}`],
      [`https://[::ffff:127.0.0.1]:${port}`],
      [`https://0.0.0.0:${port}`],
      [`https://rebind.example.com:${port}`, ['93.184.216.34', '127.0.0.1']],
      [`https://internal.example.com:${port}`, ['192.168.1.10']],
    ];
    for (const [url, resolved] of targets) {
      const fetch = createHostFetch({
        allowedOrigins: [url],
        secrets: { values: { apiKey }, origins: { apiKey: [new URL(url).origin] } },
        maxResponseBytes: 1_000,
        timeoutMs: 2_000,
        ...(resolved ? { resolve: async () => resolved } : {}),
      });
      await expect(
        fetch({ url: `${url}/`, method: 'GET', headers: { authorization: '{{secrets.apiKey}}' } }),
        url,
      ).rejects.toMatchObject({ code: 'address_not_allowed', retryable: false });
    }
    expect(connections).toBe(0);
    expect(seen).toHaveLength(0);
  });

  it('connects to the address it checked, not to a second DNS answer', async () => {
    const answers = [['127.0.0.1'], ['10.0.0.1']];
    const fetch = createHostFetch({
      allowedOrigins: [`http://pinned.test:${port}`],
      secrets: none,
      maxResponseBytes: 1_000,
      timeoutMs: 2_000,
      allowPrivateNetworks: true,
      resolve: async () => answers.shift() ?? ['10.0.0.1'],
    });
    const response = await fetch({ url: `http://pinned.test:${port}/echo`, method: 'GET', headers: {} });
    expect(response.status).toBe(200);
    expect(seen[0]?.headers.host).toBe(`pinned.test:${port}`);
    expect(answers).toEqual([['10.0.0.1']]);
  });
});

describe('isPublicAddress', () => {
  it.each([
    '127.0.0.1',
    '10.0.0.1',
    '172.16.5.4',
    '192.168.0.1',
    '100.64.0.1',
    '169.254.169.254',
    '0.0.0.0',
    '::1',
    '::',
    'fd00::1',
    'fc00::1',
    'fe80::1',
    '::ffff:10.0.0.1',
    '::ffff:a9fe:a9fe',
    '0:0:0:0:0:ffff:7f00:1',
    'not-an-ip',
  ])('refuses %s', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('allows %s', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });
});
