import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readMt940Details } from './mt940-details.ts';
import type { ParsedStatement } from './parsed-statement.ts';
import { detectFormat, readStatementFile } from './read-statement-file.ts';

// Kredo's own MT940 files (./fixtures), each in one Dutch bank's layout: ING (SWIFT blocks, the
// currency after the IBAN, /CNTP/ and /REMI/USTD//, bank references after //), Rabobank (`:940:`
// lines, two statements, the counterparty's IBAN on the line after :61:, /ORDP//NAME/, CDTRREF) and
// ABN AMRO (its header lines, :28:, /TRTP/ /IBAN/ /NAME/ /REMI/ /EREF/). Lines are cut at 65
// characters mid-word, as the banks cut them.
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const statementsOf = (name: string): ParsedStatement[] => [
  ...readStatementFile(fixture(name), 'mt940').statements,
];

describe('reading MT940', () => {
  it('ING: structured :86: across cut lines, bank references as keys, a reversal of a credit', () => {
    const [statement] = statementsOf('mt940-ing.sta') as [ParsedStatement];
    expect(statement).toMatchObject({
      account: 'NL20INGB0001234567',
      statementRef: 'P261215000000001/00349/2026-12-15',
      currency: 'EUR',
      additionalInfo: '/SUM/4/2/345,50/1694,00/',
      errors: [],
    });
    expect(statement.balances.map((b) => [b.type, b.amount])).toEqual([
      ['OPBD', 1_250_000],
      ['CLBD', 1_384_850],
      ['CLAV', 1_384_850],
      ['FWAV', 1_384_850],
    ]);
    expect(statement.entries[0]).toMatchObject({
      line: 8,
      key: 'ref:2026-12-15:00000000001005',
      amount: 121_000,
      amountText: '1210.00',
      creditDebit: 'credit',
      endToEndId: 'E2E-2026-900101',
      counterpartyName: 'Bakkerij De Gouden Korenaar B.V.',
      counterpartyIban: 'NL36INGB0007654321',
      counterpartyBic: 'INGBNL2A',
      remittanceText: 'Factuur 2026-900101 leveringen november',
    });
    expect(statement.entries[1]).toMatchObject({
      counterpartyName: 'Jansen Installatietechniek',
      creditorReference: '3000020269001040',
      creditorReferenceType: 'SCOR/CUR',
      endToEndId: null,
    });
    expect(statement.entries[2]).toMatchObject({
      creditDebit: 'debit',
      mandateId: 'MNDT-4411',
      bankTransactionCode: 'NDDT',
    });
    expect(statement.entries[3]).toMatchObject({
      creditDebit: 'debit',
      reversal: true,
      additionalInfo: 'return reason MD06',
      counterpartyName: 'Van der Berg Logistiek B.V.',
    });
  });

  it('Rabobank: two statements, the IBAN after :61:, ORDP//NAME and a structured RF reference', () => {
    const statements = statementsOf('mt940-rabobank.swi');
    expect(statements.map((s) => [s.account, s.statementRef, s.entries.length])).toEqual([
      ['NL44RABO0123456789', '940S261215/0/2026-12-15', 3],
      ['NL44RABO0123456789', '940S261216/0/2026-12-16', 1],
    ]);
    const [first] = statements as [ParsedStatement];
    expect(first.entries[0]).toMatchObject({
      key: 'pos:940S261215/0/2026-12-15:1',
      counterpartyName: 'Stichting Groen Wonen',
      counterpartyIban: 'NL63TRIO0212345678',
      creditorReference: 'RF3120260001',
      creditorReferenceType: 'SCOR/ISO',
      endToEndId: '20261215-0042',
    });
    expect(first.entries[1]?.remittanceText).toBe('Factuur 2026-900102 en 2026-900106');
    expect(first.entries[2]).toMatchObject({ creditDebit: 'debit', amount: 4235, counterpartyName: null });
  });

  it('ABN AMRO: its header lines, :28:, /TRTP/ /IBAN/ /NAME/ /REMI/ with CDTRREF', () => {
    const [statement] = statementsOf('mt940-abnamro.sta') as [ParsedStatement];
    expect(statement).toMatchObject({
      account: 'NL91ABNA0417164300',
      statementRef: 'ABN AMRO BANK NV/34501/1/2026-12-15',
      errors: [],
    });
    expect(
      statement.entries.map((e) => [e.creditDebit, e.amount, e.counterpartyName, e.counterpartyIban]),
    ).toEqual([
      ['credit', 242_000, 'Van der Berg Logistiek B.V.', 'NL44INGB0000112233'],
      ['credit', 15_000, 'M. de Vries', 'NL66ASNB0707070707'],
      ['debit', 125_000, 'Verhuur Kantoorpand Zuidas', 'NL09KNAB0255555555'],
    ]);
    expect(statement.entries[0]).toMatchObject({
      creditorReference: '0100020269001050',
      creditorReferenceType: 'SCOR/CUR',
      endToEndId: 'VDB-PAY-20261215-01',
    });
  });

  it('reads an :86: without tags as remittance text', () => {
    expect(readMt940Details('Factuur 2026-001 dank u')).toMatchObject({
      remittanceText: 'Factuur 2026-001 dank u',
      counterpartyName: null,
    });
    // One line starting with an IBAN is free text, not de Volksbank's IBAN-and-name line: the invoice
    // number in it stays in the remittance text, where matching looks.
    const oneLine = ['NL91ABNA0417164300 factuur 2026-0042'];
    expect(readMt940Details(oneLine[0] as string, oneLine)).toMatchObject({
      remittanceText: 'NL91ABNA0417164300 factuur 2026-0042',
      counterpartyIban: null,
      counterpartyName: null,
    });
  });

  it('names the statement line it cannot read, and a statement without its balances', () => {
    const text = fixture('mt940-ing.sta')
      .toString()
      .replace(':61:2612151215C484,00', ':61:2612151215X484,00');
    const [statement] = [...readStatementFile(Buffer.from(text), 'mt940').statements] as [ParsedStatement];
    expect(statement.errors).toEqual([
      {
        line: 13,
        field: ':61:',
        message:
          'statement P261215000000001/00349/2026-12-15, entry 2: ":61:2612151215X484,00NTRFNOTPROVIDED//000000" is not a statement line (value date, D/C mark, amount, type code)',
      },
    ]);
    const cut = fixture('mt940-abnamro.sta')
      .toString()
      .replace(/:62F:.*\r\n/, '');
    const [broken] = [...readStatementFile(Buffer.from(cut), 'mt940').statements] as [ParsedStatement];
    expect(broken.errors).toEqual([
      { line: 4, field: ':62F:', message: 'statement 1: :62F: (the closing balance) is missing' },
    ]);
  });

  it('refuses a value date that is not on the calendar, and reads an entry date across New Year', () => {
    const text = fixture('mt940-abnamro.sta')
      .toString()
      .replace(':61:2612151215C150,00', ':61:2604311215C150,00')
      .replace(':61:2612151215D1250,00', ':61:2701020102D1250,00')
      .replace(':61:2612151215C2420,00', ':61:2701021231C2420,00');
    const [statement] = [...readStatementFile(Buffer.from(text), 'mt940').statements] as [ParsedStatement];
    expect(statement.errors.map((e) => e.message)).toEqual([
      'statement ABN AMRO BANK NV/34501/1/2026-12-15, entry 2: "260431" is not a date (YYMMDD)',
    ]);
    expect(statement.entries.map((e) => [e.valueDate, e.bookingDate])).toEqual([
      ['2027-01-02', '2026-12-31'],
      ['2027-01-02', '2027-01-02'],
    ]);
  });

  it("reads the 29th or 30th of February of a savings bank's interest as February's last day", () => {
    const text = fixture('mt940-abnamro.sta')
      .toString()
      .replace(':61:2612151215C150,00', ':61:2602300230C150,00')
      .replace(':61:2612151215D1250,00', ':61:2802290229D1250,00');
    const [statement] = [...readStatementFile(Buffer.from(text), 'mt940').statements] as [ParsedStatement];
    expect(statement.errors).toEqual([]);
    expect(statement.entries.slice(1, 3).map((e) => [e.valueDate, e.bookingDate])).toEqual([
      ['2026-02-28', '2026-02-28'],
      ['2028-02-29', '2028-02-29'],
    ]);
  });

  it("ASN Bank (de Volksbank): SWIFT blocks ending `-}{5:}`, the counterparty's IBAN and name on :86:'s first line", () => {
    const statements = statementsOf('mt940-asn.940');
    expect(statements.map((s) => [s.account, s.statementRef, s.errors])).toEqual([
      ['NL81ASNB0708271685', '0000000000/14/1/2026-12-15', []],
      ['NL81ASNB0708271685', '0000000000/15/1/2026-12-16', []],
    ]);
    expect(statements[0]?.balances.map((b) => [b.type, b.amount])).toEqual([
      ['OPBD', 44_429],
      ['CLBD', 98_429],
    ]);
    expect(
      statements[0]?.entries.map((e) => [
        e.creditDebit,
        e.amount,
        e.counterpartyIban,
        e.counterpartyName,
        e.remittanceText,
      ]),
    ).toEqual([
      ['credit', 60_500, 'NL67INGB0006543210', 'Bakkerij De Gouden Korenaar', 'Factuur 2026-0042'],
      ['debit', 6_500, 'NL22SNSB0912345678', 'J. de Vries', 'Retour zending 17'],
    ]);
    expect(statements[1]?.entries).toEqual([]);
  });

  it("ING's classic export: the `0000 01INGBNL2AXXXX00001` and `940 00` header, the `-XXX` end", () => {
    const [statement] = statementsOf('mt940-ing-classic.sta') as [ParsedStatement];
    expect(statement).toMatchObject({
      account: '0001234567',
      statementRef: 'MPBZ/000/2026-12-15',
      additionalInfo: 'D000001C000001D25,03C121,00',
      errors: [],
    });
    expect(statement.entries.map((e) => [e.creditDebit, e.amount, e.bookingDate])).toEqual([
      ['debit', 2_503, '2026-12-15'],
      ['credit', 12_100, '2026-12-15'],
    ]);
  });

  it('mBank: SOH and ETX around each message, a funds code after the mark, a type code of spaces', () => {
    const [statement] = statementsOf('mt940-mbank.sta') as [ParsedStatement];
    expect(statement.errors).toEqual([]);
    expect(
      statement.entries.map((e) => [e.creditDebit, e.amount, e.bankTransactionCode, e.accountServicerRef]),
    ).toEqual([
      ['credit', 4_500, 'NTRF', 'MB261215323000'],
      ['debit', 2_400, 'S', null],
    ]);
    expect(statement.entries[0]?.remittanceText).toBe('911 PRZELEW; TYT.: FAKTURA VAT NR FV-0042/12/2026');
  });

  it('refuses an MT942 interim report whole, saying what to import instead', () => {
    expect(() => readStatementFile(fixture('mt942-mbank.sta'))).toThrow(
      /an MT942 interim transaction report \(:34F:, :13D:\), not an MT940 statement: import the day's MT940 or CAMT\.053/,
    );
  });

  it('tells the formats apart by content', () => {
    expect(detectFormat(fixture('mt940-rabobank.swi'))).toBe('mt940');
    expect(detectFormat(fixture('mt940-ing.sta'))).toBe('mt940');
    expect(detectFormat(fixture('camt053-v8-commerzbank.xml'))).toBe('camt053');
    expect(() => detectFormat(Buffer.from('debtor_number,name\n1,A\n'))).toThrow(
      /neither CAMT.053 \(XML\) nor MT940/,
    );
    expect(() => readStatementFile(Buffer.from('hello\n:20:X\n'), 'mt940')).toThrow(
      /does not start with MT940 fields \(found "hello"\) \(line 1\)/,
    );
  });
});
