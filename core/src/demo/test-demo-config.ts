import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../config/load-config.ts';
import { freePort } from '../shared/free-port.ts';

/**
 * A demo's configuration for a test: the app on a port known in advance (Mollie's fake calls the
 * webhook at the public URL), the identity server beside it, a fresh data directory, no job worker.
 */
export async function demoTestConfig(databaseUrl: string) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const identityPort = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kredo-demo-data-'));
  const config = loadConfig(
    {},
    {
      databaseUrl,
      port,
      publicUrl: url,
      identityPort,
      identityPublicUrl: `http://127.0.0.1:${identityPort}`,
      dataDir,
      dbPoolMax: 4,
      pluginWorkers: 1,
      worker: false,
    },
  );
  return { config, url, dataDir };
}
