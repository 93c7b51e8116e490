import { subscribersSql } from '../marketplace/installation-sql.ts';
import { queryIn } from './event-sql.ts';
import type { EventTransaction } from './record-event.ts';

/**
 * Whether any enabled installation of the transaction's tenant declares event hook `hook` (the
 * marketplace's `subscribersSql`): one probe that set-based writers (imports, bulk upserts) ask once per
 * batch, so that a tenant nobody listens to pays nothing for events.
 */
export async function hasSubscriber(tx: EventTransaction, hook: string): Promise<boolean> {
  const [row] = await queryIn<{ subscribed: boolean }>(
    tx,
    `select exists (select 1 from ${subscribersSql('$1')} s) as subscribed`,
    [hook],
  );
  return row?.subscribed === true;
}
