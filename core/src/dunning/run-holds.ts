import type { EntityManager } from '@mikro-orm/postgresql';
import { createTask } from '../tasks/index.ts';

/**
 * Ends the administration's manual holds whose last day is before `asOf` (`lifted_because = 'ended'`)
 * and tells each debtor's collector that dunning resumes (a `dunning_resumed` task, once per hold),
 * in the caller's transaction. Disputes, promises and plans lift their own pauses. Returns how many ended.
 */
export async function endHolds(
  em: EntityManager,
  tenantId: string,
  administrationId: string,
  asOf: string,
): Promise<number> {
  const ended = await em.execute<
    { id: string; debtor_id: string; ends_on: string; invoice_id: string | null }[]
  >(
    `update dunning_pause set lifted_at = now(), lifted_because = 'ended'
     where administration_id = ? and kind = 'hold' and lifted_at is null and ends_on < ?::date
     returning id, debtor_id, ends_on::text, invoice_id`,
    [administrationId, asOf],
  );
  for (const hold of ended) {
    await createTask(em, tenantId, {
      administrationId,
      debtorId: hold.debtor_id,
      kind: 'dunning_resumed',
      title: hold.invoice_id
        ? 'Dunning resumes for an invoice: its hold ended'
        : 'Dunning resumes: the hold ended',
      body: `The hold ${hold.id} ended on ${hold.ends_on}; dunning goes on from the step it stood at.`,
      dueOn: asOf,
      sourceType: 'pause',
      sourceId: hold.id,
      idempotencyKey: `dunning_resumed:${hold.id}`,
    });
  }
  return ended.length;
}
