import { describe, expect, it } from 'vitest';
import { listAudit } from '../audit/audit-log.ts';
import { Browser } from '../testing/browser.ts';
import { CONSOLE_CLIENT, consoleRelyingParty, startSignIn, submit } from '../testing/sign-in-driver.ts';
import { TEST_ROLE_SCOPES, testPerson } from '../testing/test-accounts.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import { startTestIdentity } from '../testing/test-identity.ts';

// No onAudit given: the identity server records sign-in events in its own audit log.
const { pool } = await createTestDatabase();
const { issuer } = await startTestIdentity(pool, {
  firstPartyClients: [CONSOLE_CLIENT],
  roleScopes: TEST_ROLE_SCOPES,
});

async function wrongPassword(email: string) {
  const browser = new Browser();
  const rp = await consoleRelyingParty(issuer, 'openid ledger:read');
  let step = await startSignIn(browser, rp.url);
  step = await submit(browser, step.url, step.body, 'email', { email });
  return submit(browser, step.url, step.body, 'password', { password: 'not the password at all' });
}

describe('sign-in audit', () => {
  it("records a failed sign-in in the audit log of each of the account's tenants, and an unknown e-mail in none", async () => {
    const person = await testPerson(pool, [
      { tenantId: 'ten_audit_a', roles: ['viewer'] },
      { tenantId: 'ten_audit_b', roles: ['collector'] },
    ]);
    expect((await wrongPassword(person.email)).status).toBe(400);
    expect((await wrongPassword(`nobody.${Date.now()}@example.com`)).status).toBe(400);
    for (const tenantId of ['ten_audit_a', 'ten_audit_b']) {
      const events = await listAudit(pool, { tenantId, limit: 10 });
      expect(events.map((e) => ({ type: e.type, tenantId: e.tenantId, subjectId: e.subjectId }))).toEqual([
        { type: 'sign_in.failed', tenantId, subjectId: person.id },
      ]);
    }
    const { rows } = await pool.query(
      "select count(*)::int as n from identity.audit_event where type = 'sign_in.failed' and tenant_id is null",
    );
    expect(rows[0].n).toBe(1);
  });
});
