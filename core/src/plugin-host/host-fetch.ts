import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { BoundSecrets, HostFetchRequest } from '@kredo/sdk/sandbox';
import {
  bodySecretEncoding,
  createScrubber,
  fetchMethods,
  fillSecrets,
  HostFunctionError,
  reservedHeaders,
  scrubResponse,
} from '@kredo/sdk/sandbox';
import { isPublicAddress } from './host-address.ts';

export interface HostFetchOptions {
  /** The origins the plugin's manifest declares (`https://api.mollie.com`); a request must match one exactly. */
  allowedOrigins: readonly string[];
  /**
   * The installation's secrets by name, filled into `{{secrets.NAME}}` in header values and body,
   * each only in requests to the origins it is bound to.
   */
  secrets: BoundSecrets;
  /**
   * Development and tests: a declared origin whose requests go to another address instead
   * (`{ 'https://api.mollie.com': 'http://127.0.0.1:4567' }`). Origin and secret checks judge the
   * origin the plugin asked for; only the connection goes elsewhere.
   */
  routes?: Readonly<Record<string, string>>;
  /** Largest response body handed back to the plugin. */
  maxResponseBytes: number;
  /** Deadline for the whole exchange, from connecting to the last body byte. */
  timeoutMs: number;
  /** Largest request body, secrets filled in. Default 1 MiB. */
  maxRequestBytes?: number;
  /** Resolves a host name to its addresses. Default: every address `dns.lookup` gives. */
  resolve?: (hostname: string) => Promise<string[]>;
  /** Allows loopback and private addresses and plain http. Default false: only for local development and tests. */
  allowPrivateNetworks?: boolean;
}

export interface HostFetchResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

interface Outgoing {
  url: URL;
  /** The host name or IP literal, without IPv6 brackets. */
  hostname: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

const headerName = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const badHeaderValue = /[\r\n\0]/;
const maxHeaders = 64;

/**
 * The `fetch` host function for one installation: only the declared origins, only public addresses,
 * connected to the address that was checked (a DNS answer that changes in between is never used),
 * redirects handed back rather than followed, each secret filled in here only for the origins it is
 * bound to, and scrubbed from the answer (header names, values and body).
 */
export function createHostFetch(
  options: HostFetchOptions,
): (request: HostFetchRequest) => Promise<HostFetchResponse> {
  const settings = resolveOptions(options);
  // Made on the first answer: most calls of a plugin fetch nothing.
  let scrub: ((text: string) => string) | undefined;
  return async (request) => {
    const outgoing = prepare(request, settings, options.secrets);
    const address = await pickAddress(outgoing.hostname, settings);
    const response = await send(outgoing, address, settings);
    scrub ??= createScrubber(options.secrets.values);
    return scrubResponse(scrub, response);
  };
}

type Settings = ReturnType<typeof resolveOptions>;

function resolveOptions(options: HostFetchOptions) {
  for (const name of ['maxResponseBytes', 'timeoutMs', 'maxRequestBytes'] as const) {
    const value = options[name];
    if (value !== undefined && !(Number.isInteger(value) && value > 0)) {
      throw new Error(`createHostFetch: ${name} must be a positive integer`);
    }
  }
  if (!Object.values(options.secrets.values).every((value) => typeof value === 'string')) {
    throw new Error('createHostFetch: secret values must be strings');
  }
  const routes = new Map<string, string>();
  for (const [from, to] of Object.entries(options.routes ?? {})) {
    if (!URL.canParse(to)) throw new Error(`createHostFetch: the route of ${from} is not a URL: ${to}`);
    routes.set(from, to.replace(/\/+$/, ''));
  }
  if (routes.size > 0 && options.allowPrivateNetworks !== true) {
    throw new Error('createHostFetch: routes are for development and tests, with private networks allowed');
  }
  const allowPrivateNetworks = options.allowPrivateNetworks === true;
  const origins = new Set(
    options.allowedOrigins.map((origin) => {
      const url = URL.canParse(origin) ? new URL(origin) : undefined;
      if (url === undefined || !['https:', 'http:'].includes(url.protocol) || url.pathname.length > 1) {
        throw new Error(`createHostFetch: ${origin} is not an http(s) origin`);
      }
      return url.origin;
    }),
  );
  return {
    origins,
    routes,
    allowPrivateNetworks,
    maxResponseBytes: options.maxResponseBytes,
    maxRequestBytes: options.maxRequestBytes ?? 1024 * 1024,
    timeoutMs: options.timeoutMs,
    resolve: options.resolve ?? defaultResolve,
  };
}

async function defaultResolve(hostname: string): Promise<string[]> {
  return (await lookup(hostname, { all: true })).map((entry) => entry.address);
}

/** Re-validates the plugin's request, fills in the secrets bound to its origin, and routes it. */
function prepare(request: HostFetchRequest, settings: Settings, secrets: BoundSecrets): Outgoing {
  const url =
    typeof request?.url === 'string' && URL.canParse(request.url) ? new URL(request.url) : undefined;
  if (url === undefined) throw invalid('fetch url must be an absolute URL');
  const protocols = settings.allowPrivateNetworks ? ['https:', 'http:'] : ['https:'];
  if (!protocols.includes(url.protocol)) throw invalid(`fetch url must use ${protocols.join(' or ')}`);
  if (url.username !== '' || url.password !== '')
    throw invalid('fetch url must not carry credentials; use secrets');
  if (!settings.origins.has(url.origin)) {
    throw new HostFunctionError(
      'http_origin_denied',
      `${url.origin} is not among the plugin's declared origins`,
    );
  }
  const method = typeof request.method === 'string' ? request.method.toUpperCase() : '';
  if (!fetchMethods.has(method)) throw invalid('fetch method is not allowed');

  const entries = Object.entries(request.headers ?? {});
  if (entries.length > maxHeaders) throw invalid(`fetch takes at most ${maxHeaders} headers`);
  const headers: Record<string, string> = {};
  for (const [name, value] of entries) {
    if (!headerName.test(name)) throw invalid('fetch header names must be HTTP tokens');
    const lower = name.toLowerCase();
    if (reservedHeaders.has(lower)) throw invalid(`the host sets the ${lower} header`);
    if (typeof value !== 'string') throw invalid('fetch header values must be strings');
    const filled = fillSecrets(value, secrets, url.origin);
    if (badHeaderValue.test(filled)) throw invalid(`the ${lower} header has an invalid value`);
    headers[lower] = filled;
  }
  headers['accept-encoding'] = 'identity';

  const target = routed(url, settings.routes);
  const outgoing: Outgoing = {
    url: target,
    hostname: target.hostname.replace(/^\[(.*)\]$/, '$1'),
    method,
    headers,
  };
  if (request.body !== undefined) {
    if (typeof request.body !== 'string') throw invalid('fetch body must be a string');
    if (method === 'GET' || method === 'HEAD') throw invalid(`a ${method} request has no body`);
    const body = fillSecrets(request.body, secrets, url.origin, bodySecretEncoding(headers));
    const bytes = Buffer.byteLength(body);
    if (bytes > settings.maxRequestBytes)
      throw invalid(`fetch body exceeds ${settings.maxRequestBytes} bytes`);
    headers['content-length'] = String(bytes);
    outgoing.body = body;
  }
  return outgoing;
}

function routed(url: URL, routes: Settings['routes']): URL {
  const target = routes.get(url.origin);
  return target === undefined ? url : new URL(`${target}${url.pathname}${url.search}`);
}

/** The address to connect to: every address the name resolves to must be one a plugin may reach. */
async function pickAddress(hostname: string, settings: Settings): Promise<string> {
  let addresses: string[];
  if (isIP(hostname) !== 0) addresses = [hostname];
  else {
    try {
      addresses = await settings.resolve(hostname);
    } catch {
      throw new HostFunctionError('network_error', `could not resolve ${hostname}`, true);
    }
  }
  const first = addresses[0];
  if (first === undefined || !addresses.every((address) => isIP(address) !== 0)) {
    throw new HostFunctionError('network_error', `could not resolve ${hostname}`, true);
  }
  if (!settings.allowPrivateNetworks && !addresses.every(isPublicAddress)) {
    throw new HostFunctionError(
      'address_not_allowed',
      `${hostname} is a loopback, private or link-local address, which plugins may not reach`,
    );
  }
  return first;
}

/** One exchange over a fresh connection to `address`; Host and TLS server name stay the URL's host. */
function send(outgoing: Outgoing, address: string, settings: Settings): Promise<HostFetchResponse> {
  const family = isIP(address);
  const pinned = ((_hostname, lookupOptions, callback) => {
    if (lookupOptions.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  }) as LookupFunction;
  const { url, hostname } = outgoing;
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (outcome: HostFetchResponse | HostFunctionError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (outcome instanceof HostFunctionError) {
        request.destroy();
        reject(outcome);
      } else resolve(outcome);
    };
    const tooLarge = () =>
      new HostFunctionError('response_too_large', `the response exceeds ${settings.maxResponseBytes} bytes`);
    const request = client.request({
      protocol: url.protocol,
      hostname,
      port: url.port === '' ? undefined : Number(url.port),
      path: `${url.pathname}${url.search}`,
      method: outgoing.method,
      headers: outgoing.headers,
      lookup: pinned,
      agent: false,
      ...(url.protocol === 'https:' && isIP(hostname) === 0 ? { servername: hostname } : {}),
    });
    const timer = setTimeout(
      () =>
        finish(
          new HostFunctionError('timeout', `no complete response within ${settings.timeoutMs} ms`, true),
        ),
      settings.timeoutMs,
    );
    request.on('response', (response) => {
      if (Number(response.headers['content-length']) > settings.maxResponseBytes) return finish(tooLarge());
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > settings.maxResponseBytes) finish(tooLarge());
        else chunks.push(chunk);
      });
      response.on('end', () =>
        finish({
          status: response.statusCode ?? 0,
          headers: flattenHeaders(response.headers),
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      response.on('close', () => finish(networkError(url, 'the connection closed early')));
    });
    request.on('error', (error: NodeJS.ErrnoException) => finish(networkError(url, error.code ?? 'failed')));
    request.on('close', () => finish(networkError(url, 'the connection closed early')));
    request.end(outgoing.body);
  });
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function networkError(url: URL, reason: string): HostFunctionError {
  return new HostFunctionError('network_error', `the request to ${url.origin} failed: ${reason}`, true);
}

function invalid(message: string): HostFunctionError {
  return new HostFunctionError('invalid_argument', message);
}
