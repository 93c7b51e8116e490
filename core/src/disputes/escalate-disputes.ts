import { businessDateSql } from '../administrations/business-date.ts';
import type { Orm } from '../db/orm.ts';
import { tenantEm } from '../db/tenant-scope.ts';
import { forEachTenant } from '../jobs/for-each-tenant.ts';
import { createTask } from '../tasks/index.ts';
import { readDisputeSettings } from './dispute-settings.ts';
import { DISPUTE_COLUMNS, type DisputeRow } from './dispute-store.ts';
import { findDisputeType } from './dispute-type-store.ts';

/**
 * Escalates each open dispute past its due date once, every tenant in turn: it goes to the type's
 * `escalateTo`, else the tenant's escalation user (dispute settings); with neither it stays with its
 * assignee and is only marked escalated. A `dispute_escalated` task tells whoever has it now. `asOf`
 * replaces each administration's business date (a test's fixed clock); `only` limits it to one tenant.
 * Disputes another worker is escalating are skipped (`skip locked`), and `escalated_at` makes it once.
 */
export async function escalateDisputes(
  orm: Orm,
  options: { asOf?: string; only?: string } = {},
): Promise<{ escalated: number }> {
  let escalated = 0;
  await forEachTenant(
    orm,
    ({ tenantId }) =>
      tenantEm(orm, tenantId).transactional(async (em) => {
        const due = await em.execute<(DisputeRow & { today: string })[]>(
          `select ${DISPUTE_COLUMNS},
             to_char(coalesce(?::date, ${businessDateSql('dispute.administration_id')}), 'YYYY-MM-DD') as today
           from dispute
           where status = 'open' and escalated_at is null
             and due_on < coalesce(?::date, ${businessDateSql('dispute.administration_id')})
           order by due_on, id
           for update skip locked`,
          [options.asOf ?? null, options.asOf ?? null],
        );
        if (due.length === 0) return;
        const settings = await readDisputeSettings(em);
        for (const dispute of due) {
          const type = await findDisputeType(em, dispute.type);
          const target = type?.escalateTo ?? settings.escalateTo;
          await em.execute(
            `update dispute set escalated_at = now(), escalated_to = ?, assignee = coalesce(?, assignee),
               updated_at = now() where id = ?`,
            [target, target, dispute.id],
          );
          await createTask(em, tenantId, {
            administrationId: dispute.administration_id,
            debtorId: dispute.debtor_id,
            kind: 'dispute_escalated',
            title: `Dispute past its due date (${dispute.due_on}): answer the debtor`,
            body: dispute.description,
            assignee: target ?? dispute.assignee,
            dueOn: dispute.today,
            sourceType: 'dispute',
            sourceId: dispute.id,
            idempotencyKey: `dispute:${dispute.id}:escalated`,
          });
          escalated += 1;
        }
      }),
    { only: options.only },
  );
  return { escalated };
}
