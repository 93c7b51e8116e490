import { hasSubscriber } from '../events/has-subscriber.ts';
import type { EventTransaction } from '../events/record-event.ts';
import { recordEventsFrom } from '../events/record-events-from.ts';

/**
 * The SDK's DebtorRecord (sdk/src/records.ts) built in SQL from debtor row `d`, so that events for
 * a whole import batch are written by one statement. `country` is the billing address's, else any
 * address's that has one. (copyRows writes an empty list as `{}`, hence the array check.)
 */
export const debtorRecordSql = (d: string) => `jsonb_build_object(
  'id', ${d}.id, 'administrationId', ${d}.administration_id, 'number', ${d}.number, 'name', ${d}.name,
  'type', case ${d}.type when 'b2c' then 'person' else 'company' end,
  'vatNumber', ${d}.vat_number, 'cocNumber', ${d}.coc_number, 'email', ${d}.email, 'phone', ${d}.phone,
  'language', ${d}.language,
  'country', (select a ->> 'country'
              from jsonb_array_elements(case jsonb_typeof(${d}.addresses) when 'array' then ${d}.addresses end) a
              where a ->> 'country' is not null order by a ->> 'type' = 'billing' desc limit 1))`;

/**
 * Records `debtor.created` for the debtors that `from` (a FROM clause naming the debtor `d`, its
 * parameters numbered `$1…$n`) yields, in the caller's transaction, when an installation of the tenant
 * subscribes; otherwise writes nothing. Call it only with rows the transaction created. Returns the
 * number of events.
 */
export async function recordDebtorsCreated(
  tx: EventTransaction,
  from: string,
  params: readonly unknown[] = [],
): Promise<number> {
  if (!(await hasSubscriber(tx, 'debtor.created'))) return 0;
  return recordEventsFrom(
    tx,
    'debtor.created',
    `select jsonb_build_object('debtor', ${debtorRecordSql('d')}) as payload from ${from}`,
    params,
  );
}
