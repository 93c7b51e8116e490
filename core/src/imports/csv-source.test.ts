import { describe, expect, it } from 'vitest';
import { openCsvSource } from './csv-source.ts';

async function drain(
  source: Parameters<typeof openCsvSource>[0],
): Promise<{ header: string; bytes: Buffer }> {
  const { headerLine, chunks } = await openCsvSource(source);
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return { header: headerLine, bytes: Buffer.concat(parts) };
}

async function* byteByByte(bytes: Buffer): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i++) yield bytes.subarray(i, i + 1);
}

describe('openCsvSource', () => {
  it('finds the first line with content, without BOM, and passes every byte on', async () => {
    const text = '\uFEFF\n \nnaam;stad\nZoë;Liège\n';
    const { header, bytes } = await drain(text);
    expect(header).toBe('naam;stad');
    expect(bytes.toString('utf8')).toBe(text);
  });

  it('accepts a character split over chunks', async () => {
    const source = Buffer.from('naam\n€ Zoë 😀\n', 'utf8');
    const { header, bytes } = await drain(byteByByte(source));
    expect(header).toBe('naam');
    expect(bytes.equals(source)).toBe(true);
  });

  it('reads a file that is not UTF-8 as Windows-1252, and says so', async () => {
    const latin1 = Buffer.from('naam;stad\nJan;Utrecht\nRené;Liège\n', 'latin1');
    for (const source of [latin1, byteByByte(latin1)]) {
      const choice = { encoding: 'utf-8' as const, chosenBy: 'detected' as const };
      const { headerLine, chunks } = await openCsvSource(source, choice);
      const parts: Buffer[] = [];
      for await (const chunk of chunks) parts.push(chunk);
      expect(headerLine).toBe('naam;stad');
      expect(Buffer.concat(parts).toString('utf8')).toBe('naam;stad\nJan;Utrecht\nRené;Liège\n');
      expect(choice).toEqual({ encoding: 'windows-1252', chosenBy: 'detected' });
    }
  });

  it('reports the line of the first byte that is not UTF-8 in a file that began as UTF-8', async () => {
    const mixed = Buffer.concat([
      Buffer.from('naam;stad\nZoë;Utrecht\n'),
      Buffer.from('René;Liège\n', 'latin1'),
    ]);
    await expect(drain(mixed)).rejects.toMatchObject({
      code: 'not_utf8',
      message: expect.stringContaining('the file is not UTF-8 (first invalid character on line 3)'),
      details: { line: 3 },
    });
    await expect(drain(byteByByte(mixed))).rejects.toMatchObject({ code: 'not_utf8', details: { line: 3 } });
  });

  it('rejects a UTF-8 file that ends inside a character', async () => {
    const truncated = Buffer.concat([Buffer.from('naam\nZoë\n'), Buffer.from([0x5a, 0xc3])]);
    await expect(drain(truncated)).rejects.toMatchObject({ code: 'not_utf8', details: { line: 3 } });
  });

  it('refuses a binary file (a zipped workbook) as not text, naming the line', async () => {
    const xlsx = Buffer.from('PK\x03\x04\x14\x00\x06\x00[Content_Types].xml', 'latin1');
    await expect(drain(xlsx)).rejects.toMatchObject({ code: 'not_text', details: { line: 1 } });
  });

  it('rejects a file without a header line', async () => {
    await expect(drain('\uFEFF\r\n  \r\n')).rejects.toMatchObject({ code: 'empty_file' });
    await expect(drain(new Uint8Array())).rejects.toMatchObject({ code: 'empty_file' });
  });
});
