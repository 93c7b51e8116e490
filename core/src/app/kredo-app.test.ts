import { createHmac } from 'node:crypto';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestIssuer } from '../auth/test-issuer.ts';
import { type Config, ConfigError, loadConfig } from '../config/load-config.ts';
import { createTestDatabase } from '../db/test-database.ts';
import { DEMO_TENANT_ID, seedDemo } from '../demo/seed-demo.ts';
import { startKredo } from './kredo-app.ts';

const db = await createTestDatabase();
// The identity server's stand-in, where KREDO_IDENTITY_ISSUER points as `kredo start` points it at its own.
const audience = 'https://kredo.example/api/v1';
const issuer = await startTestIssuer({ audience });
afterAll(() => issuer.stop());

function capturedLogger() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, sink), lines };
}

async function start(more: Partial<Config> = {}) {
  const { logger, lines } = capturedLogger();
  const config = loadConfig(
    {},
    {
      databaseUrl: db.url,
      port: 0,
      dbPoolMax: 2,
      identityIssuer: issuer.issuer,
      apiResource: audience,
      publicUrl: 'https://kredo.example',
      ...more,
    },
  );
  const app = await startKredo(config, logger);
  const url = `http://127.0.0.1:${app.server.info.port}`;
  return { app, url, lines };
}

/** A token of the shape development tokens had (HS256 with a shared secret): refused now. */
function hs256Token(claims: object): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const nowSeconds = Math.floor(Date.now() / 1000);
  const input = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ sub: 'u', scope: 'ledger:read', exp: nowSeconds + 600, ...claims })}`;
  return `${input}.${createHmac('sha256', 'app-test-secret-that-is-long-enough-0123').update(input).digest('base64url')}`;
}

describe('Kredo started as the CLI starts it', () => {
  it('serves the demo tenant over real HTTP and logs requests without their token', async () => {
    const { app, url, lines } = await start();
    try {
      expect(await seedDemo(app.orm)).toBe(true);
      expect(await seedDemo(app.orm)).toBe(false);
      const token = await issuer.accessToken({
        subject: 'u',
        tenantId: DEMO_TENANT_ID,
        scopes: ['ledger:read'],
      });
      const res = await fetch(`${url}/api/v1/debtors?limit=5`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { data: unknown[]; nextCursor: string };
      expect(body.data).toHaveLength(5);
      expect(body.nextCursor).toBeTruthy();
      expect((await fetch(`${url}/health`)).status).toBe(200);

      const requestLines = lines.filter((l) => l.includes('"route":"/api/v1/debtors"'));
      expect(requestLines).toHaveLength(1);
      expect(JSON.parse(requestLines[0] as string)).toMatchObject({
        tenant: DEMO_TENANT_ID,
        method: 'GET',
        status: 200,
      });
      expect(lines.join('')).not.toContain(token);
      expect(lines.join('')).not.toContain(token.split('.')[2] as string);
    } finally {
      await app.stop();
    }
  });

  it('takes the identity server’s tokens at KREDO_IDENTITY_ISSUER, and no HS256 token whatever its secret', async () => {
    const { app, url, lines } = await start();
    try {
      const call = async (token: string) =>
        (await fetch(`${url}/api/v1/debtors`, { headers: { authorization: `Bearer ${token}` } })).status;
      expect(await call(hs256Token({ iss: issuer.issuer, aud: audience, tenant: DEMO_TENANT_ID }))).toBe(401);
      expect(
        await call(await issuer.sign({ tenant: DEMO_TENANT_ID, roles: ['viewer'], scope: 'ledger:read' })),
      ).toBe(200);
      expect(
        await call(await issuer.sign({ tenant: DEMO_TENANT_ID, roles: ['partner'], scope: 'ledger:read' })),
      ).toBe(403);
      const wrongAudience = await issuer.sign({
        tenant: DEMO_TENANT_ID,
        scope: 'ledger:read',
        aud: 'kredo-api',
      });
      const res = await fetch(`${url}/api/v1/debtors`, {
        headers: { authorization: `Bearer ${wrongAudience}` },
      });
      expect(res.status).toBe(401);
      // The client learns only that the token is invalid; the log says why.
      expect(await res.json()).toMatchObject({ message: 'invalid token' });
      const refused = lines.map((l) => JSON.parse(l)).filter((l) => l.status === 401);
      expect(refused.map((l) => l.tokenRefusal)).toEqual([
        'algorithm not allowed',
        expect.stringMatching(/claim aud/),
      ]);
    } finally {
      await app.stop();
    }
  });

  it('refuses to start in production mode with no way to sign in', async () => {
    const config = loadConfig({}, { databaseUrl: db.url, port: 0 });
    expect(config.mode).toBe('production');
    await expect(startKredo(config)).rejects.toThrow(ConfigError);
    await expect(startKredo(config)).rejects.toThrow(/KREDO_IDENTITY_ISSUER: must be set in production mode/);
  });

  it('hides internal errors from clients', async () => {
    const { app, url, lines } = await start();
    try {
      app.server.route({
        method: 'GET',
        path: '/boom',
        options: { auth: false },
        handler: () => {
          throw new Error('secret internals');
        },
      });
      const res = await fetch(`${url}/boom`);
      expect(res.status).toBe(500);
      expect(await res.text()).not.toContain('secret internals');
      expect(lines.join('')).toContain('secret internals');
    } finally {
      await app.stop();
    }
  });
});
