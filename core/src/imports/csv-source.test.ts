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

  it('reports the line of the first byte that is not UTF-8', async () => {
    const latin1 = Buffer.from('naam;stad\nJan;Utrecht\nRené;Liège\n', 'latin1');
    await expect(drain(latin1)).rejects.toMatchObject({
      code: 'not_utf8',
      message:
        'the file is not UTF-8 (first invalid character on line 3): save it as "CSV UTF-8" and import it again',
      details: { line: 3 },
    });
    await expect(drain(byteByByte(latin1))).rejects.toMatchObject({ code: 'not_utf8', details: { line: 3 } });
  });

  it('rejects a file that ends inside a character', async () => {
    const truncated = Buffer.from('naam\nZo\xc3', 'latin1');
    await expect(drain(truncated)).rejects.toMatchObject({ code: 'not_utf8', details: { line: 2 } });
  });

  it('rejects a file without a header line', async () => {
    await expect(drain('\uFEFF\r\n  \r\n')).rejects.toMatchObject({ code: 'empty_file' });
    await expect(drain(new Uint8Array())).rejects.toMatchObject({ code: 'empty_file' });
  });
});
