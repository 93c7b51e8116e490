import type { HttpRequest, JsonValue, PluginContext } from './context.ts';
import { fail, ok, type Result } from './result.ts';

/** The context the Kredo sandbox hands a hook: plain functions that resolve or throw `{ code }` errors. */
export interface SandboxContext {
  log(level: string, message: string): Promise<void> | void;
  storage: { get(key: string): Promise<unknown>; set(key: string, value: unknown): Promise<void> };
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
  config?: Record<string, string | number | boolean>;
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
      delete: (key) => attempt(() => sandbox.storage.set(key, null)),
      list: async () => fail('not_supported', 'storage.list is not available in this Kredo version'),
    },
    log: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
    config: Object.freeze({ ...(sandbox.config ?? {}) }),
    core: {
      getDebtor: async () => fail('not_supported', 'core reads are not available in this Kredo version'),
      getInvoice: async () => fail('not_supported', 'core reads are not available in this Kredo version'),
      listOpenInvoices: async () =>
        fail('not_supported', 'core reads are not available in this Kredo version'),
    },
  };
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
