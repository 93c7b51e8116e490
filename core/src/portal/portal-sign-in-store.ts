import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { newId } from '../shared/ids.ts';

/** How long a mailed sign-in link works, from when it was asked for. */
export const SIGN_IN_LINK_MINUTES = 15;
/** Requests per address, and per IP address, in SIGN_IN_LINK_MINUTES: beyond, 429 without a mail. */
export const SIGN_IN_LIMIT_PER_EMAIL = 3;
export const SIGN_IN_LIMIT_PER_IP = 10;
/** Woken on commit of a request, so the mail job sends the link within seconds (portal-sign-in-jobs.ts). */
export const SIGN_IN_CHANNEL = 'kredo_portal_sign_in';

export interface SignInRequestRow {
  id: string;
  email: string;
  language: string | null;
}

/** A new link's token (shown once, in the mail) and what is stored of it. */
export function newLinkToken(): { token: string; hash: Buffer } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: linkTokenHash(token) };
}

/** What the database keeps of a token: its SHA-256, so a copy of the table signs nobody in. */
export function linkTokenHash(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/**
 * Records that someone asked for a link to `email`, unless that address or IP address asked too often
 * lately: the same work whether or not a debtor has the address (the mail job looks that up later),
 * so neither the answer nor its timing tells. Concurrent requests for one address are serialised.
 */
export async function recordSignInRequest(
  em: EntityManager,
  input: { email: string; ip: string; language: string },
): Promise<'recorded' | 'limited'> {
  const email = input.email.toLowerCase();
  await em.execute('select pg_advisory_xact_lock(hashtext(?))', [`portal-sign-in:${email}`]);
  const [counts] = await em.execute<{ by_email: string; by_ip: string }[]>(
    `select count(*) filter (where email = ?) as by_email, count(*) filter (where ip = ?) as by_ip
     from portal_sign_in_request where created_at > now() - make_interval(mins => ?)`,
    [email, input.ip, SIGN_IN_LINK_MINUTES],
  );
  if (Number(counts?.by_email) >= SIGN_IN_LIMIT_PER_EMAIL || Number(counts?.by_ip) >= SIGN_IN_LIMIT_PER_IP)
    return 'limited';
  await em.execute(
    `insert into portal_sign_in_request (tenant_id, id, email, ip, language, expires_at)
     values (current_setting('kredo.tenant_id'), ?, ?, ?, ?, now() + make_interval(mins => ?))`,
    [newId('portalSignIn'), email, input.ip, input.language, SIGN_IN_LINK_MINUTES],
  );
  // Rows a day old have served the rate limit and their link has long expired.
  await em.execute("delete from portal_sign_in_request where created_at < now() - interval '1 day'");
  await em.execute('select pg_notify(?, current_setting(?))', [SIGN_IN_CHANNEL, 'kredo.tenant_id']);
  return 'recorded';
}

/** Claims the requests still waiting for their mail (another worker skips them), while their link would still work. */
export function claimSignInRequests(em: EntityManager): Promise<SignInRequestRow[]> {
  return em.execute<SignInRequestRow[]>(
    `update portal_sign_in_request set mail_status = 'claimed'
     where id in (select id from portal_sign_in_request where mail_status = 'pending' and expires_at > now()
                  order by created_at limit 50 for update skip locked)
     returning id, email, language`,
  );
}

/**
 * What became of a request's mail, and of its token's hash: `undefined` keeps it, `null` clears it (a
 * link that was not mailed must not work), a hash stores it (before the mail goes, so the link works
 * when it arrives).
 */
export async function recordSignInMail(
  em: EntityManager,
  id: string,
  status: 'claimed' | 'sent' | 'no_debtor' | 'not_sent' | 'failed',
  tokenHash: Buffer | null | undefined,
): Promise<void> {
  if (tokenHash === undefined)
    await em.execute('update portal_sign_in_request set mail_status = ? where id = ?', [status, id]);
  else
    await em.execute('update portal_sign_in_request set mail_status = ?, token_hash = ? where id = ?', [
      status,
      tokenHash,
      id,
    ]);
}

/** The request of a link that still works (unused, unexpired), without using it up; null otherwise. */
export async function findSignInLink(em: EntityManager, token: string): Promise<SignInRequestRow | null> {
  const [row] = await em.execute<SignInRequestRow[]>(
    `select id, email, language from portal_sign_in_request
     where token_hash = ? and used_at is null and expires_at > now()`,
    [linkTokenHash(token)],
  );
  return row ?? null;
}

/** Uses the link up, once: a second use (or one after expiry) finds nothing. */
export async function useSignInLink(em: EntityManager, token: string): Promise<SignInRequestRow | null> {
  const [row] = await em.execute<SignInRequestRow[]>(
    `update portal_sign_in_request set used_at = now()
     where token_hash = ? and used_at is null and expires_at > now()
     returning id, email, language`,
    [linkTokenHash(token)],
  );
  return row ?? null;
}
