import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ParsedStatement } from './parsed-statement.ts';
import { readStatementFile } from './read-statement-file.ts';

// Kredo's own CAMT.053 files (./fixtures), written for the paths genkgo's files do not reach:
// several statements, a batch of transactions in one entry, five decimals, a reversal with its
// return reason, a pending entry, structured references (RF and the Dutch betalingskenmerk), and
// versions 2, 5 and 8 with their differences (Sts/Cd, Pty/Nm, BICFI, booking time).
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const statementsOf = (name: string): ParsedStatement[] => [...readStatementFile(fixture(name)).statements];

describe('reading CAMT.053', () => {
  it('v2: several statements, a batch as one row per transaction, five decimals, a reversal, a pending entry', () => {
    const file = readStatementFile(fixture('camt053-v2-rabobank.xml'));
    expect(file.formatVersion).toBe('camt.053.001.02');
    const [first, second] = [...file.statements] as [ParsedStatement, ParsedStatement];
    expect([first.statementRef, second.statementRef]).toEqual([
      'RABO-0300065264-2026-12-16',
      'RABO-0300065264-2026-12-17',
    ]);
    expect(first).toMatchObject({
      account: 'NL39RABO0300065264',
      currency: 'EUR',
      messageId: 'RABO-CAMT053-20261217-0001',
      errors: [],
    });
    expect(first.balances.map((b) => [b.type, b.amount, b.date])).toEqual([
      ['OPBD', 1_000_000, '2026-12-15'],
      ['CLBD', 1_287_001, '2026-12-16'],
    ]);
    // The batch of 2,250.00: three rows with their own amounts, parties and references.
    expect(
      first.entries.slice(0, 3).map((e) => [e.position, e.key, e.amount, e.counterpartyName, e.endToEndId]),
    ).toEqual([
      [
        1,
        'ref:2026-12-16:RABO-20261216-000101-1',
        121_000,
        'Bakkerij De Gouden Korenaar B.V.',
        'GK-2026-900201',
      ],
      [2, 'ref:2026-12-16:RABO-20261216-000101#2', 60_500, 'Stichting Groen Wonen', null],
      [3, 'ref:2026-12-16:RABO-20261216-000101#3', 43_500, 'Jansen Installatietechniek', 'JI-77120'],
    ]);
    expect(first.entries[0]).toMatchObject({
      creditorReference: 'RF64NL01INV20260003',
      creditorReferenceType: 'SCOR/ISO',
      counterpartyIban: 'NL36INGB0007654321',
      counterpartyBic: 'INGBNL2A',
      additionalInfo: 'Verzamelboeking 3 posten',
      bankTransactionCode: 'PMNT/RCDT/ESCT',
    });
    expect(first.entries[2]?.remittanceText).toBe('Factuur 2026-900203 en 2026-900204');
    // Five decimals: rounded half up to cents, the bank's text kept.
    expect(first.entries[3]).toMatchObject({
      amount: 62_001,
      amountText: '620.00500',
      counterpartyIban: 'GB29NWBK60161331926819',
    });
    // A returned credit: a debit with RvslInd, still naming who paid, with the return reason.
    expect(second.entries[0]).toMatchObject({
      creditDebit: 'debit',
      reversal: true,
      amount: 60_500,
      counterpartyName: 'Stichting Groen Wonen',
      additionalInfo: 'return reason AC04',
      valueDate: '2026-12-16',
    });
    expect(second.entries[1]).toMatchObject({
      status: 'pending',
      bookingDate: null,
      key: 'ntry:RABO-0300065264-2026-12-17:PDNG-1',
    });
  });

  it('v5: the Dutch betalingskenmerk, a collected direct debit with its mandate, an outgoing payment', () => {
    const [statement] = statementsOf('camt053-v5-ing.xml') as [ParsedStatement];
    expect(statement.errors).toEqual([]);
    expect(statement.entries.map((e) => [e.creditDebit, e.amount, e.key])).toEqual([
      ['credit', 96_800, 'ref:2026-12-16:00000000001101'],
      ['credit', 39_500, 'ref:2026-12-16:00000000001102'],
      ['debit', 27_900, 'ref:2026-12-16:00000000001103'],
    ]);
    expect(statement.entries[0]).toMatchObject({
      creditorReference: '3000020269001040',
      creditorReferenceType: 'SCOR/CUR',
    });
    expect(statement.entries[1]).toMatchObject({
      mandateId: 'MNDT-0097',
      bankTransactionCode: 'PMNT/IDDT/ESDD',
    });
    // A debit's counterparty is its creditor.
    expect(statement.entries[2]).toMatchObject({
      counterpartyName: 'Kantoorartikelen Online B.V.',
      counterpartyBic: 'KNABNL2H',
      entryRef: 'OUT-12',
    });
  });

  it('v8: status as a code, parties under Pty, BICFI, booking date and time', () => {
    const [statement] = statementsOf('camt053-v8-commerzbank.xml') as [ParsedStatement];
    expect(statement).toMatchObject({ account: 'DE89370400440532013000', errors: [] });
    expect(statement.entries[0]).toMatchObject({
      status: 'booked',
      bookingDate: '2026-12-16',
      counterpartyName: 'Müller & Söhne GmbH',
      counterpartyBic: 'BYLADEM1001',
      creditorReference: 'RF3120260001',
      amount: 119_000,
    });
  });

  it('names the statement, entry, element and line of an entry it cannot read, and reads the others', () => {
    const xml = fixture('camt053-v5-ing.xml')
      .toString()
      .replace('<Amt Ccy="EUR">395.00</Amt>', '<Amt Ccy="EUR">3,95</Amt>')
      .replace('<CdtDbtInd>DBIT</CdtDbtInd>', '<CdtDbtInd>DEBIT</CdtDbtInd>');
    const [statement] = [...readStatementFile(Buffer.from(xml)).statements] as [ParsedStatement];
    const lineOf = (n: number) =>
      xml
        .split('\n')
        .findIndex(
          (line, at, all) =>
            line.includes('<Ntry>') && all.slice(0, at).filter((l) => l.includes('<Ntry>')).length === n - 1,
        ) + 1;
    expect(statement.errors).toEqual([
      {
        line: lineOf(2),
        field: 'Ntry/Amt',
        message: 'statement ING-0001234567-2026-12-16, entry 2: amount "3,95" is not an unsigned decimal',
      },
      {
        line: lineOf(3),
        field: 'Ntry/CdtDbtInd',
        message: 'statement ING-0001234567-2026-12-16, entry 3: Ntry/CdtDbtInd is "DEBIT", not CRDT or DBIT',
      },
    ]);
    expect(statement.entries).toHaveLength(1);
  });

  it('reads a document whose elements carry a namespace prefix as one without', () => {
    const plain = fixture('camt053-v5-ing.xml').toString();
    const prefixed = plain
      .replace(/<(\/?)([A-Za-z])/g, '<$1c:$2')
      .replace(
        'xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.05"',
        'xmlns:c="urn:iso:std:iso:20022:tech:xsd:camt.053.001.05"',
      );
    expect(prefixed).toContain('<c:Ntry>');
    const read = (xml: string) => [...readStatementFile(Buffer.from(xml)).statements];
    expect(read(prefixed)).toEqual(read(plain));
  });

  it('refuses a date that is not on the calendar', () => {
    const xml = fixture('camt053-v8-commerzbank.xml')
      .toString()
      .replace('<Dt>2026-12-16</Dt>\n        </ValDt>', '<Dt>2026-02-30</Dt>\n        </ValDt>');
    const [statement] = [...readStatementFile(Buffer.from(xml)).statements] as [ParsedStatement];
    expect(statement.errors.map((e) => e.message)).toEqual([
      'statement CBK-0532013000-2026-350, entry 1: Ntry/ValDt "2026-02-30" is not a date',
    ]);
  });

  it('refuses a batch whose transactions lack their amounts', () => {
    const xml = fixture('camt053-v2-rabobank.xml')
      .toString()
      .replace('<TxAmt>\n', '<TxAmtX>\n')
      .replace(/(<\/Amt>\s*)<\/TxAmt>/, '$1</TxAmtX>');
    const [statement] = [...readStatementFile(Buffer.from(xml)).statements] as [ParsedStatement];
    expect(statement.errors[0]?.message).toMatch(/entry 1: TxDtls\[1\]\/Amt .* is missing/);
  });

  it('reads versions 9 to 13 as version 8: the elements it reads are named alike', () => {
    const v8 = fixture('camt053-v8-commerzbank.xml').toString();
    const [expected] = [...readStatementFile(Buffer.from(v8)).statements] as [ParsedStatement];
    expect(expected.entries.length).toBeGreaterThan(0);
    for (const version of ['09', '10', '11', '12', '13']) {
      const file = readStatementFile(Buffer.from(v8.replace('camt.053.001.08', `camt.053.001.${version}`)));
      expect(file.formatVersion).toBe(`camt.053.001.${version}`);
      const [statement] = [...file.statements] as [ParsedStatement];
      expect({ ...statement, formatVersion: expected.formatVersion }).toEqual(expected);
    }
  });

  it('refuses versions it does not read and XML that is not a statement', () => {
    const v14 = fixture('camt053-v8-commerzbank.xml')
      .toString()
      .replace('camt.053.001.08', 'camt.053.001.14');
    expect(() => readStatementFile(Buffer.from(v14))).toThrow(
      /not a CAMT.053 statement of version 2 to 13 \(found urn:iso:std:iso:20022:tech:xsd:camt.053.001.14\)/,
    );
    expect(() =>
      readStatementFile(
        Buffer.from('<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>'),
      ),
    ).toThrow(/found no Document/);
    expect(() => readStatementFile(Buffer.from('<Document><x></Document>'))).toThrow(/not well-formed/);
  });

  it('refuses a document with a group header and no statement, rather than importing nothing', () => {
    const header = `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
<GrpHdr><MsgId>CAMT053-EMPTY</MsgId><CreDtTm>2026-12-15T18:43:50+00:00</CreDtTm></GrpHdr>
</BkToCstmrStmt></Document>`;
    expect(() => readStatementFile(Buffer.from(header))).toThrow(
      'the CAMT.053 file holds no statement (no Stmt element)',
    );
  });
});
