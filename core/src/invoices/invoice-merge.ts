import type { PoolClient } from 'pg';
import { copyRows } from '../db/copy-rows.ts';
import type { MergeCounts } from '../debtors/debtor-merge.ts';
import type { InvoiceRecord, RowError } from '../imports/records.ts';
import { newId } from '../shared/ids.ts';

export interface InvoiceDefaults {
  currency: string;
  paymentTermDays: number;
}

const COLUMNS = [
  'line',
  'id',
  'number',
  'document_type',
  'debtor_number',
  'issue_date',
  'due_date',
  'amount',
  'open_amount',
  'currency',
  'po_number',
  'payment_reference',
  'description',
];
// Fields an import owns; comparing them decides whether an existing document changed. The open amount
// is compared through source_open_amount, the value the ERP sent last time: when the ERP still sends
// what it sent before, a payment registered in Kredo since then stands.
const COMPARED = [
  'debtor_id',
  'issue_date',
  'due_date',
  'amount',
  'source_open_amount',
  'currency',
  'po_number',
  'payment_reference',
  'description',
];

export async function prepareInvoiceStaging(client: PoolClient): Promise<void> {
  await client.query(`create temp table if not exists stage_invoice (
    line integer not null, id text not null, number text not null, document_type text not null,
    debtor_number text not null, issue_date date not null, due_date date, amount bigint not null,
    open_amount bigint not null, currency text, po_number text, payment_reference text, description text
  ) on commit drop`);
}

/**
 * Upserts a batch of invoices and credit notes into one administration by (document type, number).
 * The debtor is found by its number; rows whose debtor does not exist are returned as errors. A
 * missing due date takes the administration's payment term; the status follows the open amount,
 * except that a cancelled or written-off document stays so.
 */
export async function mergeInvoices(
  client: PoolClient,
  administrationId: string,
  defaults: InvoiceDefaults,
  records: InvoiceRecord[],
): Promise<MergeCounts & { errors: RowError[] }> {
  await client.query('truncate stage_invoice');
  await copyRows(
    client,
    'stage_invoice',
    COLUMNS,
    records.map((r) => [
      r.line,
      newId('invoice'),
      r.number,
      r.documentType,
      r.debtorNumber,
      r.issueDate,
      r.dueDate,
      r.amount,
      r.openAmount,
      r.currency,
      r.poNumber,
      r.paymentReference,
      r.description,
    ]),
  );
  const unknown = await client.query<{ line: number; debtor_number: string }>(
    `delete from stage_invoice s
     where not exists (select 1 from debtor d where d.administration_id = $1 and d.number = s.debtor_number)
     returning line, debtor_number`,
    [administrationId],
  );
  const errors: RowError[] = unknown.rows.map((row) => ({
    line: row.line,
    field: 'debtor_number',
    message: `debtor ${row.debtor_number} does not exist in this administration`,
  }));

  const newOpen = `case when i.source_open_amount is distinct from excluded.source_open_amount
                        then excluded.source_open_amount else i.open_amount end`;
  const assignments = [
    ...COMPARED.map((f) => `${f} = excluded.${f}`),
    `open_amount = ${newOpen}`,
    `status = case when i.status in ('cancelled', 'written_off') then i.status
                   when (${newOpen}) = 0 then 'paid' else 'open' end`,
    'updated_at = now()',
  ].join(', ');
  const result = await client.query<{ created: number; updated: number }>(
    `with merged as (
       insert into invoice as i (id, tenant_id, administration_id, number, document_type, status, open_amount,
                                 ${COMPARED.join(', ')})
       select s.id, current_setting('kredo.tenant_id'), $1, s.number, s.document_type,
              case when s.open_amount = 0 then 'paid' else 'open' end, s.open_amount,
              d.id, s.issue_date, coalesce(s.due_date, s.issue_date + $2::int), s.amount, s.open_amount,
              coalesce(s.currency, $3), s.po_number, s.payment_reference, s.description
       from stage_invoice s
       join debtor d on d.administration_id = $1 and d.number = s.debtor_number
       on conflict (administration_id, document_type, number) do update set ${assignments}
       where (${COMPARED.map((f) => `i.${f}`).join(', ')})
             is distinct from (${COMPARED.map((f) => `excluded.${f}`).join(', ')})
       returning (xmax = 0) as inserted
     )
     select count(*) filter (where inserted)::int as created, count(*) filter (where not inserted)::int as updated
     from merged`,
    [administrationId, defaults.paymentTermDays, defaults.currency],
  );
  const { created, updated } = result.rows[0] ?? { created: 0, updated: 0 };
  return { created, updated, unchanged: records.length - errors.length - created - updated, errors };
}
