import type { EntityManager } from '@mikro-orm/postgresql';
import { textArrayLiteral } from '../shared/text-array.ts';

/** The origins the tenant registered for its portal widget (CORS); none until it sets them. */
export async function readPortalOrigins(em: EntityManager): Promise<string[]> {
  const [row] = await em.execute<{ origins: string[] }[]>('select origins from portal_setting');
  return row?.origins ?? [];
}

/** Whether the tenant offers its debtors the hosted sign-in by e-mail link; off until it says so. */
export async function emailSignInEnabled(em: EntityManager): Promise<boolean> {
  const [row] = await em.execute<{ email_sign_in: boolean }[]>('select email_sign_in from portal_setting');
  return row?.email_sign_in === true;
}

/** Sets the origins, and the e-mail sign-in when `emailSignIn` is given (else it stays as it is). */
export async function writePortalSettings(
  em: EntityManager,
  settings: { origins: readonly string[]; emailSignIn?: boolean | undefined },
): Promise<void> {
  const emailSignIn = settings.emailSignIn ?? null;
  await em.execute(
    `insert into portal_setting (tenant_id, origins, email_sign_in)
     values (current_setting('kredo.tenant_id'), ?::text[], coalesce(?::boolean, false))
     on conflict (tenant_id) do update set origins = excluded.origins,
       email_sign_in = coalesce(?::boolean, portal_setting.email_sign_in), updated_at = now()`,
    [textArrayLiteral(settings.origins), emailSignIn, emailSignIn],
  );
}

/**
 * Whether some tenant registered `origin`: all a CORS preflight can be judged by, as it carries no
 * token (the answer to the request itself then checks the session's own tenant). A function of the
 * migration's (SECURITY DEFINER) that answers this one bit across tenants.
 */
export async function originRegistered(em: EntityManager, origin: string): Promise<boolean> {
  const [row] = await em.execute<{ known: boolean }[]>('select portal_origin_registered(?) as known', [
    origin,
  ]);
  return row?.known === true;
}
