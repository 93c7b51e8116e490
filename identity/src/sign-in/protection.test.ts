import { describe, expect, it } from 'vitest';
import { enrolTotp } from '../accounts/second-factor.ts';
import { newTotpSecret } from '../accounts/totp.ts';
import type { AuditEvent } from '../audit-event.ts';
import { Browser } from '../testing/browser.ts';
import {
  CONSOLE_CLIENT,
  consoleRelyingParty,
  REDIRECT_URI,
  startSignIn,
  submit,
  totpAt,
} from '../testing/sign-in-driver.ts';
import { TEST_ROLE_SCOPES, testPerson } from '../testing/test-accounts.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import { manualClock, startTestIdentity } from '../testing/test-identity.ts';
import { THROTTLE, waitAfter } from './throttle-policy.ts';

const { pool } = await createTestDatabase();
const clock = manualClock();
const audit: AuditEvent[] = [];
// Behind a "proxy": each Browser's X-Forwarded-For is its IP.
const { issuer, masterKey } = await startTestIdentity(pool, {
  firstPartyClients: [CONSOLE_CLIENT],
  roleScopes: TEST_ROLE_SCOPES,
  trustProxy: true,
  now: clock.now,
  onAudit: async (event) => void audit.push(event),
});

let ipCounter = 0;
const newIp = () => `203.0.113.${++ipCounter}`;

/** A browser at a fresh IP on the password page for `email`. */
async function atPassword(email: string, ip = newIp()) {
  const browser = new Browser({ 'x-forwarded-for': ip });
  const rp = await consoleRelyingParty(issuer, 'openid ledger:read');
  let step = await startSignIn(browser, rp.url);
  step = await submit(browser, step.url, step.body, 'email', { email });
  return { browser, step, ip };
}

/** The page with what differs between two people taken out: e-mails, the uid and the CSRF token. */
function normalised(body: string, email: string): string {
  return body
    .replaceAll(email, 'EMAIL')
    .replace(/\/interaction\/[\w-]+/g, '/interaction/UID')
    .replace(/name="csrf" value="[^"]+"/g, 'name="csrf" value="CSRF"');
}

describe('brute-force protection', () => {
  it('the back-off grows per failure up to the maximum', () => {
    expect([1, 5, 6, 7, 10, 20, 100].map((failures) => waitAfter(failures))).toEqual([
      0, 0, 60, 120, 300, 900, 900,
    ]);
    expect(THROTTLE.resetSeconds).toBe(12 * 3600);
  });

  it('answers an unknown e-mail exactly as a wrong password, in similar time', async () => {
    const person = await testPerson(pool, [{ tenantId: 'ten_a', roles: ['viewer'] }]);
    const unknown = `nobody.${Date.now()}@example.com`;
    const times = { wrong: [] as number[], unknown: [] as number[] };
    let bodies = { wrong: '', unknown: '' };
    for (let i = 0; i < 5; i++) {
      for (const [kind, email] of [
        ['wrong', person.email],
        ['unknown', unknown],
      ] as const) {
        const { browser, step } = await atPassword(email);
        const started = performance.now();
        const answer = await submit(browser, step.url, step.body, 'password', {
          password: 'not the password at all',
        });
        times[kind].push(performance.now() - started);
        expect(answer.status).toBe(400);
        bodies = { ...bodies, [kind]: normalised(answer.body, email) };
      }
    }
    expect(bodies.unknown).toBe(bodies.wrong);
    expect(bodies.wrong).toContain('The e-mail address or the password is wrong.');
    // Both pay for one argon2id verification: the unknown e-mail is not answered fast. The fastest
    // of five is compared, the figure least disturbed by other work on a shared machine.
    const fastest = (values: number[]) => Math.min(...values);
    expect(fastest(times.unknown)).toBeGreaterThan(fastest(times.wrong) * 0.5);
    expect(fastest(times.wrong)).toBeGreaterThan(fastest(times.unknown) * 0.5);
  });

  it('makes an e-mail wait after five failures from an IP, longer each time, while another IP signs in', async () => {
    const person = await testPerson(pool, [{ tenantId: 'ten_a', roles: ['viewer'] }]);
    const attacker = await atPassword(person.email);
    let step = attacker.step;
    for (let i = 1; i <= 6; i++) {
      step = await submit(attacker.browser, step.url, step.body, 'password', {
        password: `wrong password ${i}`,
      });
      expect(step.status).toBe(400);
    }
    // The sixth failure started a one-minute wait: even the right password is not tried.
    let locked = await submit(attacker.browser, step.url, step.body, 'password', {
      password: person.password,
    });
    expect(locked.status).toBe(429);
    expect(locked.body).toContain('Try again in 1 minute.');
    expect(audit.filter((e) => e.type === 'lockout' && e.subjectId === person.id)).toHaveLength(1);

    // The victim, elsewhere, is not locked out.
    const victim = await atPassword(person.email);
    const signedIn = await submit(victim.browser, victim.step.url, victim.step.body, 'password', {
      password: person.password,
    });
    expect(signedIn.url.startsWith(REDIRECT_URI)).toBe(true);

    // After the wait, another failure waits two minutes.
    clock.advance(61);
    step = await submit(attacker.browser, locked.url, locked.body, 'password', { password: 'wrong again!!' });
    expect(step.status).toBe(400);
    locked = await submit(attacker.browser, step.url, step.body, 'password', { password: person.password });
    expect(locked.body).toContain('Try again in 2 minutes.');
    clock.advance(121);
    const through = await submit(attacker.browser, locked.url, locked.body, 'password', {
      password: person.password,
    });
    expect(through.url.startsWith(REDIRECT_URI)).toBe(true);
  });

  it('makes an unknown e-mail wait just as a known one', async () => {
    const { browser, step: first } = await atPassword(`ghost.${Date.now()}@example.com`);
    let step = first;
    for (let i = 1; i <= 6; i++)
      step = await submit(browser, step.url, step.body, 'password', { password: `wrong password ${i}` });
    const locked = await submit(browser, step.url, step.body, 'password', { password: 'anything at all' });
    expect(locked.status).toBe(429);
    expect(locked.body).toContain('Try again in 1 minute.');
  });

  it('stops an IP that fails too often across e-mails', async () => {
    const ip = newIp();
    for (let i = 0; i < THROTTLE.ipFailuresPerWindow; i++) {
      const at = await atPassword(`spray${i}.${Date.now()}@example.com`, ip);
      await submit(at.browser, at.step.url, at.step.body, 'password', { password: 'Summer2026!!' });
    }
    const person = await testPerson(pool, [{ tenantId: 'ten_a', roles: ['viewer'] }]);
    const next = await atPassword(person.email, ip);
    const answer = await submit(next.browser, next.step.url, next.step.body, 'password', {
      password: person.password,
    });
    expect(answer.status).toBe(429);
  });
});

describe('TOTP at sign-in', () => {
  it('accepts a code once: the same code in the same window is refused, and counts as a failure', async () => {
    const person = await testPerson(pool, [{ tenantId: 'ten_b', roles: ['viewer'] }]);
    const secret = newTotpSecret();
    await enrolTotp(pool, masterKey, person.id, secret);
    const code = await totpAt(secret, 0, clock.now());

    const first = await atPassword(person.email);
    let step = await submit(first.browser, first.step.url, first.step.body, 'password', {
      password: person.password,
    });
    step = await submit(first.browser, step.url, step.body, 'second_factor', { code });
    expect(step.url.startsWith(REDIRECT_URI)).toBe(true);

    const replay = await atPassword(person.email);
    step = await submit(replay.browser, replay.step.url, replay.step.body, 'password', {
      password: person.password,
    });
    const refused = await submit(replay.browser, step.url, step.body, 'second_factor', { code });
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('That code is wrong or was used already.');
    expect(refused.body).toContain('aria-describedby="code-hint code-error"');
    expect(
      audit.some(
        (e) =>
          e.type === 'sign_in.failed' && e.subjectId === person.id && e.details.reason === 'second_factor',
      ),
    ).toBe(true);
    // The next step's code is fine.
    step = await submit(replay.browser, refused.url, refused.body, 'second_factor', {
      code: await totpAt(secret, 1, clock.now()),
    });
    expect(step.url.startsWith(REDIRECT_URI)).toBe(true);
  });
});
