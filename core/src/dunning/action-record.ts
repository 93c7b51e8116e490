/**
 * The SDK's `DunningActionRecord` (sdk/src/records.ts) built in SQL from dunning_action row `x`: what
 * `dunning.action.created` and `dunning.message.sent` carry, so a run's events are written by one
 * statement per chunk.
 */
export const actionRecordSql = (x: string) => `jsonb_build_object(
  'id', ${x}.id, 'administrationId', ${x}.administration_id, 'debtorId', ${x}.debtor_id, 'kind', ${x}.kind,
  'step', ${x}.step_name, 'strategyId', ${x}.strategy_id, 'strategyVersion', ${x}.strategy_version,
  'episode', ${x}.episode, 'dueOn', ${x}.due_on, 'language', ${x}.language,
  'totalOpen', jsonb_build_object('amount', ${x}.total_open, 'currency', ${x}.currency),
  'invoices', (select coalesce(jsonb_agg(jsonb_build_object(
      'invoiceId', e ->> 'invoiceId', 'number', e ->> 'number', 'dueDate', e ->> 'dueDate',
      'daysOverdue', (e ->> 'daysOverdue')::int,
      'openAmount', jsonb_build_object('amount', (e ->> 'openAmount')::bigint, 'currency', e ->> 'currency'))
    order by n), '[]'::jsonb)
    from jsonb_array_elements(${x}.invoices) with ordinality as t (e, n)))`;
