import type { HttpRequest, JsonValue, PluginContext } from './context.ts';
import type { DebtorRecord, InvoiceRecord } from './records.ts';
import { fail, ok, type Result } from './result.ts';

/** The context the Kredo sandbox hands a hook: plain functions that resolve or throw `{ code }` errors. */
export interface SandboxContext {
  log(level: string, message: string): Promise<void> | void;
  storage: {
    get(key: string): Promise<unknown>;
    set(key: string, value: unknown): Promise<void>;
    delete?(key: string): Promise<void>;
    list?(prefix?: string): Promise<string[]>;
  };
  http: {
    fetch(request: {
      url: string;
      method?: string;
      headers?: Record<string, string>;
      body?: string;
    }): Promise<{
      status: number;
      headers: Record<string, string>;
      body: string;
    }>;
  };
  config?: Readonly<Record<string, string | number | boolean>>;
  core?: {
    getDebtor(id: string): Promise<unknown>;
    getInvoice(id: string): Promise<unknown>;
    listOpenInvoices(debtorId: string): Promise<unknown>;
  };
}

/**
 * Presents the sandbox's context as the SDK's `PluginContext`: every call resolves to a `Result`, so
 * a plugin handles failures as data (STYLE rule 6) and can return a failed fetch as it is. `kredo-plugin
 * build` wraps each hook with it, so plugin code only ever sees `PluginContext`.
 */
export function adaptContext(sandbox: SandboxContext): PluginContext {
  const log = (level: string) => (message: string, fields?: Record<string, JsonValue>) => {
    void sandbox.log(level, fields ? `${message} ${JSON.stringify(fields)}` : message);
  };
  return {
    http: {
      fetch: (url: string, request: HttpRequest = {}) =>
        attempt(() => sandbox.http.fetch({ url, ...request })),
    },
    storage: {
      get: (key) =>
        attempt(async () => ((await sandbox.storage.get(key)) ?? undefined) as JsonValue | undefined),
      set: (key, value) => attempt(() => sandbox.storage.set(key, value)),
      delete: (key) => attempt(() => (sandbox.storage.delete ?? ((k) => sandbox.storage.set(k, null)))(key)),
      list: (prefix) => {
        const list = sandbox.storage.list;
        if (!list) return Promise.resolve(notSupported('storage.list'));
        return attempt(() => list(prefix));
      },
    },
    log: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
    config: sandbox.config ?? Object.freeze({}),
    core: {
      getDebtor: (id) => coreRead(sandbox, 'getDebtor', id) as Promise<Result<DebtorRecord>>,
      getInvoice: (id) => coreRead(sandbox, 'getInvoice', id) as Promise<Result<InvoiceRecord>>,
      listOpenInvoices: (debtorId) =>
        coreRead(sandbox, 'listOpenInvoices', debtorId) as Promise<Result<InvoiceRecord[]>>,
    },
  };
}

/** Core's answers are its own records; the host validated what it read, so they pass through as they are. */
async function coreRead(
  sandbox: SandboxContext,
  operation: keyof NonNullable<SandboxContext['core']>,
  id: string,
): Promise<Result<unknown>> {
  const core = sandbox.core;
  if (!core) return notSupported(`core.${operation}`);
  return attempt(() => core[operation](id));
}

function notSupported(what: string): Result<never> {
  return fail('not_supported', `${what} is not available in this Kredo version`);
}

async function attempt<T>(call: () => Promise<T>): Promise<Result<T>> {
  try {
    return ok(await call());
  } catch (error) {
    const e = (error ?? {}) as { code?: unknown; message?: unknown; retryable?: unknown };
    return fail(typeof e.code === 'string' ? e.code : 'host_error', String(e.message ?? error), {
      retryable: e.retryable === true,
    });
  }
}
