import {
  type BoundSecrets,
  bodySecretEncoding,
  createScrubber,
  fetchMethods,
  fillSecrets,
  type HostFetchRequest,
  HostFunctionError,
  reservedHeaders,
  scrubResponse,
} from '../sandbox/index.ts';

/** One request and the answer to give it instead of going to the network. */
export interface RecordedExchange {
  request: {
    method: string;
    /** The full URL the plugin asks for, at its manifest origin: `https://api.mollie.com/v2/payments`. */
    url: string;
    /** A text the request body (secrets filled in) must contain. */
    bodyIncludes?: string;
  };
  /** `body` may be a JSON value, sent as its JSON text. */
  response: { status: number; headers?: Record<string, string>; body?: unknown };
}

export interface TesterHttp {
  /** Routes a manifest origin to a local fake: `{ 'https://api.mollie.com': 'http://127.0.0.1:4567' }`. */
  origins?: Record<string, string>;
  /** Answers to matching requests, each used once in order (the last match answers again once all are used). */
  recorded?: RecordedExchange[];
}

/** An outgoing request as the network edge sent it, every secret value replaced by `[redacted]`. */
export interface TesterRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface TesterFetchOptions {
  manifestOrigins: readonly string[];
  http: TesterHttp;
  /** The values, and the manifest origins each secret is bound to. */
  secrets: BoundSecrets;
  /** Where sent requests are recorded. */
  requests: TesterRequest[];
}

/** Production defaults of core's pluginHttpTimeoutMs and pluginHttpMaxResponseBytes. */
const timeoutMs = 1500;
const maxResponseBytes = 192 * 1024;

/**
 * The fetch host function of the test kit: the network edge of production (declared origins only,
 * each secret filled in only for the origins it is bound to, judged on the origin the plugin asked
 * for before routing, and scrubbed from the answer), answering from recordings or from the test's
 * own fakes. The fakes' loopback targets are not SSRF-checked: they are the test's own.
 */
export function createTesterFetch(options: TesterFetchOptions) {
  const routes = new Map<string, string>();
  for (const [from, to] of Object.entries(options.http.origins ?? {})) {
    if (!options.manifestOrigins.includes(from)) {
      throw new Error(`http.origins: ${from} is not among the manifest's http.origins`);
    }
    if (!URL.canParse(to)) throw new Error(`http.origins["${from}"]: ${to} is not a URL`);
    routes.set(from, new URL(to).origin);
  }
  const reachable = new Set([...options.manifestOrigins, ...routes.values()]);
  const recorded = (options.http.recorded ?? []).map((exchange) => ({ exchange, used: false }));
  const scrub = createScrubber(options.secrets.values);

  return async (request: HostFetchRequest) => {
    const url = new URL(request.url);
    if (url.username !== '' || url.password !== '')
      throw invalid('fetch url must not carry credentials; use secrets');
    if (!reachable.has(url.origin)) {
      throw new HostFunctionError(
        'http_origin_denied',
        `${url.origin} is not among the plugin's declared origins`,
      );
    }
    const method = request.method.toUpperCase();
    if (!fetchMethods.has(method)) throw invalid('fetch method is not allowed');
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      const lower = name.toLowerCase();
      if (reservedHeaders.has(lower)) throw invalid(`the host sets the ${lower} header`);
      headers[lower] = fillSecrets(value, options.secrets, url.origin);
    }
    let body: string | undefined;
    if (request.body !== undefined) {
      if (method === 'GET' || method === 'HEAD') throw invalid(`a ${method} request has no body`);
      body = fillSecrets(request.body, options.secrets, url.origin, bodySecretEncoding(headers));
    }
    options.requests.push({
      method,
      url: url.href,
      headers: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, scrub(value)])),
      ...(body === undefined ? {} : { body: scrub(body) }),
    });

    let answer = pickRecording(recorded, method, url.href, body);
    if (answer === undefined) {
      // With recordings, an unrouted manifest origin is never reached for real: the test says what it answers.
      if (recorded.length > 0 && !routes.has(url.origin) && options.manifestOrigins.includes(url.origin)) {
        throw new HostFunctionError('no_recording', `no recorded exchange matches ${method} ${url.href}`);
      }
      answer = await send(routedUrl(url, routes), method, headers, body);
    }
    return scrubResponse(scrub, answer);
  };
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function pickRecording(
  recorded: { exchange: RecordedExchange; used: boolean }[],
  method: string,
  url: string,
  body: string | undefined,
): Answer | undefined {
  const matches = recorded.filter(({ exchange: { request } }) => {
    if (request.method.toUpperCase() !== method) return false;
    if (!URL.canParse(request.url) || new URL(request.url).href !== url) return false;
    return request.bodyIncludes === undefined || (body ?? '').includes(request.bodyIncludes);
  });
  const match = matches.find((candidate) => !candidate.used) ?? matches.at(-1);
  if (match === undefined) return undefined;
  match.used = true;
  const { response } = match.exchange;
  return {
    status: response.status,
    headers: Object.fromEntries(
      Object.entries(response.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
    ),
    body:
      response.body === undefined
        ? ''
        : typeof response.body === 'string'
          ? response.body
          : JSON.stringify(response.body),
  };
}

function routedUrl(url: URL, routes: ReadonlyMap<string, string>): URL {
  const target = routes.get(url.origin);
  return target === undefined ? url : new URL(`${url.pathname}${url.search}`, target);
}

/** One exchange over the network (to a routed fake, or the real origin), redirects handed back. */
async function send(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: string | undefined,
): Promise<Answer> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: { ...headers, 'accept-encoding': 'identity' },
      ...(body === undefined ? {} : { body }),
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const timedOut = (error as { name?: unknown }).name === 'TimeoutError';
    throw timedOut
      ? new HostFunctionError('timeout', `no complete response within ${timeoutMs} ms`, true)
      : new HostFunctionError('network_error', `the request to ${url.origin} failed`, true);
  }
  const text = await response.text();
  if (Buffer.byteLength(text) > maxResponseBytes) {
    throw new HostFunctionError('response_too_large', `the response exceeds ${maxResponseBytes} bytes`);
  }
  return { status: response.status, headers: Object.fromEntries(response.headers), body: text };
}

function invalid(message: string): HostFunctionError {
  return new HostFunctionError('invalid_argument', message);
}
