import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  addMembership,
  addPartnerMembership,
  createAccount,
  enrolTotp,
  newTotpSecret,
} from '@kredo/identity';
import { Browser, startSignIn, submit, totpAt } from '@kredo/identity/testing';
import { exportJWK, generateKeyPair } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { identityMasterKey } from '../app/identity.ts';
import { createTestIdentityApi } from '../app/test-identity-api.ts';
import { signVersion } from './sign-version.ts';

// `kredo-plugin login` and `publish` as a partner runs them, as processes: the CLI prints the
// authorization URL, a browser (here the test's, through the real pages) signs in with password and
// TOTP, the identity server redirects to the CLI's loopback port, the CLI saves the publisher's token,
// and `publish` uploads a signed version with it to core's marketplace over HTTP.

const { server, identity, config } = await createTestIdentityApi({ listen: true });
const work = await mkdtemp(join(tmpdir(), 'kredo-plugin-login-'));
afterAll(() => rm(work, { recursive: true, force: true }));
const BIN = fileURLToPath(new URL('../../../sdk/bin/kredo-plugin.js', import.meta.url));
const PASSWORD = 'a long and unusual phrase';
const env = { ...process.env, KREDO_PLUGIN_TOKEN_FILE: join(work, 'config', 'token.json') };

/** A person with TOTP enrolled, a partner of `publisher` or a tenant's admin. */
async function person(membership: { publisher: string } | { tenant: string }) {
  const db = identity.identity.pool;
  const email = `cli.${Date.now()}.${Math.random().toString(36).slice(2)}@example.com`;
  const account = await createAccount(db, { email, name: 'CLI user', language: 'en', password: PASSWORD });
  if ('publisher' in membership)
    await addPartnerMembership(db, {
      accountId: account.id,
      publisherId: membership.publisher,
      publisherName: 'CLI B.V.',
    });
  else await addMembership(db, { accountId: account.id, tenantId: membership.tenant, roles: ['admin'] });
  const secret = newTotpSecret();
  await enrolTotp(db, await identityMasterKey(config), account.id, secret);
  return { email, secret };
}

/** Runs the CLI; resolves with its exit code and output. `onOutput` sees stdout as it comes. */
function cli(args: string[], cwd: string, onOutput: (text: string) => void = () => {}) {
  const child: ChildProcess = spawn(process.execPath, [BIN, ...args], { cwd, env });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
    onOutput(stdout);
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
}

/** `kredo-plugin login`, the person signing in through the pages in a browser of the test's. */
async function login(who: { email: string; secret: string }) {
  let opened: (url: string) => void = () => {};
  const url = new Promise<string>((resolve) => {
    opened = resolve;
  });
  const done = cli(['login', '--issuer', identity.issuer], work, (out) => {
    const found = /(http:\/\/\S+\/auth\?\S+)/.exec(out)?.[1];
    if (found) opened(found);
  });
  const browser = new Browser();
  let step = await startSignIn(browser, await url);
  step = await submit(browser, step.url, step.body, 'email', { email: who.email });
  step = await submit(browser, step.url, step.body, 'password', { password: PASSWORD });
  step = await submit(browser, step.url, step.body, 'second_factor', { code: await totpAt(who.secret) });
  return { page: step, ...(await done) };
}

describe('kredo-plugin login and publish', () => {
  it("signs a partner in through the browser, saves the publisher's token, and publishes with it", async () => {
    const signedIn = await login(await person({ publisher: 'com.cli' }));
    expect(signedIn.page.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback\?code=/);
    expect(signedIn.page.body).toContain('You are signed in as a partner of com.cli');
    expect(signedIn.code, signedIn.stderr).toBe(0);
    expect(signedIn.stdout).toContain('Signed in for publisher com.cli until');
    const saved = JSON.parse(await readFile(env.KREDO_PLUGIN_TOKEN_FILE, 'utf8'));
    expect(saved).toMatchObject({ issuer: `${identity.issuer}/`, publisher: 'com.cli' });

    // The publisher's key, registered with the saved token (docs/plugins/cli.md step 4).
    const keys = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const registered = await server.inject({
      method: 'POST',
      url: '/api/v1/marketplace/publishers/com.cli/keys',
      headers: { authorization: `Bearer ${saved.accessToken}` },
      payload: { publisherName: 'CLI B.V.', publicKey: await exportJWK(keys.publicKey) },
    });
    expect(registered.statusCode).toBe(201);

    // A built, signed project; publish finds the token where login saved it.
    const manifest = {
      id: 'com.cli.ping',
      name: 'Ping',
      version: '1.0.0',
      publisher: { id: 'com.cli', name: 'CLI B.V.' },
      requirements: { core: '^0.1.0' },
      webhooks: [{ name: 'ping' }],
      scopes: [],
    };
    const bundle = `globalThis.__kredo = { hooks: { 'webhook:ping': () => 'pong' }, manifest: ${JSON.stringify(manifest)} };\n`;
    const project = join(work, 'ping');
    await mkdir(join(project, 'dist'), { recursive: true });
    await writeFile(join(project, 'manifest.json'), JSON.stringify(manifest));
    await writeFile(join(project, 'dist/plugin.js'), bundle);
    await writeFile(
      join(project, 'signature.jws'),
      await signVersion(keys.privateKey, manifest, Buffer.from(bundle)),
    );
    const published = await cli(['publish', '--url', `${server.info.uri}/api/v1`], project);
    expect(published.code, published.stderr).toBe(0);
    expect(JSON.parse(published.stdout)).toMatchObject({ pluginId: 'com.cli.ping', version: '1.0.0' });
  });

  it("refuses a tenant's staff: their sign-in gives no publisher", async () => {
    const tenantAdmin = await login(await person({ tenant: 'ten_cli' }));
    expect(tenantAdmin.code).toBe(1);
    expect(tenantAdmin.stderr).toContain('signed in for no publisher');
    expect(tenantAdmin.page.body).toContain('The sign-in did not complete');
  });
});
