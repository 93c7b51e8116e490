import { createHash } from 'node:crypto';
import type { PoolClient } from 'pg';
import { copyRows } from '../db/copy-rows.ts';
import { debtorIdsByNumber, type MergeCounts } from '../debtors/debtor-merge.ts';
import type { InvoiceImportRow, RowError } from '../imports/import-rows.ts';
import { newId } from '../shared/ids.ts';
import { dueDateOf } from './due-date.ts';
import { recordInvoicesCreated } from './invoice-created-events.ts';

export interface InvoiceDefaults {
  currency: string;
  paymentTermDays: number;
}

/** A field an import owns: its `invoice` column, how it is staged, and its value in a resolved row. */
interface ImportedField {
  column: string;
  /** The staging column it comes from, when that is named otherwise. */
  staged?: string;
  /** The staging column's type. */
  type: string;
  /** The value as PostgreSQL prints `column::text` (null for NULL): what COPY writes and comparisons read. */
  text: (row: Resolved) => string | null;
}

// The fields an import owns, declared once: COPY stages them, the upsert writes them, and comparing
// them (by fingerprint, by stored version, and in the upsert's own WHERE) decides whether an existing
// document changed. The open amount is compared through source_open_amount, the value the ERP sent
// last time: when the ERP still sends what it sent before, a payment registered in Kredo since stands.
const IMPORTED: readonly ImportedField[] = [
  { column: 'debtor_id', type: 'text not null', text: (r) => r.debtorId },
  { column: 'issue_date', type: 'date not null', text: (r) => r.issueDate },
  { column: 'due_date', type: 'date not null', text: (r) => r.dueDate },
  { column: 'amount', type: 'bigint not null', text: (r) => String(r.amount) },
  {
    column: 'source_open_amount',
    staged: 'open_amount',
    type: 'bigint not null',
    text: (r) => String(r.openAmount),
  },
  { column: 'currency', type: 'text not null', text: (r) => r.currency },
  { column: 'po_number', type: 'text', text: (r) => r.poNumber },
  { column: 'payment_reference', type: 'text', text: (r) => r.paymentReference },
  { column: 'description', type: 'text', text: (r) => r.description },
];

/** The invoice columns an import owns, in order. */
export const IMPORTED_COLUMNS = IMPORTED.map((f) => f.column);

// A staged row: which document it is, then the imported fields.
const STAGED = [
  { column: 'line', type: 'integer not null' },
  { column: 'id', type: 'text not null' },
  { column: 'number', type: 'text not null' },
  { column: 'document_type', type: 'text not null' },
  ...IMPORTED.map((f) => ({ column: f.staged ?? f.column, type: f.type })),
];

export async function prepareInvoiceStaging(client: PoolClient): Promise<void> {
  const columns = STAGED.map((c) => `${c.column} ${c.type}`).join(', ');
  await client.query(`create temp table if not exists stage_invoice (${columns}) on commit drop`);
}

/** A record as it will be stored: debtor resolved, defaults applied. */
export interface Resolved {
  line: number;
  number: string;
  documentType: string;
  debtorId: string;
  issueDate: string;
  dueDate: string;
  amount: number;
  openAmount: number;
  currency: string;
  poNumber: string | null;
  paymentReference: string | null;
  description: string | null;
}

/**
 * Upserts a batch of invoices and credit notes into one administration by (document type, number):
 * resolve each row's debtor by number (unknown ones are returned as errors) and apply the defaults (a
 * missing due date takes the payment term) → compare with what is stored → stage only new and changed
 * rows with COPY → upsert them. The status follows the open amount, except that a cancelled or
 * written-off document stays so. Unchanged rows cost one indexed read and no write.
 */
export async function mergeInvoices(
  client: PoolClient,
  administrationId: string,
  defaults: InvoiceDefaults,
  records: InvoiceImportRow[],
  run: InvoiceImportRun = newInvoiceImportRun(),
): Promise<MergeCounts & { errors: RowError[] }> {
  const errors: RowError[] = [];
  const rows = await resolve(client, administrationId, defaults, records, errors);
  run.startedEmpty ??= !(await hasInvoices(client, administrationId));
  // Keys are unique within one import, so an administration that was empty when it started holds
  // none of this batch's documents: nothing to compare with.
  if (!run.startedEmpty && run.fingerprints === undefined) {
    // Reading every fingerprint pays off for a large file, not for one UBL document or a small batch.
    run.fingerprints =
      records.length >= PRELOAD_FROM ? await storedFingerprints(client, administrationId) : null;
  }
  let changed = rows;
  if (run.fingerprints) {
    const fingerprints = run.fingerprints;
    changed = rows.filter(
      (row) => fingerprints.get(`${row.documentType}:${row.number}`) !== fingerprint(row),
    );
  } else if (!run.startedEmpty) {
    if (run.writtenSinceAnalyze >= ANALYZE_EVERY) {
      await refreshStatistics(client);
      run.writtenSinceAnalyze = 0;
    }
    const stored = await storedVersions(client, administrationId, rows);
    changed = rows.filter((row) => {
      const current = stored.get(`${row.documentType}:${row.number}`);
      return current === undefined || differs(current, row);
    });
  }
  const unchanged = rows.length - changed.length;
  if (changed.length === 0) return { created: 0, updated: 0, unchanged, errors };

  await client.query('truncate stage_invoice');
  await copyRows(
    client,
    'stage_invoice',
    STAGED.map((c) => c.column),
    changed.map((r) => [
      r.line,
      newId('invoice'),
      r.number,
      r.documentType,
      ...IMPORTED.map((f) => f.text(r)),
    ]),
  );
  const newOpen = `case when i.source_open_amount is distinct from excluded.source_open_amount
                        then excluded.source_open_amount else i.open_amount end`;
  const assignments = [
    ...IMPORTED_COLUMNS.map((c) => `${c} = excluded.${c}`),
    `open_amount = ${newOpen}`,
    `status = case when i.status in ('cancelled', 'written_off') then i.status
                   when (${newOpen}) = 0 then 'paid' else 'open' end`,
    'updated_at = now()',
  ].join(', ');
  const result = await client.query<{ created: number; updated: number }>(
    `with merged as (
       insert into invoice as i (id, tenant_id, administration_id, number, document_type, status, open_amount,
                                 ${IMPORTED_COLUMNS.join(', ')})
       select s.id, current_setting('kredo.tenant_id'), $1, s.number, s.document_type,
              case when s.open_amount = 0 then 'paid' else 'open' end, s.open_amount,
              ${IMPORTED.map((f) => `s.${f.staged ?? f.column}`).join(', ')}
       from stage_invoice s
       on conflict (tenant_id, administration_id, document_type, number) do update set ${assignments}
       where (${IMPORTED_COLUMNS.map((c) => `i.${c}`).join(', ')})
             is distinct from (${IMPORTED_COLUMNS.map((c) => `excluded.${c}`).join(', ')})
       returning (xmax = 0) as inserted
     )
     select count(*) filter (where inserted)::int as created, count(*) filter (where not inserted)::int as updated
     from merged`,
    [administrationId],
  );
  const { created, updated } = result.rows[0] ?? { created: 0, updated: 0 };
  // A staged id is stored only when its row was inserted (an update keeps the stored id).
  if (created > 0) await recordInvoicesCreated(client, 'stage_invoice s join invoice i on i.id = s.id');
  run.writtenSinceAnalyze += created + updated;
  return { created, updated, unchanged: rows.length - created - updated, errors };
}

/** What one import remembers between its batches. */
export interface InvoiceImportRun {
  /** Whether the administration had no documents when the import began; found on the first batch. */
  startedEmpty?: boolean;
  /**
   * Fingerprints of the stored documents by `type:number`, read once per import with one sequential
   * scan, so that comparing a batch costs no database round trip; null for administrations too large
   * to hold in memory, which compare batch by batch instead.
   */
  fingerprints?: Map<string, string> | null;
  writtenSinceAnalyze: number;
}

const MAX_FINGERPRINTS = 2_000_000;
const PRELOAD_FROM = 5_000;

// The imported fields as PostgreSQL's json_build_array prints them; `fingerprint` builds the same text.
// Should the two ever differ for a row, that row is merely staged again: the upsert still skips it.
export const FINGERPRINT_SQL = `md5(json_build_array(${IMPORTED_COLUMNS.map((c) => `${c}::text`).join(', ')})::text)`;

export function fingerprint(row: Resolved): string {
  const values = IMPORTED.map((f) => f.text(row));
  const text = `[${values.map((v) => (v === null ? 'null' : JSON.stringify(v))).join(', ')}]`;
  return createHash('md5').update(text).digest('hex');
}

async function storedFingerprints(
  client: PoolClient,
  administrationId: string,
): Promise<Map<string, string> | null> {
  const count = await client.query<{ n: number }>(
    'select count(*)::int as n from invoice where administration_id = $1',
    [administrationId],
  );
  if ((count.rows[0]?.n ?? 0) > MAX_FINGERPRINTS) return null;
  const result = await client.query<{ key: string; fp: string }>({
    text: `select document_type || ':' || number as key, ${FINGERPRINT_SQL} as fp from invoice where administration_id = $1`,
    values: [administrationId],
    rowMode: 'array',
  } as never);
  const map = new Map<string, string>();
  for (const [key, fp] of result.rows as unknown as [string, string][]) map.set(key, fp);
  return map;
}

// A run that compares batch by batch analyses the table after every this many rows it wrote: the
// comparison joins on the invoice table, and a plan made from statistics of a much smaller table
// scans it whole for every batch.
const ANALYZE_EVERY = 200_000;

export function newInvoiceImportRun(): InvoiceImportRun {
  return { writtenSinceAnalyze: 0 };
}

async function hasInvoices(client: PoolClient, administrationId: string): Promise<boolean> {
  const result = await client.query('select 1 from invoice where administration_id = $1 limit 1', [
    administrationId,
  ]);
  return (result.rowCount ?? 0) > 0;
}

/**
 * ANALYZE needs the table's owner: step out of the application role for it (it reads statistics, no
 * rows reach the caller) and back in. Inside the import's transaction it also counts the rows this
 * import wrote so far.
 */
async function refreshStatistics(client: PoolClient): Promise<void> {
  const { rows } = await client.query<{ role: string }>("select current_setting('role') as role");
  await client.query('set local role none');
  try {
    await client.query('analyze invoice');
  } finally {
    await client.query("select set_config('role', $1, true)", [rows[0]?.role ?? 'none']);
  }
}

async function resolve(
  client: PoolClient,
  administrationId: string,
  defaults: InvoiceDefaults,
  records: InvoiceImportRow[],
  errors: RowError[],
): Promise<Resolved[]> {
  const numbers = [...new Set(records.map((r) => r.debtorNumber))];
  const debtorIds = await debtorIdsByNumber(client, administrationId, numbers);
  const rows: Resolved[] = [];
  for (const r of records) {
    const debtorId = debtorIds.get(r.debtorNumber);
    if (debtorId === undefined) {
      errors.push({
        line: r.line,
        field: 'debtor_number',
        message: `debtor ${r.debtorNumber} does not exist in this administration`,
      });
      continue;
    }
    rows.push({
      line: r.line,
      number: r.number,
      documentType: r.documentType,
      debtorId,
      issueDate: r.issueDate,
      dueDate: dueDateOf(r.issueDate, r.dueDate, defaults.paymentTermDays),
      amount: r.amount,
      openAmount: r.openAmount,
      currency: r.currency ?? defaults.currency,
      poNumber: r.poNumber ?? null,
      paymentReference: r.paymentReference ?? null,
      description: r.description ?? null,
    });
  }
  return rows;
}

async function storedVersions(client: PoolClient, administrationId: string, rows: Resolved[]) {
  const result = await client.query<Record<string, string | null> & { key: string }>(
    `select i.document_type || ':' || i.number as key, ${IMPORTED_COLUMNS.map((c) => `i.${c}::text as ${c}`).join(', ')}
     from unnest($2::text[], $3::text[]) as k (document_type, number)
     join invoice i on i.administration_id = $1 and i.document_type = k.document_type and i.number = k.number`,
    [administrationId, rows.map((r) => r.documentType), rows.map((r) => r.number)],
  );
  return new Map(result.rows.map((row) => [row.key, row]));
}

function differs(stored: Record<string, string | null>, row: Resolved): boolean {
  return IMPORTED.some((f) => stored[f.column] !== f.text(row));
}
