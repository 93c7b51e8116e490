import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createIdentityProvider,
  type IdentityOptions,
  type IdentityProvider,
} from '../provider/create-identity-provider.ts';

export interface IdentityServerOptions extends IdentityOptions {
  /** 0: any free port (tests). */
  port: number;
  host?: string;
}

export interface IdentityServer {
  /** Where this server listens (not the issuer, which is the public URL). */
  url: string;
  identity: IdentityProvider;
  close(): Promise<void>;
}

/** The identity server on its own port (KREDO_IDENTITY_PORT, 3001 by default). */
export async function startIdentityServer(options: IdentityServerOptions): Promise<IdentityServer> {
  const identity = await createIdentityProvider(options);
  const server = createServer((req, res) => identity.handle(req, res));
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
    });
  } catch (error) {
    await identity.close();
    throw error;
  }
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}`,
    identity,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await identity.close();
    },
  };
}
