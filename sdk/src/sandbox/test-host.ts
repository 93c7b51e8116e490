import type { HostFetchRequest, PluginLogLevel, SandboxHost } from './host-bridge.ts';

/** An in-memory host for sandbox tests: records what the plugin did. */
export function createTestHost(overrides: Partial<SandboxHost> = {}) {
  const logs: { level: PluginLogLevel; message: string }[] = [];
  const storage = new Map<string, unknown>();
  const fetches: HostFetchRequest[] = [];
  const host: SandboxHost = {
    log: async (level, message) => {
      logs.push({ level, message });
    },
    storageGet: async (key) => storage.get(key) ?? null,
    storageSet: async (key, value) => {
      if (value === null) storage.delete(key);
      else storage.set(key, value);
    },
    storageList: async (prefix) => [...storage.keys()].filter((key) => key.startsWith(prefix)).sort(),
    coreRead: async (operation) => {
      throw Object.assign(new Error(`${operation} is not available in this test host`), {
        code: 'scope_denied',
        retryable: false,
      });
    },
    fetch: async (request) => {
      fetches.push(request);
      return { status: 200, body: '{}' };
    },
    ...overrides,
  };
  return { host, logs, storage, fetches };
}

/** A bundle in the sandbox's format, from hook functions written in the test file. */
export function bundleOf(hooks: Record<string, (...args: never[]) => unknown>): string {
  const entries = Object.entries(hooks).map(([name, hook]) => `${JSON.stringify(name)}: ${hook.toString()}`);
  return `globalThis.__kredo = { hooks: { ${entries.join(',\n')} } };`;
}
