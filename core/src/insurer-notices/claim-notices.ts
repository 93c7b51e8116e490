import type { EntityManager } from '@mikro-orm/postgresql';
import { CURRENT_COVERS_SQL } from '../credit-cover/credit-cover-store.ts';
import { OVERDUE_INVOICES_SQL } from '../invoices/overdue-rule.ts';
import { providersSql } from '../marketplace/installation-sql.ts';

/**
 * Days overdue before the insurer is told, when the plugin does not say: 0, that is as soon as the
 * invoice is overdue at all. Credit-insurance policies set a latest moment for the notice (a maximum
 * extension period); a notice after it can void the cover, one before it costs nothing. Core cannot
 * know the policy, the plugin can: it declares a non-secret `noticeAfterDays` config field for the
 * tenant to set.
 */
export const DEFAULT_NOTICE_AFTER_DAYS = 0;

/** Scopes the insurer needs to be told about a debtor's invoices: the notice carries both records. */
export const NOTICE_SCOPES = ['debtors:read', 'invoices:read'] as const;

/**
 * Writes the notices that have become due, in the caller's tenant transaction: for every debtor whose
 * newest cover is granted or partial and still valid (today in the administration's time zone), from
 * an enabled credit-insurance installation, each overdue invoice (OVERDUE_INVOICES_SQL: at least a day)
 * overdue by at least the installation's `noticeAfterDays` gets one row per cover, invoice and due date
 * (`on conflict do nothing`: a repeated run writes nothing twice). A debtor's invoices in one currency
 * written by one run share an idempotency key, and are sent together. Rows are `pending`, or
 * `skipped_scope` when the installation was not granted both NOTICE_SCOPES. Returns how many.
 */
export async function claimDueNotices(em: EntityManager, limit = 10_000): Promise<number> {
  const rows = await em.execute<{ id: string }[]>(
    `with active as (
       select cv.id, cv.debtor_id, cv.installation_id, cv.cover_reference, cv.valid_until, ins.plugin,
         ins.granted_scopes @> array[?]::text[] as granted,
         case when (ins.settings ->> 'noticeAfterDays') ~ '^[0-9]{1,4}$'
              then (ins.settings ->> 'noticeAfterDays')::int else ? end as after_days
       from ${CURRENT_COVERS_SQL} cv
       join ${providersSql("'creditInsurance'")} ins on ins.id = cv.installation_id
       where cv.status in ('granted', 'partial')
     ), due as (
       select ac.*, o.id as invoice_id, o.administration_id, o.due_date, o.open_amount, o.currency,
         o.days_overdue as days
       from active ac
       join ${OVERDUE_INVOICES_SQL} o on o.debtor_id = ac.debtor_id
       where (ac.valid_until is null or ac.valid_until >= o.today)
         and o.days_overdue >= ac.after_days
         and not exists (select 1 from insurer_notice n
                         where n.cover_id = ac.id and n.invoice_id = o.id and n.due_date = o.due_date)
       order by ac.id, o.due_date, o.id
       limit ?
     )
     insert into insurer_notice (id, tenant_id, administration_id, debtor_id, invoice_id, due_date, cover_id,
       cover_reference, installation_id, plugin, idempotency_key, status, days_overdue, open_amount, currency)
     select kredo_new_id('ntc'), current_setting('kredo.tenant_id'), administration_id, debtor_id, invoice_id,
       due_date, id, cover_reference, installation_id, plugin,
       'ntc:' || id || ':' || currency || ':' || to_char(now() at time zone 'UTC', 'YYYYMMDD"T"HH24MISSUS'),
       case when granted then 'pending' else 'skipped_scope' end, days, open_amount, currency
     from due
     on conflict do nothing
     returning id`,
    [[...NOTICE_SCOPES], DEFAULT_NOTICE_AFTER_DAYS, limit],
  );
  return rows.length;
}
