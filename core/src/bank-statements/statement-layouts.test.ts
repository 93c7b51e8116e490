import { describe, expect, it } from 'vitest';
import type { ParsedStatement } from './parsed-statement.ts';
import { readStatementFile } from './read-statement-file.ts';

// Layouts banks really write that stray from the standards, met in other parsers' test files
// (jejik/mt940, fruitl00p/php-mt940, zilverline/mt940, SharpMt940Lib, webschik/mt940-js,
// kedder/ofxstatement-iso20022, Subite camt-to-coda). Each case is a short statement of our own in
// that bank's layout, the lines that differ kept as the bank writes them.

const read = (text: string, format?: 'mt940' | 'camt053'): ParsedStatement[] => [
  ...readStatementFile(Buffer.from(text, 'latin1'), format).statements,
];
const lines = (...all: string[]) => `${all.join('\r\n')}\r\n`;

describe('MT940 layouts beyond the Dutch banks’', () => {
  it('Knab: the IBAN in :25: printed in groups of four', () => {
    const [statement] = read(
      lines(
        '{1:F01KNABNL2HAXXX0000000000}{2:I940KNABNL2HXXXXN3020}{4:',
        ':20:KNAB20261216',
        ':25:NL67 KNAB 0255 7411 36',
        ':28C:1/1',
        ':60F:C261215EUR0,',
        ':61:2612161216C1000,NTRFNONREF//ABC9886658908791',
        ':86:REK: NL91ABNA0417164300/NAAM: BEDRIJF VOF',
        ':62F:C261216EUR1000,',
        '-}',
      ),
    ) as [ParsedStatement];
    expect(statement).toMatchObject({ account: 'NL67KNAB0255741136', errors: [] });
    expect(statement.entries).toHaveLength(1);
  });

  it('Deutsche Bank and Commerzbank: a space between the amount and the type code', () => {
    const [statement] = read(
      lines(
        ':20:DEUTDEMMXXX',
        ':25:20070000/0123456601',
        ':28C:00143/1',
        ':60F:C261215EUR0,00',
        ':61:2612161216D12,35 NRTIKREF+//2016021783252833',
        ':86:177?00SEPA-UEBERWEISUNG?20SVWZ+Rechnung 2026-0042',
        ':61:2612161216C50,00 NTRFNONREF//2109025460313532',
        ':62F:C261216EUR37,65',
        '-',
      ),
    ) as [ParsedStatement];
    expect(statement.errors).toEqual([]);
    expect(
      statement.entries.map((e) => [e.creditDebit, e.amount, e.bankTransactionCode, e.accountServicerRef]),
    ).toEqual([
      ['debit', 1_235, 'NRTI', '2016021783252833'],
      ['credit', 5_000, 'NTRF', '2109025460313532'],
    ]);
  });

  it('Rabobank’s old 940A export and Standard Bank’s GBP statements: a decimal point', () => {
    const [rabobank] = read(
      lines(
        ':940:',
        ':20:940A261216',
        ':25:0800003200000001610722 EUR',
        ':28:00000/00',
        ':60F:D261215EUR000000001000.12',
        ':61:261216C000000003145.35NMSC170059286',
        ':62F:C261216EUR000000002145.23',
      ),
    ) as [ParsedStatement];
    expect(rabobank.errors).toEqual([]);
    expect(rabobank.balances.map((b) => b.amount)).toEqual([-100_012, 214_523]);
    expect(rabobank.entries[0]).toMatchObject({ amount: 314_535, amountText: '3145.35' });

    const [standard] = read(
      lines(
        ':20:10150126',
        ':25:12345678',
        ':28C:620/1',
        ':60F:C261215GBP10235.43',
        ':61:2612161216DR52.58NTRFITM0000009036289',
        'Visa',
        ':62F:C261216GBP10182.85',
      ),
    ) as [ParsedStatement];
    expect(standard).toMatchObject({ currency: 'GBP', errors: [] });
    expect(standard.entries[0]).toMatchObject({ creditDebit: 'debit', amount: 5_258 });
    // One of them, never both.
    const [mixed] = read(
      lines(':20:X', ':25:12345678', ':60F:C261215EUR1.000,00', ':62F:C261216EUR1000,00'),
    ) as [ParsedStatement];
    expect(mixed.errors[0]?.message).toContain('has both a decimal comma and a point');
  });

  it('Zenith Bank: a statement line without its type code', () => {
    const [statement] = read(
      lines(
        '{1:F01ZEIBNGLAXXXX0000000000}{2:I940ZEIBNGLAXXXXN}{4:',
        ':20:202612162126594',
        ':25:1014365930  ',
        ':28C: /1',
        ':60F:C261215NGN6213,05',
        ':61:2612161216CN220000,00//19239782213',
        ':86:11302020-TRANSFER-PAYROLL// TRF TO COZ INTERNET LTD SALARY',
        ':61:2612161216DN43000,00//19239810200',
        ':62F:C261216NGN183213,05',
        '-}',
      ),
    ) as [ParsedStatement];
    expect(statement.errors).toEqual([]);
    expect(
      statement.entries.map((e) => [e.creditDebit, e.amount, e.bankTransactionCode, e.accountServicerRef]),
    ).toEqual([
      ['credit', 22_000_000, '', '19239782213'],
      ['debit', 4_300_000, '', '19239810200'],
    ]);
    // Only a line ending in the bank's reference goes without a type: other text there is still wrong.
    const [wrong] = read(
      lines(':20:X', ':25:1014365930', ':60F:C261215EUR0,', ':61:2612161216C1,00XYZ', ':62F:C261216EUR1,'),
    ) as [ParsedStatement];
    expect(wrong.errors[0]?.message).toContain('is not a statement line');
  });

  it('PostFinance: the next message’s blocks on the line that ends the one before', () => {
    const [first, second] = read(
      lines(
        '\x01{1:F01POFICHBEAXXX0000000000}{2:I940XXXXXXXXXXXXN}{3:{108:261216CH00000000}}{4:',
        ':20:2026121608285927',
        ':25:123456789',
        ':28C:999/1',
        ':60F:C261215CHF0,',
        ':61:2612161216C79,7FMSC01916//NONREF',
        ':86:GIRO AUS ONLINE-SIC 80532 AUFTRAGGEBER: JANE DOE',
        ':62M:C261216CHF79,7',
        '-}\x03\x01{1:F01POFICHBEAXXX0000000000}{2:I940XXXXXXXXXXXXN}{3:{108:261216CH00000000}}{4:',
        ':20:2026121608285928',
        ':25:123456789',
        ':28C:999/2',
        ':60M:C261216CHF79,7',
        ':61:2612161216C10,1FMSC01651//NONREF',
        ':62F:C261216CHF89,8',
        '-}{5:{MAC:00000000}{CHK:000000000000}}\x03',
      ),
    ) as [ParsedStatement, ParsedStatement];
    expect(first.errors).toEqual([]);
    expect(first.balances.map((b) => [b.type, b.amount])).toEqual([
      ['OPBD', 0],
      ['ITBD', 7_970],
    ]);
    expect([first.entries.length, second.entries.length]).toEqual([1, 1]);
  });

  it('German DFÜ files: the :NS: field stays out of the sequence number; ING’s classic `:86 :`', () => {
    const [german] = read(
      lines(
        ':20:STARTUMS',
        ':25:10020030/1222333444',
        ':28:1/1',
        ':NS:22Test GmbH',
        '23Testkonto',
        ':60F:C261216EUR0,00',
        ':61:2612161216CR1050,00N062NONREF',
        ':62F:C261216EUR1050,00',
        '-',
      ),
    ) as [ParsedStatement];
    expect(german).toMatchObject({
      sequenceNumber: '1/1',
      statementRef: 'STARTUMS/1/1/2026-12-16',
      errors: [],
    });

    const [ing] = read(
      lines(
        '0000 01INGBNL2AXXXX00001',
        '0000 01INGBNL2AXXXX00001',
        '940 00',
        ':20:INGEB',
        ':25:0111111111',
        ':28C:100',
        ':60F:C261215EUR44,89',
        ':61:261216C11,01NOV NONREF',
        ':62F:C261216EUR55,90',
        ':64:C261216EUR55,90',
        ':65:C261217EUR55,90',
        ':86 :D000001C000002D10000,99C11,01',
        'ING TESTREKENING',
        '-XXX',
      ),
    ) as [ParsedStatement];
    expect(ing.errors).toEqual([]);
    expect(ing.balances.at(-1)).toMatchObject({ type: 'FWAV', amount: 5_590 });
    expect(ing.additionalInfo).toContain('D000001C000002');
  });
});

describe('CAMT.053 layouts beyond the schema', () => {
  const camt = (version: string, body: string) =>
    `<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.${version}"><BkToCstmrStmt><GrpHdr><MsgId>M1</MsgId><CreDtTm>2026-12-16T20:00:00</CreDtTm></GrpHdr><Stmt><Id>S1</Id><Acct><Id><IBAN>CH9300762011623852957</IBAN></Id></Acct>${body}</Stmt></BkToCstmrStmt></Document>`;

  it('Raiffeisen Switzerland: dates with a time zone', () => {
    const [statement] = read(
      camt(
        '04',
        '<Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="CHF">100.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-12-15+01:00</Dt></Dt></Bal>' +
          '<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="CHF">150.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-12-16+01:00</Dt></Dt></Bal>' +
          '<Ntry><Amt Ccy="CHF">50.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-12-16+01:00</Dt></BookgDt><ValDt><Dt>2026-12-16Z</Dt></ValDt><AcctSvcrRef>R1</AcctSvcrRef></Ntry>',
      ),
    ) as [ParsedStatement];
    expect(statement.errors).toEqual([]);
    expect(statement.balances.map((b) => b.date)).toEqual(['2026-12-15', '2026-12-16']);
    expect(statement.entries[0]).toMatchObject({ bookingDate: '2026-12-16', valueDate: '2026-12-16' });
    // Still a date: a time zone after something else is not.
    const [wrong] = read(
      camt(
        '04',
        '<Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="CHF">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-12-15+1</Dt></Dt></Bal>',
      ),
    ) as [ParsedStatement];
    expect(wrong.errors[0]?.message).toContain('"2026-12-15+1" is not a date');
  });

  it('the Bank of Lithuania: balances without their credit/debit mark and entries without a status', () => {
    const [statement] = read(
      camt(
        '08',
        '<Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">21081222.58</Amt><Dt><Dt>2026-12-16</Dt></Dt></Bal>' +
          '<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">21081272.58</Amt><Dt><Dt>2026-12-16</Dt></Dt></Bal>' +
          '<Ntry><Amt Ccy="EUR">50.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-12-16</Dt></BookgDt><AcctSvcrRef>LT-1</AcctSvcrRef></Ntry>',
      ),
    ) as [ParsedStatement];
    expect(statement.errors).toEqual([]);
    expect(statement.balances.map((b) => [b.type, b.creditDebit, b.amount])).toEqual([
      ['OPBD', 'credit', 2_108_122_258],
      ['CLBD', 'credit', 2_108_127_258],
    ]);
    expect(statement.entries[0]).toMatchObject({ status: 'booked', amount: 5_000 });
  });
});
