import type { Pool, PoolClient } from 'pg';

/**
 * The stored entries of administration $1 joined to the invoices their structured reference names:
 * the baseline, and the rows the writing baseline books.
 */
const JOINED = `bank_statement_entry e join invoice i
    on i.administration_id = e.administration_id and i.document_type = 'invoice'
   and i.payment_reference_key = upper(replace(e.creditor_reference, ' ', ''))
  where e.administration_id = $1`;

/** Issue 12's baseline: one SQL statement joining the entries to the invoices, read only. */
export const JOIN_BASELINE = `select count(*)::int as n from ${JOINED}`;

/**
 * The floor under any matching that books what it finds: one SQL statement (writable CTEs) that
 * joins the entries to their invoices as `JOIN_BASELINE` does and writes, per credit, the rows
 * Kredo's matching writes, with the same tables' indexes, foreign keys and row-level security:
 * a payment, its allocation, a `payment.received` outbox event with the payment service's payload
 * shape, a `statement_match` row, and an update of the invoice and of the entry. Run after Kredo has
 * matched the statement, so its updates go the other way (the invoices reopened at their amount, the
 * entries moved from matched to queued): the same columns change, so the same indexes are written and
 * neither update can be HOT, as Kredo's cannot. No rule, no planning, no checks beyond the database's:
 * what is left of Kredo's time above it is Kredo's own. The ids are the entry's id under each table's
 * prefix (Kredo makes its own in JavaScript), the events' from `kredo_new_id` as Kredo's events' are.
 * Answers the rows written per table.
 */
const WRITE_BASELINE = `with j as (
    select e.id as entry_id, e.tenant_id, e.administration_id, e.amount, e.currency, e.value_date,
      e.creditor_reference, e.counterparty_name, e.counterparty_iban, i.id as invoice_id, i.number,
      i.debtor_id, split_part(e.id, '_', 2) as id_body
    from ${JOINED}
  ), payments as (
    insert into payment (id, tenant_id, administration_id, debtor_id, external_id, amount, currency, value_date,
      method, reference, payer_name, payer_iban)
    select 'pay_' || id_body, tenant_id, administration_id, debtor_id, 'baseline:' || entry_id, amount, currency,
      value_date, 'bank_transfer', creditor_reference, counterparty_name, counterparty_iban
    from j returning 1
  ), allocations as (
    insert into allocation (id, tenant_id, payment_id, invoice_id, amount)
    select 'alc_' || id_body, tenant_id, 'pay_' || id_body, invoice_id, amount from j returning 1
  ), invoices as (
    update invoice i set open_amount = i.amount, status = 'open', updated_at = now()
    from j where i.id = j.invoice_id returning 1
  ), events as (
    insert into outbox_event (id, tenant_id, name, payload)
    select kredo_new_id('evt'), tenant_id, 'payment.received', jsonb_build_object('payment', jsonb_build_object(
      'id', 'pay_' || id_body, 'administrationId', administration_id, 'debtorId', debtor_id,
      'amount', jsonb_build_object('amount', amount, 'currency', currency), 'paidOn', value_date,
      'reference', creditor_reference, 'allocations', jsonb_build_array(jsonb_build_object(
        'invoiceId', invoice_id, 'amount', jsonb_build_object('amount', amount, 'currency', currency)))))
    from j returning 1
  ), matches as (
    insert into statement_match (tenant_id, id, administration_id, entry_id, payment_id, debtor_id, rule,
      confidence, reason, created_by, created_payment)
    select tenant_id, 'smt_' || id_body, administration_id, entry_id, 'pay_' || id_body, debtor_id,
      'structured_reference', 100, 'checked structured reference of invoice ' || number || '; pays it in full',
      null, true
    from j returning 1
  ), entries as (
    update bank_statement_entry e set match_status = 'queued',
      match_reason = 'checked structured reference of invoice ' || j.number || '; pays it in full',
      match_proposal = null
    from j where e.id = j.entry_id returning 1
  )
  select (select count(*)::int from payments) as payments, (select count(*)::int from allocations) as allocations,
    (select count(*)::int from invoices) as invoices, (select count(*)::int from events) as events,
    (select count(*)::int from matches) as matches, (select count(*)::int from entries) as entries`;

export type WrittenRows = Record<
  'payments' | 'allocations' | 'invoices' | 'events' | 'matches' | 'entries',
  number
>;

/**
 * `WRITE_BASELINE` on `client`, whose open transaction is scoped to the tenant; the caller rolls it
 * back, so the ledger Kredo matched is left as it was.
 */
export async function writeLikeMatching(client: PoolClient, administrationId: string): Promise<WrittenRows> {
  const { rows } = await client.query<WrittenRows>(WRITE_BASELINE, [administrationId]);
  return rows[0] as WrittenRows;
}

/** Vacuums and analyses the tables matching wrote, so the baselines meet settled tables. */
export async function settleTables(pool: Pool): Promise<void> {
  await pool.query(
    'vacuum analyze invoice, bank_statement_entry, payment, allocation, statement_match, outbox_event',
  );
}
