import type { EntityManager } from '@mikro-orm/postgresql';
import { textArrayLiteral } from '../shared/text-array.ts';

/** The origins the tenant registered for its portal widget (CORS); none until it sets them. */
export async function readPortalOrigins(em: EntityManager): Promise<string[]> {
  const [row] = await em.execute<{ origins: string[] }[]>('select origins from portal_setting');
  return row?.origins ?? [];
}

export async function writePortalOrigins(em: EntityManager, origins: readonly string[]): Promise<void> {
  await em.execute(
    `insert into portal_setting (tenant_id, origins) values (current_setting('kredo.tenant_id'), ?::text[])
     on conflict (tenant_id) do update set origins = excluded.origins, updated_at = now()`,
    [textArrayLiteral(origins)],
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
