import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REDIRECT_URI } from '@kredo/identity/testing';
import { afterAll } from 'vitest';
import { identityTokenVerifier } from '../auth/identity-token.ts';
import { loadConfig } from '../config/load-config.ts';
import { createTestDatabase } from '../db/test-database.ts';
import { freePort } from '../shared/free-port.ts';
import { kredoLogger } from '../shared/kredo-logger.ts';
import { apiResource, startKredoIdentity } from './identity.ts';
import { createTestApi } from './test-api.ts';

/**
 * Kredo's identity server as `kredo start` runs it (on a free port, its own issuer, the console's
 * redirect URI the test driver's) and the API taking its tokens, on a database of the file's own:
 * for tests that sign people in through the real pages and call core with their tokens (`listen`:
 * on a loopback port too, for callers in other processes).
 */
export async function createTestIdentityApi(options: { listen?: boolean } = {}) {
  const { url } = await createTestDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'kredo-identity-api-'));
  const port = await freePort();
  const config = loadConfig(
    {},
    {
      identityPort: port,
      identityPublicUrl: `http://127.0.0.1:${port}`,
      publicUrl: 'http://127.0.0.1:3000',
      consoleRedirectUris: [REDIRECT_URI],
      dataDir,
    },
  );
  const identity = await startKredoIdentity(config, url, kredoLogger('silent'));
  afterAll(async () => {
    await identity.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  const api = await createTestApi({
    ...options,
    identity: identityTokenVerifier({ issuer: identity.issuer, audience: apiResource(config) }),
  });
  return { ...api, identity, config };
}
