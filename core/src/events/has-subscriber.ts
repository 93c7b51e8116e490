import { queryIn } from './event-sql.ts';
import type { EventTransaction } from './record-event.ts';

/**
 * Whether any enabled installation of the transaction's tenant declares event hook `hook`: one
 * indexed probe that set-based writers (imports, bulk upserts) ask once per batch, so that a tenant
 * nobody listens to pays nothing for events. Same rule as the runtime's `installationsForHook`.
 */
export async function hasSubscriber(tx: EventTransaction, hook: string): Promise<boolean> {
  const [row] = await queryIn<{ subscribed: boolean }>(
    tx,
    `select exists (
       select 1 from installation i
       join plugin_version v on v.plugin_id = i.plugin_id and v.version = i.version
       where i.enabled and v.manifest -> 'hooks' @> jsonb_build_array(jsonb_build_object('name', $1::text))
     ) as subscribed`,
    [hook],
  );
  return row?.subscribed === true;
}
