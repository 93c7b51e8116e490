import { createServer } from 'node:net';

/**
 * A loopback port free a moment ago, for tests that must know a server's URL before it starts (an
 * identity server that is its own issuer, an app a fake calls back). Another process may take it in
 * between; on a test machine that is rare enough.
 */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
