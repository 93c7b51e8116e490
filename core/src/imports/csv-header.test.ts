import { describe, expect, it } from 'vitest';
import { detectDelimiter, layoutHeader, normaliseColumnName } from './csv-header.ts';
import { ImportFileError } from './errors.ts';

const COLUMNS = [
  { name: 'debtor_number', required: true, description: 'key' },
  { name: 'name', required: true, description: 'name' },
  { name: 'email', description: 'e-mail' },
];

describe('detectDelimiter', () => {
  it('picks the delimiter that occurs most outside quotes', () => {
    expect(detectDelimiter('a;b;c')).toBe(';');
    expect(detectDelimiter('a,b,c')).toBe(',');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
    expect(detectDelimiter('"name, full";"amount, incl. VAT";x')).toBe(';');
    expect(detectDelimiter('"a;b;c;d",e,f')).toBe(',');
  });

  it('prefers the semicolon on a tie and the comma for a single column', () => {
    expect(detectDelimiter('a;b,c')).toBe(';');
    expect(detectDelimiter('debtor_number')).toBe(',');
  });
});

describe('normaliseColumnName', () => {
  it('ignores case, surrounding space and the word separator', () => {
    for (const name of ['Debtor Number', ' debtor-number ', 'DEBTOR_NUMBER', 'debtor  number']) {
      expect(normaliseColumnName(name)).toBe('debtor_number');
    }
  });
});

describe('layoutHeader', () => {
  it('maps known columns to their positions and warns once per unknown column', () => {
    const layout = layoutHeader(['Name', 'Segment', 'Debtor Number', 'segment', '', ''], COLUMNS, 1);
    expect(layout.width).toBe(6);
    expect(layout.indexes).toEqual([0, 2]);
    expect(layout.names).toEqual(['name', 'debtor_number']);
    expect(layout.warnings).toEqual([
      { line: 1, field: 'segment', message: 'column "segment" is not a known column and is ignored' },
      { line: 1, message: 'columns without a name are ignored (position 5, 6)' },
    ]);
  });

  it('names every missing required column in one error', () => {
    try {
      layoutHeader(['email', 'phone'], COLUMNS, 1);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ImportFileError);
      expect((error as ImportFileError).code).toBe('missing_columns');
      expect((error as ImportFileError).message).toBe(
        'required columns missing from the header: debtor_number, name',
      );
      expect((error as ImportFileError).details).toEqual({
        columns: ['debtor_number', 'name'],
        found: ['email', 'phone'],
      });
    }
  });

  it('refuses a known column named twice, since either could be meant', () => {
    expect(() => layoutHeader(['debtor_number', 'name', 'Name'], COLUMNS, 1)).toThrow(
      'the header names name more than once',
    );
  });
});
