import { createHash, hkdfSync } from 'node:crypto';
import {
  addMembership,
  createAccount,
  enrolTotp,
  findAccountByEmail,
  hasTotp,
  type Queryable,
  setPassword,
  setTenantPolicy,
  totpSecretFromBytes,
} from '@kredo/identity';
import { DEMO_TENANT_ID } from './seed-demo.ts';

export interface DemoUser {
  email: string;
  password: string;
  role: 'admin' | 'collector';
  /** The admin's TOTP secret (Base32), enrolled; the collector enrols at first sign-in. */
  totpSecret?: string;
}

export interface DemoUsers {
  admin: DemoUser;
  collector: DemoUser;
  /** A PKCE verifier for the banner's authorization URL, so its code can be exchanged with curl. */
  pkceVerifier: string;
  pkceChallenge: string;
}

/** 32 bytes of this installation's secrets key for one purpose: stable here, known nowhere else. */
function derived(secretsKey: Buffer, purpose: string, length = 32): Buffer {
  return Buffer.from(hkdfSync('sha256', secretsKey, Buffer.alloc(0), `kredo demo ${purpose} v1`, length));
}

/**
 * The demo tenant's people, put back as they were on every demo start: an admin with TOTP enrolled
 * and a collector, both with passwords derived from the secrets key (as the demo ERP client's
 * secret is), and the demo tenant requiring 2FA, so the collector enrols at first sign-in.
 * `identityMasterKey` seals the admin's TOTP secret, as the identity server does.
 */
export async function seedDemoUsers(
  db: Queryable,
  secretsKey: Buffer,
  identityMasterKey: Buffer,
): Promise<DemoUsers> {
  const admin: DemoUser = {
    email: 'admin@demo.kredo.test',
    password: derived(secretsKey, 'admin password', 18).toString('base64url'),
    role: 'admin',
    totpSecret: totpSecretFromBytes(derived(secretsKey, 'admin totp', 20)),
  };
  const collector: DemoUser = {
    email: 'collector@demo.kredo.test',
    password: derived(secretsKey, 'collector password', 18).toString('base64url'),
    role: 'collector',
  };
  await setTenantPolicy(db, DEMO_TENANT_ID, { require2fa: true });
  const adminId = await putPerson(db, admin, 'Demo Admin', 'en');
  await putPerson(db, collector, 'Demo Incasso', 'nl');
  // Enrolled once: enrolling again would forget the last used time step (a code could be replayed).
  if (!(await hasTotp(db, adminId)))
    await enrolTotp(db, identityMasterKey, adminId, admin.totpSecret as string);
  const pkceVerifier = derived(secretsKey, 'pkce verifier').toString('base64url');
  const pkceChallenge = createHash('sha256').update(pkceVerifier).digest('base64url');
  return { admin, collector, pkceVerifier, pkceChallenge };
}

async function putPerson(
  db: Queryable,
  user: DemoUser,
  name: string,
  language: 'en' | 'nl',
): Promise<string> {
  const existing = await findAccountByEmail(db, user.email);
  const id = existing
    ? existing.id
    : // The demo's addresses have no mailbox (.test): the demo vouches for them.
      (
        await createAccount(db, {
          email: user.email,
          name,
          language,
          password: user.password,
          emailVerified: true,
        })
      ).id;
  if (existing) await setPassword(db, id, user.password);
  await addMembership(db, { accountId: id, tenantId: DEMO_TENANT_ID, roles: [user.role] });
  return id;
}
