import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createIdentityProvider,
  type IdentityOptions,
  type IdentityProvider,
} from '../provider/create-identity-provider.ts';

export interface IdentityServerOptions extends Omit<IdentityOptions, 'issuer'> {
  /** 0: any free port (tests). */
  port: number;
  host?: string;
  /** The public URL (the tokens' `iss`); by default where this server listens. */
  issuer?: string;
}

export interface IdentityServer {
  /** Where this server listens (the issuer may differ: the public URL, behind a proxy). */
  url: string;
  issuer: string;
  identity: IdentityProvider;
  close(): Promise<void>;
}

/**
 * The identity server on its own port (KREDO_IDENTITY_PORT, 3001 by default): the port first, so
 * that a server on a free port can be its own issuer, then the provider (schema, keys) behind it.
 */
export async function startIdentityServer(options: IdentityServerOptions): Promise<IdentityServer> {
  let identity: IdentityProvider | undefined;
  const inFlight = new Set<Promise<void>>();
  const server = createServer((req, res) => {
    if (!identity) return void res.writeHead(503, { 'retry-after': '1' }).end();
    // Counted until its work is done (even on a connection already cut), so close() ends the pool after.
    const done = identity.handle(req, res);
    inFlight.add(done);
    void done.then(() => inFlight.delete(done));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  const url = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  const issuer = options.issuer ?? url;
  try {
    identity = await createIdentityProvider({ ...options, issuer });
  } catch (error) {
    await stop(server);
    throw error;
  }
  const running = identity;
  return {
    url,
    issuer,
    identity: running,
    async close() {
      await stop(server);
      // A request whose connection was cut may still be running: it would find the pool ended.
      await settle(inFlight);
      await running.close();
    },
  };
}

async function stop(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** Waits for the requests still running, at most `limitMs` (a stuck one must not hold the shutdown). */
async function settle(inFlight: Set<Promise<void>>, limitMs = 5000): Promise<void> {
  if (inFlight.size === 0) return;
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, limitMs);
  });
  await Promise.race([Promise.all(inFlight), limit]);
  clearTimeout(timer);
}
