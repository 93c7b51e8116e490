import { describe, expect, it } from 'vitest';
import { decodeText, type EncodingChoice, encodingNamed } from './text-encoding.ts';

async function decode(bytes: Buffer, declared?: EncodingChoice['encoding'], chunkSize = bytes.length) {
  const choice: EncodingChoice = declared
    ? { encoding: declared, chosenBy: 'declared' }
    : { encoding: 'utf-8', chosenBy: 'detected' };
  async function* chunks() {
    for (let at = 0; at < bytes.length; at += chunkSize) yield bytes.subarray(at, at + chunkSize);
  }
  const parts: Buffer[] = [];
  for await (const part of decodeText(chunks(), choice)) parts.push(part);
  return { text: Buffer.concat(parts).toString('utf8'), choice };
}

const TEXT = 'naam;stad\nMüller € „Zoë“;Liège\n';
const utf16be = (text: string) => Buffer.from(text, 'utf16le').swap16();

describe('decodeText', () => {
  it.each([1, 2, 3, 7, 1 << 16])(
    'reads UTF-8, Windows-1252 and UTF-16 with a BOM in chunks of %i bytes',
    async (size) => {
      expect(await decode(Buffer.from(TEXT), undefined, size)).toEqual({
        text: TEXT,
        choice: { encoding: 'utf-8', chosenBy: 'detected' },
      });
      const cp1252 = Buffer.from([
        ...Buffer.from('naam;stad\nM'),
        0xfc,
        ...Buffer.from('ller '),
        0x80,
        0x20,
        0x84,
      ]);
      expect(await decode(cp1252, undefined, size)).toEqual({
        text: 'naam;stad\nMüller € „',
        choice: { encoding: 'windows-1252', chosenBy: 'detected' },
      });
      const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]);
      expect(await decode(le, undefined, size)).toEqual({
        text: TEXT,
        choice: { encoding: 'utf-16le', chosenBy: 'byte-order mark' },
      });
      const be = Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(TEXT)]);
      expect((await decode(be, 'windows-1252', size)).text).toBe(TEXT);
    },
  );

  it('follows a declaration: the same bytes read differently', async () => {
    const bytes = Buffer.from('Zoë');
    expect((await decode(bytes, 'windows-1252')).text).toBe('ZoÃ«');
    expect((await decode(utf16be('Zoë'), 'utf-16be')).text).toBe('Zoë');
  });

  it('refuses what is not text in the chosen encoding, naming the line', async () => {
    const mixed = Buffer.concat([Buffer.from('a\nZoë\n'), Buffer.from('\nRené', 'latin1')]);
    await expect(decode(mixed)).rejects.toMatchObject({ code: 'not_utf8', details: { line: 4 } });
    await expect(decode(Buffer.from('a\nb\n\x81', 'latin1'), 'windows-1252')).rejects.toMatchObject({
      code: 'bad_encoding',
      details: { line: 3, encoding: 'windows-1252' },
    });
    // A guess must look like text; a declared Windows-1252 file may hold control characters.
    const binary = Buffer.from('a\n\xfc\x00\x01', 'latin1');
    await expect(decode(binary)).rejects.toMatchObject({ code: 'not_text', details: { line: 2 } });
    expect((await decode(binary, 'windows-1252')).text).toBe('a\nü\u0000\u0001');
    const loneSurrogate = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('a\nb\n', 'utf16le'),
      Buffer.from([0x00, 0xd8, 0x41, 0x00]),
    ]);
    await expect(decode(loneSurrogate)).rejects.toMatchObject({ code: 'bad_encoding', details: { line: 3 } });
    const oddLength = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('a\n', 'utf16le'),
      Buffer.from([0x41]),
    ]);
    await expect(decode(oddLength)).rejects.toMatchObject({ code: 'bad_encoding', details: { line: 2 } });
  });

  it('knows the labels people declare', () => {
    expect(
      ['UTF-8', 'utf8', 'Windows-1252', 'ISO-8859-1', 'latin1', 'UTF-16', 'utf-16be', 'us-ascii'].map(
        encodingNamed,
      ),
    ).toEqual([
      'utf-8',
      'utf-8',
      'windows-1252',
      'windows-1252',
      'windows-1252',
      'utf-16le',
      'utf-16be',
      'detect',
    ]);
    expect(encodingNamed('shift_jis')).toBeUndefined();
  });
});
