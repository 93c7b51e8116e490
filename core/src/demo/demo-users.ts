import { createHash, hkdfSync } from 'node:crypto';
import {
  addMembership,
  addPartnerMembership,
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
import { DEMO_PUBLISHER_ID } from './seed-demo-plugins.ts';

export interface DemoUser {
  email: string;
  password: string;
  role: 'admin' | 'collector' | 'partner';
  /** The admin's and the partner's TOTP secret (Base32), enrolled; the collector enrols at first sign-in. */
  totpSecret?: string;
}

export interface DemoUsers {
  admin: DemoUser;
  collector: DemoUser;
  /** A partner of the publisher of the demo catalogue's plugins (dev.kredo), not of any tenant. */
  partner: DemoUser & { publisherId: string };
  /** A PKCE verifier for the banner's authorization URL, so its code can be exchanged with curl. */
  pkceVerifier: string;
  pkceChallenge: string;
}

/** 32 bytes of this installation's secrets key for one purpose: stable here, known nowhere else. */
function derived(secretsKey: Buffer, purpose: string, length = 32): Buffer {
  return Buffer.from(hkdfSync('sha256', secretsKey, Buffer.alloc(0), `kredo demo ${purpose} v1`, length));
}

/**
 * The demo's people, put back as they were on every demo start: the demo tenant's admin with TOTP
 * enrolled and a collector, and a partner of the demo catalogue's publisher with TOTP enrolled
 * (partners must have a second factor), all with passwords derived from the secrets key (as the demo
 * ERP client's secret is); the demo tenant requires 2FA, so the collector enrols at first sign-in.
 * `identityMasterKey` seals the TOTP secrets, as the identity server does.
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
  const partner = {
    email: 'partner@demo.kredo.test',
    password: derived(secretsKey, 'partner password', 18).toString('base64url'),
    role: 'partner' as const,
    totpSecret: totpSecretFromBytes(derived(secretsKey, 'partner totp', 20)),
    publisherId: DEMO_PUBLISHER_ID,
  };
  await setTenantPolicy(db, DEMO_TENANT_ID, { require2fa: true });
  const adminId = await putPerson(db, admin, 'Demo Admin', 'en');
  await putPerson(db, collector, 'Demo Incasso', 'nl');
  const partnerId = await putPerson(db, partner, 'Demo Partner', 'en');
  // Enrolled once: enrolling again would forget the last used time step (a code could be replayed).
  for (const [id, user] of [
    [adminId, admin],
    [partnerId, partner],
  ] as const)
    if (!(await hasTotp(db, id))) await enrolTotp(db, identityMasterKey, id, user.totpSecret as string);
  const pkceVerifier = derived(secretsKey, 'pkce verifier').toString('base64url');
  const pkceChallenge = createHash('sha256').update(pkceVerifier).digest('base64url');
  return { admin, collector, partner, pkceVerifier, pkceChallenge };
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
  if (user.role === 'partner')
    await addPartnerMembership(db, {
      accountId: id,
      publisherId: DEMO_PUBLISHER_ID,
      publisherName: 'Kredo',
      admin: true,
    });
  else await addMembership(db, { accountId: id, tenantId: DEMO_TENANT_ID, roles: [user.role] });
  return id;
}
