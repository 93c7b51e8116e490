import type { SandboxLimits } from './sandbox-limits.ts';
import { sandboxFailure } from './sandbox-result.ts';
import { storageKeyProblem } from './storage-key.ts';

export type PluginLogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface HostFetchRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

/**
 * The host functions a sandbox's plugin reaches through its `ctx`, provided by the embedding code
 * already bound to tenant, installation and granted scopes. They receive validated copies and
 * answer with JSON values; a thrown error reaches the plugin as `host_error` (or as its own `code`).
 */
export interface SandboxHost {
  log(level: PluginLogLevel, message: string): Promise<void>;
  storageGet(key: string): Promise<unknown>;
  /** `null` deletes the key. */
  storageSet(key: string, value: unknown): Promise<void>;
  /** Keys starting with `prefix`, sorted, at most `maxStorageListKeys`. */
  storageList(prefix: string): Promise<string[]>;
  fetch(request: HostFetchRequest): Promise<unknown>;
  /** A `ctx.core` read; the embedder checks the scopes the tenant granted and answers `scope_denied`. */
  coreRead(operation: CoreReadOperation, id: string): Promise<unknown>;
}

/** The reads `ctx.core` offers: one record by id, or a debtor's open invoices. */
export type CoreReadOperation = 'getDebtor' | 'getInvoice' | 'listOpenInvoices';

export const maxStorageListKeys = 1000;

/** What a plugin's rejected `ctx` promise carries: the host's code, or the bridge's own. */
export interface HostCallError {
  code: string;
  message: string;
  retryable: boolean;
}

/** A host call the bridge accepted: the plugin's arguments, validated, ready to run. */
export interface HostOperation {
  /** Whether it counts against `maxOutboundRequestsPerCall`. */
  outbound: boolean;
  run(host: SandboxHost): Promise<unknown>;
}

const logLevels = new Set(['debug', 'info', 'warn', 'error']);
const methods = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);
const maxLogChars = 8 * 1024;

type Parse = (args: unknown[]) => HostOperation | string;

/** Each `ctx` function by bridge name: checks the copied arguments, answers a message if they are bad. */
const operations: Record<string, Parse> = {
  log: ([level, message]) => {
    if (typeof level !== 'string' || !logLevels.has(level))
      return 'log level must be debug, info, warn or error';
    if (typeof message !== 'string') return 'log message must be a string';
    const text = message.slice(0, maxLogChars);
    return { outbound: false, run: (host) => host.log(level as PluginLogLevel, text) };
  },
  'storage.get': ([key]) => {
    const bad = storageKeyProblem(key, 'key');
    if (bad) return bad;
    return { outbound: false, run: (host) => host.storageGet(key as string) };
  },
  'storage.set': ([key, value]) => {
    const bad = storageKeyProblem(key, 'key');
    if (bad) return bad;
    if (value === undefined) return 'storage value must be JSON';
    return { outbound: false, run: (host) => host.storageSet(key as string, value) };
  },
  'storage.delete': ([key]) => {
    const bad = storageKeyProblem(key, 'key');
    if (bad) return bad;
    return { outbound: false, run: (host) => host.storageSet(key as string, null) };
  },
  'storage.list': ([prefix = '']) => {
    const bad = storageKeyProblem(prefix, 'prefix');
    if (bad) return bad;
    return { outbound: false, run: (host) => host.storageList(prefix as string) };
  },
  'core.getDebtor': coreRead('getDebtor'),
  'core.getInvoice': coreRead('getInvoice'),
  'core.listOpenInvoices': coreRead('listOpenInvoices'),
  'http.fetch': ([request]) => {
    const parsed = parseFetchRequest(request);
    if (typeof parsed === 'string') return parsed;
    return { outbound: true, run: (host) => host.fetch(parsed) };
  },
};

/** Turns one bridge call from the isolate into a host operation, or the error the plugin gets. */
export function parseHostCall(
  op: unknown,
  argsJson: unknown,
  limits: SandboxLimits,
): HostOperation | HostCallError {
  const parse = typeof op === 'string' && Object.hasOwn(operations, op) ? operations[op] : undefined;
  if (parse === undefined || typeof argsJson !== 'string') return invalid('unknown host function');
  if (Buffer.byteLength(argsJson) > limits.maxPayloadBytes) {
    return sandboxFailure('payload_too_large', `arguments to ${op} exceed ${limits.maxPayloadBytes} bytes`)
      .error;
  }
  const args = parseJson(argsJson);
  if (!Array.isArray(args)) return invalid('arguments must be a list');
  const parsed = parse(args);
  return typeof parsed === 'string' ? invalid(parsed) : parsed;
}

/** Runs a host operation and encodes its outcome as the JSON the isolate's `deliver` expects. */
export async function runHostOperation(
  operation: HostOperation,
  host: SandboxHost,
  limits: SandboxLimits,
): Promise<string> {
  let value: unknown;
  try {
    value = await operation.run(host);
  } catch (thrown) {
    return JSON.stringify({ ok: false, error: hostErrorOf(thrown) });
  }
  let text: string | undefined;
  try {
    text = JSON.stringify({ ok: true, value });
  } catch {
    text = undefined;
  }
  if (text === undefined)
    return JSON.stringify({ ok: false, error: sandboxFailure('host_error', 'bad host answer').error });
  if (Buffer.byteLength(text) > limits.maxPayloadBytes) {
    return JSON.stringify({
      ok: false,
      error: sandboxFailure('host_error', 'the host answer is too large').error,
    });
  }
  return text;
}

/**
 * Host error codes are lower-case snake_case (`HostFunctionError`'s: `storage_quota`, `not_found`).
 * A PostgreSQL SQLSTATE (`22021`, `23505`) or Node's `ECONNRESET` and `ERR_*` come from the host's
 * machinery: they, and their messages, would tell the plugin about the host's internals.
 */
const hostErrorCode = /^[a-z][a-z0-9_]{0,63}$/;

/**
 * A host failure as the plugin sees it: typed errors keep their code and message, anything else
 * (a database or network library's error) is `host_error` with a vague message. An Error rather than
 * a HostFunctionError passes when its code has the same form: the pool's worker rebuilds the errors
 * core's host already vetted as plain Errors (core/src/plugin-host/pool-worker.ts).
 */
function hostErrorOf(thrown: unknown): HostCallError {
  const { code, retryable } = (thrown ?? {}) as { code?: unknown; retryable?: unknown };
  if (thrown instanceof Error && typeof code === 'string' && hostErrorCode.test(code)) {
    return { code, message: thrown.message, retryable: retryable === true };
  }
  return sandboxFailure('host_error', 'the host function failed').error;
}

function coreRead(operation: CoreReadOperation): Parse {
  return ([id]) => {
    if (typeof id !== 'string' || !/^[a-z]{2,4}_[0-9a-z]{1,40}$/.test(id))
      return `${operation} takes a Kredo id`;
    return { outbound: false, run: (host) => host.coreRead(operation, id) };
  };
}

function parseFetchRequest(request: unknown): HostFetchRequest | string {
  if (request === null || typeof request !== 'object' || Array.isArray(request))
    return 'fetch takes { url, … }';
  const { url, method = 'GET', headers = {}, body } = request as Record<string, unknown>;
  if (typeof url !== 'string' || !URL.canParse(url)) return 'fetch url must be an absolute URL';
  const protocol = new URL(url).protocol;
  if (protocol !== 'https:' && protocol !== 'http:') return 'fetch url must be http or https';
  if (typeof method !== 'string' || !methods.has(method.toUpperCase())) return 'fetch method is not allowed';
  if (headers === null || typeof headers !== 'object' || Array.isArray(headers))
    return 'fetch headers must be an object';
  const headerEntries = Object.entries(headers);
  if (!headerEntries.every(([, value]) => typeof value === 'string'))
    return 'fetch header values must be strings';
  if (body !== undefined && typeof body !== 'string') return 'fetch body must be a string';
  const parsed: HostFetchRequest = {
    url,
    method: method.toUpperCase(),
    headers: Object.fromEntries(headerEntries),
  };
  if (body !== undefined) parsed.body = body;
  return parsed;
}

function invalid(message: string): HostCallError {
  return { code: 'invalid_argument', message, retryable: false };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
