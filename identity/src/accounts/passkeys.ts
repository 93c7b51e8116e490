import type {
  AuthenticationResponseJSON,
  AuthenticatorTransportFuture,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { OnAudit } from '../audit-event.ts';
import type { Queryable } from '../db/queryable.ts';

// Loaded when a passkey is used: the library with its X.509 stack takes about half a second to load,
// in every process that imports @kredo/identity (each of core's test files among them).
const webauthn = () => import('@simplewebauthn/server');

/**
 * Who the passkeys belong to: the issuer's host is the RP id (a passkey made for it works on that
 * host and its subdomains only), its origin the one the browser must report. Behind a proxy the
 * issuer is the public URL, so both are the public ones, never the listening address.
 */
export interface RelyingParty {
  id: string;
  origin: string;
  name: string;
}

export function relyingPartyOf(issuer: string): RelyingParty {
  const url = new URL(issuer);
  return { id: url.hostname, origin: url.origin, name: 'Kredo' };
}

export interface Passkey {
  credentialId: string;
  accountId: string;
  name: string;
  transports: string[];
  createdAt: Date;
  lastUsedAt: Date | null;
}

/** Who did it, for the audit log (as removeTotp's): the account itself at sign-in, an admin otherwise. */
export interface PasskeyAudit {
  onAudit: OnAudit;
  actorId: string | null;
  tenantId: string | null;
  ip?: string | null;
}

/** The user handle of an account's passkeys: its id's bytes (no e-mail, nothing personal). */
const userHandle = (accountId: string) => new TextEncoder().encode(accountId);

/**
 * Options for navigator.credentials.create: a discoverable credential (so it can sign in without the
 * e-mail), user verification required (a PIN or biometrics: with possession, two factors), no
 * attestation (which authenticator it is does not matter here), the account's passkeys excluded.
 */
export async function passkeyRegistrationOptions(
  db: Queryable,
  rp: RelyingParty,
  account: { id: string; email: string },
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const existing = await listPasskeys(db, account.id);
  const { generateRegistrationOptions } = await webauthn();
  return generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: account.email,
    userID: userHandle(account.id),
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({
      id: p.credentialId,
      transports: p.transports as AuthenticatorTransportFuture[],
    })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
  });
}

/**
 * Verifies a registration answer against the challenge that was issued and stores the passkey;
 * null when it does not verify (wrong challenge, origin, RP id, no user verification, malformed) or
 * the credential is already stored. Tells the audit log `passkey.enrolled` when a recorder is given.
 */
export async function enrolPasskey(
  db: Queryable,
  rp: RelyingParty,
  input: { accountId: string; response: unknown; expectedChallenge: string; name: string },
  audit?: PasskeyAudit,
): Promise<Passkey | null> {
  const { verifyRegistrationResponse } = await webauthn();
  const verified = await verifyRegistrationResponse({
    response: input.response as RegistrationResponseJSON,
    expectedChallenge: input.expectedChallenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.id,
    requireUserVerification: true,
  }).catch(() => undefined);
  if (!verified?.verified) return null;
  const { credential } = verified.registrationInfo;
  const { rows } = await db.query<Row>(
    `insert into identity.passkey (credential_id, account_id, public_key, counter, transports, name)
     values ($1, $2, $3, $4, $5, $6) on conflict (credential_id) do nothing
     returning ${COLUMNS}`,
    [
      credential.id,
      input.accountId,
      Buffer.from(credential.publicKey),
      credential.counter,
      credential.transports ?? [],
      input.name.slice(0, 100),
    ],
  );
  const row = rows[0];
  if (!row) return null;
  await tell(audit, 'passkey.enrolled', input.accountId, { credentialId: credential.id });
  return toPasskey(row);
}

/**
 * Options for navigator.credentials.get: for a known account its passkeys (a second factor); for
 * nobody yet none, so the browser offers any discoverable passkey of this RP (passwordless).
 */
export async function passkeyAuthenticationOptions(
  db: Queryable,
  rp: RelyingParty,
  accountId: string | null,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const allow = accountId ? await listPasskeys(db, accountId) : [];
  const { generateAuthenticationOptions } = await webauthn();
  return generateAuthenticationOptions({
    rpID: rp.id,
    userVerification: 'required',
    allowCredentials: allow.map((p) => ({
      id: p.credentialId,
      transports: p.transports as AuthenticatorTransportFuture[],
    })),
  });
}

/**
 * Verifies an assertion against the challenge issued: the stored public key, the origin, the RP id,
 * user verification, and the signature counter. The counter must go up when the authenticator keeps
 * one (a lower or equal one means a cloned authenticator: refused); the update is conditional, so
 * two requests racing with one assertion cannot both pass. With `accountId`, the passkey must be
 * that account's (a second factor); without, whose it is decides who signs in. The account id, or
 * null.
 */
export async function verifyPasskey(
  db: Queryable,
  rp: RelyingParty,
  input: { response: unknown; expectedChallenge: string; accountId: string | null; now: Date },
): Promise<{ accountId: string; credentialId: string } | null> {
  const response = input.response as AuthenticationResponseJSON;
  if (typeof response?.id !== 'string') return null;
  const { rows } = await db.query<Row & { public_key: Buffer; counter: string }>(
    `select ${COLUMNS}, public_key, counter from identity.passkey where credential_id = $1`,
    [response.id],
  );
  const row = rows[0];
  if (!row || (input.accountId !== null && row.account_id !== input.accountId)) return null;
  // A passkey's user handle is its account's: one that names another is not this account's passkey.
  const handle = response.response?.userHandle;
  if (handle && handle !== Buffer.from(userHandle(row.account_id)).toString('base64url')) return null;
  const counter = Number(row.counter);
  const { verifyAuthenticationResponse } = await webauthn();
  const verified = await verifyAuthenticationResponse({
    response,
    expectedChallenge: input.expectedChallenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.id,
    requireUserVerification: true,
    credential: {
      id: row.credential_id,
      publicKey: new Uint8Array(row.public_key),
      counter,
      transports: row.transports as AuthenticatorTransportFuture[],
    },
  }).catch(() => undefined);
  if (!verified?.verified) return null;
  const next = verified.authenticationInfo.newCounter;
  const { rowCount } = await db.query(
    `update identity.passkey set counter = $2, last_used_at = $3
     where credential_id = $1 and (counter < $2 or (counter = 0 and $2 = 0))`,
    [row.credential_id, next, input.now],
  );
  if ((rowCount ?? 0) === 0) return null;
  return { accountId: row.account_id, credentialId: row.credential_id };
}

export async function listPasskeys(db: Queryable, accountId: string): Promise<Passkey[]> {
  const { rows } = await db.query<Row>(
    `select ${COLUMNS} from identity.passkey where account_id = $1 order by created_at, credential_id`,
    [accountId],
  );
  return rows.map(toPasskey);
}

export async function hasPasskey(db: Queryable, accountId: string): Promise<boolean> {
  const { rowCount } = await db.query('select 1 from identity.passkey where account_id = $1 limit 1', [
    accountId,
  ]);
  return (rowCount ?? 0) > 0;
}

/** Removes one of the account's passkeys; false when it has no such one. Audited `passkey.removed`. */
export async function removePasskey(
  db: Queryable,
  accountId: string,
  credentialId: string,
  audit?: PasskeyAudit,
): Promise<boolean> {
  const { rowCount } = await db.query(
    'delete from identity.passkey where account_id = $1 and credential_id = $2',
    [accountId, credentialId],
  );
  const removed = (rowCount ?? 0) > 0;
  if (removed) await tell(audit, 'passkey.removed', accountId, { credentialId });
  return removed;
}

const COLUMNS = 'credential_id, account_id, name, transports, created_at, last_used_at';

interface Row {
  credential_id: string;
  account_id: string;
  name: string;
  transports: string[];
  created_at: Date;
  last_used_at: Date | null;
}

function toPasskey(row: Row): Passkey {
  return {
    credentialId: row.credential_id,
    accountId: row.account_id,
    name: row.name,
    transports: row.transports,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
  };
}

async function tell(
  audit: PasskeyAudit | undefined,
  type: 'passkey.enrolled' | 'passkey.removed',
  accountId: string,
  details: Record<string, unknown>,
): Promise<void> {
  if (!audit) return;
  await audit.onAudit({
    type,
    tenantId: audit.tenantId,
    actorId: audit.actorId,
    subjectId: accountId,
    ip: audit.ip ?? null,
    details,
  });
}
