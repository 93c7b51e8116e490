import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CsvColumn } from './csv-header.ts';
import { type CsvRow, type RecordReader, readCsv, readCsvRecords } from './csv-read.ts';
import { InvalidValueError } from './errors.ts';
import type { ReadResult } from './import-rows.ts';

const COLUMNS: CsvColumn[] = [
  { name: 'number', required: true, description: 'key' },
  { name: 'note', description: 'free text' },
];

async function all<T>(reader: RecordReader<T>): Promise<ReadResult<T>[]> {
  const results: ReadResult<T>[] = [];
  for await (const result of reader) results.push(result);
  return results;
}

/** Each result as `line:number` or `line!message`, to compare whole files at a glance. */
async function summary(source: Parameters<typeof readCsv>[0]): Promise<string[]> {
  const results = await all(readCsv(source, COLUMNS));
  return results.map((r) =>
    r.ok ? `${r.record.line}:${r.record.values.number}` : `${r.error.line}!${r.error.message}`,
  );
}

async function* inChunks(text: string, size: number): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

describe('readCsv', () => {
  it('yields trimmed values of known columns with the line each row starts on', async () => {
    const results = await all(readCsv('number;note;extra\n 1 ; first ;x\n2;;y\n', COLUMNS));
    expect(results).toEqual([
      { ok: true, record: { line: 2, values: { number: '1', note: 'first' } } },
      { ok: true, record: { line: 3, values: { number: '2', note: '' } } },
    ]);
  });

  it('counts lines inside quoted values, blank lines and delimiter-only rows', async () => {
    const text = 'number,note\n1,"two\nlines"\n\n2,x\n,\n3,"three\n\nlines"\n4,x';
    expect(await summary(text)).toEqual(['2:1', '5:2', '7:3', '10:4']);
  });

  it('counts a CRLF inside a quoted value as one line, which csv-parse alone does not', async () => {
    const text = 'number,note\r\n1,"a\r\nb"\r\n2,"c\r\nd\r\ne"\r\n3,x\r\n';
    expect(await summary(text)).toEqual(['2:1', '4:2', '7:3']);
    const mixed = 'number,note\n1,"a\r\nb"\n2,x\n';
    expect(await summary(mixed)).toEqual(['2:1', '4:2']);
  });

  it('reads the same rows however the stream is chunked', async () => {
    const text = '\uFEFFnumber;note\r\n1;"Zoë; ""quoted""\r\nnext"\r\n2;€\r\n';
    const expected = [
      { ok: true, record: { line: 2, values: { number: '1', note: 'Zoë; "quoted"\r\nnext' } } },
      { ok: true, record: { line: 4, values: { number: '2', note: '€' } } },
    ];
    for (const size of [1, 2, 3, 7, 1024]) {
      expect(await all(readCsv(inChunks(text, size), COLUMNS))).toEqual(expected);
    }
    expect(await all(readCsv(Readable.from(inChunks(text, 5)), COLUMNS))).toEqual(expected);
  });

  it('detects tab and comma delimiters', async () => {
    expect(await summary('number\tnote\n1\ta,b;c\n')).toEqual(['2:1']);
    expect(await summary('number,note\n1,"a;b"\n')).toEqual(['2:1']);
  });

  it('keeps a lone quote inside an unquoted value as text', async () => {
    const [result] = await all(readCsv('number,note\n1,24" monitor\n', COLUMNS));
    expect(result).toEqual({ ok: true, record: { line: 2, values: { number: '1', note: '24" monitor' } } });
  });

  it('rejects a row with more values than columns and reads on', async () => {
    expect(await summary('number,note\n1,1,50\n2,x\n3\n')).toEqual([
      '2!row has 3 values where the header has 2 columns (a value containing the delimiter needs quotes around it)',
      '3:2',
      '4:3',
    ]);
  });

  it('reports an unclosed quote on the line where the broken row starts, after the rows before it', async () => {
    const results = await all(readCsv('number,note\n1,x\n\n2,"never closed\n3,y\n', COLUMNS));
    expect(results).toEqual([
      { ok: true, record: { line: 2, values: { number: '1', note: 'x' } } },
      {
        ok: false,
        error: {
          line: 4,
          field: 'note',
          message: 'a quoted value starting here is never closed, so the rest of the file could not be read',
        },
      },
    ]);
  });

  it('fills the warnings once the header is read', async () => {
    const reader = readCsv('number,segment,Segment\n1,a,b\n', COLUMNS);
    expect(reader.warnings).toEqual([]);
    await reader.next();
    expect(reader.warnings).toEqual([
      { line: 1, field: 'segment', message: 'column "segment" is not a known column and is ignored' },
    ]);
  });

  it('throws one fatal error for missing columns, before any row', async () => {
    await expect(all(readCsv('note\nx\n', COLUMNS))).rejects.toMatchObject({
      code: 'missing_columns',
      message: 'required column missing from the header: number',
    });
    await expect(all(readCsv('', COLUMNS))).rejects.toMatchObject({ code: 'empty_file' });
  });

  it('passes on an error of the stream it reads', async () => {
    async function* failing(): AsyncGenerator<string> {
      yield 'number\n1\n';
      throw new Error('disk on fire');
    }
    await expect(all(readCsv(failing(), COLUMNS))).rejects.toThrow('disk on fire');
  });

  it('streams: stopping early stops reading the source', async () => {
    let pulled = 0;
    let closed = false;
    async function* rows(): AsyncGenerator<string> {
      try {
        yield 'number,note\n';
        for (let i = 1; i <= 100_000; i++) {
          pulled++;
          yield `${i},row ${i}\n`;
        }
      } finally {
        closed = true;
      }
    }
    const reader = readCsv(rows(), COLUMNS);
    for await (const result of reader) {
      expect(result).toMatchObject({ ok: true, record: { line: 2 } });
      break;
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(true);
    // Stream buffers hold some tens of kilobytes ahead of the reader: far from the whole source.
    expect(pulled).toBeLessThan(10_000);
  });
});

describe('readCsvRecords', () => {
  const toRecord = (values: Record<string, string>, line: number) => {
    if (values.note === 'bad') throw new InvalidValueError('invalid_value', 'note "bad" is bad', 'note');
    if (values.note === 'bug') throw new TypeError('a programming mistake');
    return { line, number: Number(values.number) };
  };

  it('turns a value error into the row rejection, keeping line and field', async () => {
    const reader = readCsvRecords('number,note\n1,ok\n2,bad\n', COLUMNS, toRecord);
    expect(await all(reader)).toEqual([
      { ok: true, record: { line: 2, number: 1 } },
      { ok: false, error: { line: 3, field: 'note', message: 'note "bad" is bad' } },
    ]);
  });

  it('lets other errors escape, since they are bugs rather than bad rows', async () => {
    await expect(all(readCsvRecords('number,note\n1,bug\n', COLUMNS, toRecord))).rejects.toThrow(TypeError);
  });

  it('passes row errors and warnings through', async () => {
    const reader = readCsvRecords('number,note,x\n1,a,b,c\n', COLUMNS, toRecord);
    const results = await all(reader);
    expect(results[0]).toMatchObject({ ok: false, error: { line: 2 } });
    expect(reader.warnings).toHaveLength(1);
  });
});

// A type-level check that CsvRow stays the shape the importers rely on.
const _row: CsvRow = { line: 1, values: {} };
void _row;
