import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPortal } from '@kredo/portal/build';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import type { Orm } from '../db/orm.ts';
import { createServer } from '../http/server.ts';
import { portalScriptRoutes } from './portal-script-routes.ts';

// The script routes read files only: a server without a database, over a real build of the widget
// in a folder of this test's own (the browser test builds into portal/dist; they must not race).
const dist = await mkdtemp(join(tmpdir(), 'kredo-portal-dist-'));
const empty = await mkdtemp(join(tmpdir(), 'kredo-portal-none-'));
const built = await buildPortal(dist);

async function serverOver(folder: string) {
  const server = await createServer({
    orm: undefined as unknown as Orm,
    logger: pino({ level: 'silent' }),
    verifier: undefined,
    routes: portalScriptRoutes(folder),
    checkAnswers: true,
  });
  await server.initialize();
  return server;
}
const server = await serverOver(dist);
const unbuilt = await serverOver(empty);
afterAll(async () => {
  await Promise.all([server.stop(), unbuilt.stop()]);
  await Promise.all([rm(dist, { recursive: true }), rm(empty, { recursive: true })]);
});

describe('the widget’s script', () => {
  it('is served under its plain name with a short cache, to any origin, without a token', async () => {
    const res = await server.inject({
      url: '/portal/kredo-portal.js',
      headers: { origin: 'https://shop.example' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.rawPayload).toEqual(await readFile(join(dist, 'kredo-portal.js')));
  });

  it('is served under its content hash for a year; another name is not found', async () => {
    const res = await server.inject(`/portal/${built.script}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.rawPayload.byteLength).toBe(built.bytes);

    for (const name of ['kredo-portal.0000000000.js', 'manifest.json', '..%2Fpackage.json']) {
      const other = await server.inject(`/portal/${name}`);
      expect(other.statusCode, name).toBe(404);
      expect(JSON.parse(other.payload), name).toMatchObject({ code: 'portal_script_not_found' });
    }
  });

  it('says to build the portal when there is no build', async () => {
    for (const url of ['/portal/kredo-portal.js', `/portal/${built.script}`]) {
      const res = await unbuilt.inject(url);
      expect(res.statusCode).toBe(404);
      const body = JSON.parse(res.payload);
      expect(body.code).toBe('portal_not_built');
      expect(body.message).toContain('pnpm --filter @kredo/portal run build');
    }
  });
});
