import { Browser, hiddenValue, page } from '@kredo/identity/testing';
import { afterAll, expect } from 'vitest';
import { apiResource, startKredoIdentity } from '../app/identity.ts';
import { createTestApi } from '../app/test-api.ts';
import { identityTokenVerifier } from '../auth/identity-token.ts';
import { loadConfig } from '../config/load-config.ts';
import { startTestSmtp } from '../dunning/deliver-test-fixtures.ts';
import { freePort } from '../shared/free-port.ts';
import { kredoLogger } from '../shared/kredo-logger.ts';

/**
 * The API and the identity server on one database, with core's mailer sending to a real SMTP server
 * started in-process: for tests where an invitation is mailed and its link followed.
 */
export async function createMailedIdentityApi() {
  const smtp = await startTestSmtp();
  afterAll(() => smtp.close());
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const settings = {
    identityPort: port,
    identityPublicUrl: issuer,
    publicUrl: 'http://127.0.0.1:3000',
    consoleRedirectUris: ['http://127.0.0.1:5173/callback'],
    smtpUrl: smtp.url,
    mailFrom: 'Kredo <kredo@example.com>',
  };
  const config = loadConfig({}, settings);
  const api = await createTestApi({
    config: settings,
    identity: identityTokenVerifier({ issuer, audience: apiResource(config) }),
  });
  const identity = await startKredoIdentity(config, api.db.url, kredoLogger('silent'), api.db.orm);
  afterAll(() => identity.close());

  /** The first mail to `address` among those received after the first `after`; waits up to 5 s. */
  async function mailTo(address: string, after = 0) {
    for (let i = 0; i < 100; i++) {
      const mail = smtp.received.slice(after).find((m) => m.to && JSON.stringify(m.to).includes(address));
      if (mail) return mail;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`no mail to ${address}`);
  }
  return { ...api, smtp, issuer, config, identity, mailTo };
}

/** The identity server's account link in a mail's text. */
export const linkIn = (text: string | undefined) =>
  /(http:\/\/\S+\/account\/\S+)/.exec(text ?? '')?.[1] as string;

/** Opens a mailed link and posts the new password with the page's CSRF token. */
export async function setPasswordAt(link: string, password: string) {
  const browser = new Browser();
  const form = await browser.get(link);
  expect(form.status).toBe(200);
  const body = await page(form);
  expect(body).toContain('autocomplete="new-password"');
  expect(body).toContain('aria-describedby="password-hint"');
  const saved = await browser.post(link, { csrf: hiddenValue(body, 'csrf'), password });
  return { status: saved.status, body: await page(saved) };
}
