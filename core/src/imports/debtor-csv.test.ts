import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEBTOR_COLUMNS, readDebtorCsv } from './debtor-csv.ts';
import type { DebtorImportRow, ReadResult } from './import-rows.ts';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

async function all(source: Parameters<typeof readDebtorCsv>[0]): Promise<ReadResult<DebtorImportRow>[]> {
  const results: ReadResult<DebtorImportRow>[] = [];
  for await (const result of readDebtorCsv(source)) results.push(result);
  return results;
}

describe('DEBTOR_COLUMNS', () => {
  it('documents every column once, with the two keys required', () => {
    const names = DEBTOR_COLUMNS.map((column) => column.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toHaveLength(20);
    expect(DEBTOR_COLUMNS.filter((column) => 'required' in column).map((c) => c.name)).toEqual([
      'debtor_number',
      'name',
    ]);
    for (const column of DEBTOR_COLUMNS) expect(column.description).toMatch(/^\S.*\.$/);
  });
});

describe('readDebtorCsv', () => {
  it('reads the comma-separated fixture with BOM, quoted values and an unknown column', async () => {
    const reader = readDebtorCsv(createReadStream(fixture('debtors.csv')));
    const results: ReadResult<DebtorImportRow>[] = [];
    for await (const result of reader) results.push(result);
    expect(reader.warnings).toEqual([
      { line: 1, field: 'segment', message: 'column "segment" is not a known column and is ignored' },
    ]);
    expect(results).toEqual([
      {
        ok: true,
        record: {
          line: 2,
          number: 'D-100',
          name: 'Bakkerij De Molen, Amersfoort',
          type: 'b2b',
          vatNumber: 'NL001234567B01',
          cocNumber: '12345678',
          email: 'info@demolen.example',
          phone: '+31 33 123 4567',
          language: 'nl',
          preferredChannel: 'email',
          addresses: [
            {
              type: 'billing',
              line1: 'Molenstraat 12',
              postalCode: '3811 AB',
              city: 'Amersfoort',
              region: 'Utrecht',
              country: 'NL',
            },
          ],
          contacts: [{ name: 'Els de Vries', email: 'els@demolen.example', phone: '06-12345678' }],
          tags: ['key-account', 'bakery'],
        },
      },
      {
        ok: true,
        record: {
          line: 3,
          number: 'D-200',
          name: 'Jan Jansen',
          type: 'b2c',
          email: 'jan@example.org',
          language: 'nl',
          preferredChannel: 'letter',
          addresses: [
            {
              type: 'billing',
              line1: 'Kerkstraat 1\nbus 2',
              postalCode: '2000',
              city: 'Antwerpen',
              country: 'BE',
            },
          ],
          contacts: [],
          tags: [],
        },
      },
      {
        ok: true,
        record: {
          line: 5,
          number: 'D-201',
          name: 'Filiaal Zuid',
          type: 'b2b',
          parentNumber: 'D-100',
          addresses: [],
          contacts: [],
          tags: [],
        },
      },
    ]);
  });

  it('rejects each bad row of the tab-separated fixture, naming line, column and value', async () => {
    const results = await all(createReadStream(fixture('debtors-bad-rows.csv')));
    const outcome = results.map((r) =>
      r.ok
        ? `${r.record.line} ok ${r.record.number}`
        : `${r.error.line} ${r.error.field ?? '(row)'}: ${r.error.message}`,
    );
    expect(outcome).toEqual([
      '2 ok D-1',
      '3 email: "not-an-email" is not an e-mail address',
      '4 debtor_number: debtor_number is required',
      '5 country: "UK" is not an ISO 3166-1 country code; use GB',
      '6 preferred_channel: "pigeon" is not one of email, letter, sms, whatsapp, phone',
      '7 language: "klingon" is not an ISO 639-1 language code (two letters: nl, en, de, fr …)',
      '9 type: "b2x" is not one of b2b, b2c',
      '10 address_line1: address_line1 is required when postal_code is filled',
      '11 ok D-9',
    ]);
  });

  it('needs only the required columns, and refuses a header without them', async () => {
    expect(await all('Debtor Number;Name\n1;A\n')).toEqual([
      {
        ok: true,
        record: { line: 2, number: '1', name: 'A', type: 'b2b', addresses: [], contacts: [], tags: [] },
      },
    ]);
    await expect(all('debtor_number;email\n1;a@b.nl\n')).rejects.toMatchObject({
      code: 'missing_columns',
      message: 'required column missing from the header: name',
    });
  });

  it('refuses a debtor that is its own parent and checks the contact columns', async () => {
    const results = await all(
      'debtor_number,name,parent_number,contact_email,contact_phone\nD1,A,D1,,\nD2,B,,nope,\nD3,C,,,12\n',
    );
    expect(results.map((r) => !r.ok && [r.error.line, r.error.field, r.error.message])).toEqual([
      [2, 'parent_number', 'parent_number "D1" is the debtor itself'],
      [3, 'contact_email', '"nope" is not an e-mail address'],
      [4, 'contact_phone', '"12" is not a phone number'],
    ]);
  });

  it('refuses values longer than the database holds', async () => {
    const [result] = await all(`debtor_number,name\n${'9'.repeat(65)},A\n`);
    expect(result).toMatchObject({ ok: false, error: { line: 2, field: 'debtor_number' } });
  });
});
