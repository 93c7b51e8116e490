import type { DebtorRecord, InvoiceRecord } from './records.ts';
import type { Result } from './result.ts';

/** A value that survives the copy across the sandbox boundary. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface HttpRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /**
   * Header values and `body` may contain `{{secrets.name}}` placeholders, where `name` is the key of
   * a `secret: true` config field. The host fills them in at the network edge, after the request has
   * left the plugin, so plugin code never holds a secret's value. Example:
   * `headers: { authorization: 'Bearer {{secrets.apiKey}}' }`.
   */
  headers?: Record<string, string>;
  body?: string;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface PluginHttp {
  /**
   * Outbound HTTPS, only to an origin the manifest declares in `http.origins`. Another origin,
   * a redirect off the list, or an address that resolves to loopback, private or metadata ranges
   * ends in `{ ok: false, error: { code: 'http_origin_denied' } }`.
   */
  fetch(url: string, request?: HttpRequest): Promise<Result<HttpResponse>>;
}

/** Key-value storage per tenant and plugin, size-limited by the host; purged on uninstall. */
export interface PluginStorage {
  get(key: string): Promise<Result<JsonValue | undefined>>;
  set(key: string, value: JsonValue): Promise<Result<void>>;
  delete(key: string): Promise<Result<void>>;
  /** Keys starting with `prefix` (all keys without it), in lexicographic order. */
  list(prefix?: string): Promise<Result<string[]>>;
}

/** Lines go to the installation's log the tenant can read; never log personal data you don't need. */
export interface PluginLog {
  debug(message: string, fields?: Record<string, JsonValue>): void;
  info(message: string, fields?: Record<string, JsonValue>): void;
  warn(message: string, fields?: Record<string, JsonValue>): void;
  error(message: string, fields?: Record<string, JsonValue>): void;
}

/** Reads of core's records, each limited to the scopes the tenant granted (`scope_denied` otherwise). */
export interface PluginCore {
  /** Needs `debtors:read`. */
  getDebtor(id: string): Promise<Result<DebtorRecord>>;
  /** Needs `invoices:read`. */
  getInvoice(id: string): Promise<Result<InvoiceRecord>>;
  /** Needs `invoices:read`. */
  listOpenInvoices(debtorId: string): Promise<Result<InvoiceRecord[]>>;
}

/** Everything a plugin may touch; there is nothing else (no `process`, `require` or network). */
export interface PluginContext {
  http: PluginHttp;
  storage: PluginStorage;
  log: PluginLog;
  /** The installation's non-secret settings, by config field key. Secrets are never here. */
  config: Readonly<Record<string, string | number | boolean>>;
  core: PluginCore;
}
