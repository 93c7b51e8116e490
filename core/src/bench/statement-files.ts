// The files the bank-statement benchmark reads: one generated CAMT.053 statement of N credits, and the
// same entries already in `bank_statement_entry`'s columns in COPY's text format, for the baseline.
// Both are written from one list of entries before anything is timed.

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { newId } from '../shared/ids.ts';

export const BENCH_ACCOUNT = 'NL20INGB0001234567';
const STATEMENT_REF = 'BENCH-STATEMENT-1';
const BOOKED = '2026-12-16';

export interface BenchEntry {
  n: number;
  cents: number;
  reference: string;
  iban: string;
}

/** The n-th credit: an amount, an RF creditor reference (ISO 11649) and a payer, all derived from n. */
export function entryOf(n: number): BenchEntry {
  return {
    n,
    cents: 100 + ((n * 7919) % 500_000),
    reference: rfReference(`INV${n}`),
    iban: 'NL36INGB0007654321',
  };
}

/** ISO 11649: `RF`, two check digits making the whole, letters as numbers, 1 modulo 97. */
export function rfReference(body: string): string {
  const digits = `${body}RF00`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  return `RF${String(98n - (BigInt(digits) % 97n)).padStart(2, '0')}${body}`;
}

const euros = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

function ntry(e: BenchEntry): string {
  return (
    `<Ntry><Amt Ccy="EUR">${euros(e.cents)}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>` +
    `<BookgDt><Dt>${BOOKED}</Dt></BookgDt><ValDt><Dt>${BOOKED}</Dt></ValDt><AcctSvcrRef>BENCH-${e.n}</AcctSvcrRef>` +
    '<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>' +
    `<NtryDtls><TxDtls><Refs><EndToEndId>E2E-${e.n}</EndToEndId></Refs><RltdPties><Dbtr><Pty><Nm>Debtor ${e.n % 1000}</Nm></Pty></Dbtr>` +
    `<DbtrAcct><Id><IBAN>${e.iban}</IBAN></Id></DbtrAcct></RltdPties><RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry>` +
    `<Issr>ISO</Issr></Tp><Ref>${e.reference}</Ref></CdtrRefInf></Strd></RmtInf></TxDtls></NtryDtls></Ntry>\n`
  );
}

const balance = (code: string, cents: number, date: string) =>
  `<Bal><Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">${euros(cents)}</Amt>` +
  `<CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>${date}</Dt></Dt></Bal>`;

/** Writes the statement (version 8) with `count` credits, the n-th on line n + 2. */
export async function writeCamtStatement(path: string, count: number): Promise<void> {
  let closing = 0;
  for (let n = 1; n <= count; n++) closing += entryOf(n).cents;
  const out = createWriteStream(path);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(
    '<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt>' +
      `<GrpHdr><MsgId>BENCH</MsgId><CreDtTm>${BOOKED}T20:00:00+01:00</CreDtTm></GrpHdr><Stmt><Id>${STATEMENT_REF}</Id>` +
      `<Acct><Id><IBAN>${BENCH_ACCOUNT}</IBAN></Id><Ccy>EUR</Ccy></Acct>` +
      `${balance('OPBD', 0, '2026-12-15')}${balance('CLBD', closing, BOOKED)}\n`,
  );
  for (let n = 1; n <= count; n++) await write(ntry(entryOf(n)));
  await write('</Stmt></BkToCstmrStmt></Document>\n');
  out.end();
  await once(out, 'finish');
}

/** The columns the COPY file fills, in its order. */
export const ENTRY_COPY_COLUMNS = [
  'tenant_id',
  'id',
  'administration_id',
  'statement_id',
  'account',
  'entry_key',
  'position',
  'line',
  'booking_date',
  'value_date',
  'amount',
  'amount_text',
  'currency',
  'credit_debit',
  'reversal',
  'status',
  'bank_transaction_code',
  'account_servicer_ref',
  'end_to_end_id',
  'counterparty_name',
  'counterparty_iban',
  'creditor_reference',
  'creditor_reference_type',
];

/** The same entries as rows of `bank_statement_entry`, as the importer stores them. */
export async function writeEntryCopyFile(
  path: string,
  count: number,
  context: { tenantId: string; administrationId: string; statementId: string },
): Promise<void> {
  const out = createWriteStream(path);
  for (let n = 1; n <= count; n++) {
    const e = entryOf(n);
    const row = [
      context.tenantId,
      newId('bankStatementEntry'),
      context.administrationId,
      context.statementId,
      BENCH_ACCOUNT,
      `ref:${BOOKED}:BENCH-${n}`,
      n,
      n + 2,
      BOOKED,
      BOOKED,
      e.cents,
      euros(e.cents),
      'EUR',
      'credit',
      'f',
      'booked',
      'PMNT/RCDT/ESCT',
      `BENCH-${n}`,
      `E2E-${n}`,
      `Debtor ${n % 1000}`,
      e.iban,
      e.reference,
      'SCOR/ISO',
    ];
    if (!out.write(`${row.join('\t')}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
