/**
 * The insight bench's ledger as SQL: every row is a function of its number `k`, so PostgreSQL makes
 * the rows itself (`generate_series`) and nothing is built in Node or sent over the wire. Statements
 * take the tenant as $1 and the administration as $2; the rest is numbers and the fixed date, inlined.
 */

/** The business date the bench's figures are computed for. */
export const INSIGHT_AS_OF = '2026-12-01';

/**
 * Time-ordered ids as Kredo's own (`inv_` + 26 of the id alphabet): the 10-character time part of one
 * real id, then the row's number in 16 digits, so a kind's ids sort by number like a bulk import's.
 */
export function idSql(prefix: string, timePart: string, number: string): string {
  return `'${prefix}_${timePart}' || lpad((${number})::text, 16, '0')`;
}

/** The number back from an id made by `idSql`. */
export function numberOfIdSql(id: string): string {
  return `substr(${id}, 15)::bigint`;
}

/**
 * Invoices `from` to `to` (exclusive) of `debtors` debtors, a derived table
 * `(k, debtor, issued, due, amount, paid, value_date)`: issued over the year before the bench's date,
 * due 30 days later; four in five of those due a month before the bench's date were paid (`paid`), on
 * a value date around their due date.
 */
export function invoiceRowsSql(from: number, to: number, debtors: number): string {
  return `(select s.k, s.k % ${debtors} as debtor, s.issued, s.issued + 30 as due, s.amount,
       s.issued + 30 < date '${INSIGHT_AS_OF}' - 30 and s.k % 5 <> 0 as paid,
       s.issued + 30 + (s.k % 41)::int - 20 as value_date
     from (select k, date '${INSIGHT_AS_OF}' - 1 - (k * 7919 % 365)::int as issued, 1000 + k * 104729 % 500000 as amount
           from generate_series(${from}::bigint, ${to - 1}::bigint) k) s)`;
}

/**
 * Debtors `0` to `count − 1`; one in ten has a credit limit of 1,000.00 to 10,000.00 EUR, and goes over
 * it: with `count` a multiple of 5, a debtor's invoices share its number's remainder by 5, so the
 * invoices left open (`k % 5 = 0`) are those of the debtors with limits, among others.
 */
export function debtorsSql(count: number, timePart: string): string {
  return `insert into debtor (id, tenant_id, administration_id, number, name, type, credit_limit, credit_limit_currency)
    select ${idSql('dbt', timePart, 'j')}, $1, $2, 'D' || j, 'Debtor ' || j, 'b2b',
      case when j % 10 = 0 then 100000 * (1 + j * 7 % 10) end, case when j % 10 = 0 then 'EUR' end
    from generate_series(0::bigint, ${count - 1}::bigint) j`;
}

export function invoicesSql(from: number, to: number, debtors: number, timePart: string): string {
  return `insert into invoice (id, tenant_id, administration_id, debtor_id, number, document_type, issue_date,
      due_date, amount, open_amount, currency, status)
    select ${idSql('inv', timePart, 'r.k')}, $1, $2, ${idSql('dbt', timePart, 'r.debtor')}, 'I' || r.k, 'invoice',
      r.issued, r.due, r.amount, case when r.paid then 0 else r.amount end, 'EUR',
      case when r.paid then 'paid' else 'open' end
    from ${invoiceRowsSql(from, to, debtors)} r`;
}

/** One payment per paid invoice, of its amount, on its value date. */
export function paymentsSql(from: number, to: number, debtors: number, timePart: string): string {
  return `insert into payment (id, tenant_id, administration_id, debtor_id, amount, currency, value_date)
    select ${idSql('pay', timePart, 'r.k')}, $1, $2, ${idSql('dbt', timePart, 'r.debtor')}, r.amount, 'EUR', r.value_date
    from ${invoiceRowsSql(from, to, debtors)} r where r.paid`;
}

/** Each payment allocated whole to its invoice. */
export function allocationsSql(from: number, to: number, debtors: number, timePart: string): string {
  return `insert into allocation (id, tenant_id, payment_id, invoice_id, amount)
    select ${idSql('alc', timePart, 'r.k')}, $1, ${idSql('pay', timePart, 'r.k')}, ${idSql('inv', timePart, 'r.k')}, r.amount
    from ${invoiceRowsSql(from, to, debtors)} r where r.paid`;
}

/**
 * Promises to pay of two debtors in ten: for the one, on the debtor's latest open invoice, promised a
 * week after its due date (broken when that and 3 days' grace have passed, else open); for the other,
 * on its latest paid invoice, kept on its due date.
 */
export function promisesSql(timePart: string): string {
  return `insert into payment_promise (tenant_id, id, administration_id, debtor_id, invoice_ids, currency, amount,
      open_at_start, promised_on, grace_days, made_on, status, paid, closed_at)
    select $1, ${idSql('prm', timePart, numberOfIdSql('i.debtor_id'))}, $2, i.debtor_id, array[i.id], i.currency,
      i.amount, i.amount, p.promised_on, 3, p.promised_on - 14, p.status,
      case when p.status = 'kept' then i.amount else 0 end,
      case when p.status <> 'open' then (p.promised_on + 4)::timestamptz end
    from (select distinct on (debtor_id) * from invoice
          where administration_id = $2 and ${numberOfIdSql('debtor_id')} % 10 in (1, 2)
            and status = case when ${numberOfIdSql('debtor_id')} % 10 = 1 then 'open' else 'paid' end
          order by debtor_id, due_date desc) i
    cross join lateral (select case when i.status = 'paid' then i.due_date else i.due_date + 7 end as promised_on) d
    cross join lateral (select d.promised_on, case when i.status = 'paid' then 'kept'
        when d.promised_on + 3 < date '${INSIGHT_AS_OF}' then 'broken' else 'open' end as status) p`;
}

/**
 * Disputes of one debtor in fifty, on its oldest open invoice, opened 10 days after it was due (at the
 * latest on the bench's date): every other one open, the rest resolved (rejected) 20 days later.
 */
export function disputesSql(timePart: string): string {
  return `insert into dispute (tenant_id, id, administration_id, debtor_id, invoice_ids, type, description, status,
      language, opened_on, due_on, resolution, resolved_at, ack_status)
    select $1, ${idSql('dsp', timePart, numberOfIdSql('i.debtor_id'))}, $2, i.debtor_id, array[i.id], 'quality',
      'Bench dispute', case when d.resolved then 'resolved' else 'open' end, 'en', d.opened_on, d.opened_on + 14,
      case when d.resolved then 'rejected' end, case when d.resolved then (d.opened_on + 20)::timestamptz end, 'sent'
    from (select distinct on (debtor_id) * from invoice
          where administration_id = $2 and status = 'open' and ${numberOfIdSql('debtor_id')} % 50 = 5
          order by debtor_id, due_date) i
    cross join lateral (select ${numberOfIdSql('i.debtor_id')} % 100 = 55
        and i.due_date + 30 <= date '${INSIGHT_AS_OF}' as resolved,
      least(i.due_date + 10, date '${INSIGHT_AS_OF}') as opened_on) d`;
}
