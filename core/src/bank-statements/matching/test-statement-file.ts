/** An entry of a test CAMT.053 statement: what the bank said that matching reads. */
export interface TestCamtEntry {
  cents: number;
  creditDebit?: 'CRDT' | 'DBIT';
  status?: 'BOOK' | 'PDNG';
  /** The creditor reference (`RmtInf/Strd/CdtrRefInf/Ref`). */
  reference?: string;
  text?: string;
  endToEndId?: string;
  iban?: string;
}

const euros = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

/**
 * A CAMT.053 (version 8) file of one statement of `account` with `entries`, each with a servicer
 * reference of its own (`<statementRef>-<n>`), for tests that import through the front door.
 */
export function camtStatement(
  account: string,
  statementRef: string,
  entries: readonly TestCamtEntry[],
): string {
  const ntry = (e: TestCamtEntry, n: number) =>
    `<Ntry><Amt Ccy="EUR">${euros(e.cents)}</Amt><CdtDbtInd>${e.creditDebit ?? 'CRDT'}</CdtDbtInd>` +
    `<Sts><Cd>${e.status ?? 'BOOK'}</Cd></Sts><BookgDt><Dt>2026-12-16</Dt></BookgDt><ValDt><Dt>2026-12-16</Dt></ValDt>` +
    `<AcctSvcrRef>${statementRef}-${n}</AcctSvcrRef><NtryDtls><TxDtls>` +
    `<Refs><EndToEndId>${e.endToEndId ?? 'NOTPROVIDED'}</EndToEndId></Refs>` +
    `<RltdPties><Dbtr><Pty><Nm>Payer ${n}</Nm></Pty></Dbtr><DbtrAcct><Id><IBAN>${e.iban ?? 'NL36INGB0007654321'}</IBAN></Id></DbtrAcct></RltdPties>` +
    '<RmtInf>' +
    (e.text ? `<Ustrd>${e.text}</Ustrd>` : '') +
    (e.reference
      ? `<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>${e.reference}</Ref></CdtrRefInf></Strd>`
      : '') +
    '</RmtInf></TxDtls></NtryDtls></Ntry>\n';
  const balance = (code: string, date: string) =>
    `<Bal><Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">0.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>${date}</Dt></Dt></Bal>`;
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt>' +
    `<GrpHdr><MsgId>${statementRef}</MsgId><CreDtTm>2026-12-16T20:00:00+01:00</CreDtTm></GrpHdr><Stmt><Id>${statementRef}</Id>` +
    `<Acct><Id><IBAN>${account}</IBAN></Id><Ccy>EUR</Ccy></Acct>${balance('OPBD', '2026-12-15')}${balance('CLBD', '2026-12-16')}\n` +
    entries.map((entry, i) => ntry(entry, i + 1)).join('') +
    '</Stmt></BkToCstmrStmt></Document>\n'
  );
}
