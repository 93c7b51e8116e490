import { describe, expect, it } from 'vitest';
import { Browser } from '../testing/browser.ts';
import {
  CONSOLE_CLIENT,
  consoleRelyingParty,
  signInWithPassword,
  submit,
} from '../testing/sign-in-driver.ts';
import { TEST_ROLE_SCOPES, testPerson } from '../testing/test-accounts.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import { startTestIdentity } from '../testing/test-identity.ts';

const { pool } = await createTestDatabase();
const asked: string[][] = [];
const errors: Error[] = [];
// Core's side, as the identity server's caller gives it: names by tenant id; one tenant it does not know.
const names = new Map([
  ['ten_zulu', 'Zuid & Co <BV>'],
  ['ten_alpha', 'Alpha Incasso'],
  ['ten_broken', 'never shown'],
]);
const { issuer } = await startTestIdentity(pool, {
  firstPartyClients: [CONSOLE_CLIENT],
  roleScopes: TEST_ROLE_SCOPES,
  tenantNames: async (ids) => {
    asked.push([...ids]);
    if (ids.includes('ten_broken')) throw new Error('core is down');
    return new Map(ids.flatMap((id) => (names.has(id) ? [[id, names.get(id) as string] as const] : [])));
  },
  onError: (error) => void errors.push(error),
});

describe('the tenant choice shows the tenants’ names', () => {
  it('lists the names (escaped, in name order), an unnamed tenant by its id, and posts the id', async () => {
    const person = await testPerson(pool, [
      { tenantId: 'ten_zulu', roles: ['viewer'] },
      { tenantId: 'ten_alpha', roles: ['viewer'] },
      { tenantId: 'ten_unnamed', roles: ['viewer'] },
    ]);
    const rp = await consoleRelyingParty(issuer, 'openid ledger:read');
    const browser = new Browser();
    const step = await signInWithPassword(browser, rp.url, person.email, person.password);
    const labels = [...step.body.matchAll(/<label for="tenant-\d">([^<]*)<\/label>/g)].map((m) => m[1]);
    expect(labels).toEqual(['Alpha Incasso', 'ten_unnamed', 'Zuid &amp; Co &lt;BV&gt;']);
    expect(step.body).toContain('value="ten_alpha"');
    expect(asked.at(-1)?.sort()).toEqual(['ten_alpha', 'ten_unnamed', 'ten_zulu']);
    const back = await submit(browser, step.url, step.body, 'tenant', { tenant: 'ten_zulu' });
    expect((await rp.exchange(back.url)).access_token).toBeTruthy();
  });

  it('shows ids when the names cannot be had, and says why in the error log', async () => {
    const person = await testPerson(pool, [
      { tenantId: 'ten_broken', roles: ['viewer'] },
      { tenantId: 'ten_alpha', roles: ['viewer'] },
    ]);
    const rp = await consoleRelyingParty(issuer, 'openid ledger:read');
    const step = await signInWithPassword(new Browser(), rp.url, person.email, person.password);
    expect(step.body).toContain('<label for="tenant-0">ten_alpha</label>');
    expect(step.body).not.toContain('never shown');
    expect(errors.map((error) => error.message)).toContain('core is down');
  });
});
