import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { ImportFileError } from './errors.ts';

// How each encoding a CSV file may come in is turned into UTF-8, strictly: bytes that are not text in
// it throw ImportFileError naming the line. Which one applies is decided in text-encoding.ts.

/** The encodings a CSV file may come in: what Excel, ERPs and Windows tools write. */
export type TextEncoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

const NAMES: Record<TextEncoding, string> = {
  'utf-8': 'UTF-8',
  'windows-1252': 'Windows-1252',
  'utf-16le': 'UTF-16LE',
  'utf-16be': 'UTF-16BE',
};
export const encodingName = (encoding: TextEncoding): string => NAMES[encoding];

/** Each decoder passes what it returns through `lines.count`, so that an error can name its line. */
export interface Decoder {
  /** UTF-8 for the bytes given, holding back what ends mid-character. */
  push(data: Buffer): Buffer[];
  /** What is held back, once the source has ended. */
  end(): Buffer[];
}

/** The decoder for `encoding`; `detected` when the encoding was a guess, which must then look like text. */
export function decoderFor(encoding: TextEncoding, detected: boolean, lines: LineCounter): Decoder {
  if (encoding === 'utf-8') return utf8(lines);
  if (encoding === 'windows-1252') return windows1252(detected, lines);
  return utf16(encoding, lines);
}

const SLICE = 1 << 16;

function utf8(lines: LineCounter): Decoder {
  let carry = Buffer.alloc(0);
  return {
    push(chunk) {
      const data = carry.length === 0 ? chunk : Buffer.concat([carry, chunk]);
      // A character split across two chunks is completed by the next one before it is judged.
      const cut = data.length - incompleteTail(data);
      const whole = data.subarray(0, cut);
      if (!isUtf8(whole)) throw notUtf8(lines.lineOf(whole, firstInvalidUtf8(whole)));
      carry = Buffer.from(data.subarray(cut));
      // A file handed over whole is passed on in slices (views, not copies), as a stream would deliver it.
      const slices: Buffer[] = [];
      for (let at = 0; at < whole.length; at += SLICE) slices.push(whole.subarray(at, at + SLICE));
      return lines.count(slices);
    },
    end() {
      if (carry.length > 0) throw notUtf8(lines.lineOf(carry, 0));
      return [];
    },
  };
}

/** How many bytes at the end of `data` begin a multi-byte character that is not complete yet. */
function incompleteTail(data: Buffer): number {
  for (let back = 1; back <= Math.min(3, data.length); back++) {
    const byte = data[data.length - back] as number;
    if (byte < 0x80) return 0;
    if (byte >= 0xc0) {
      const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      return length > back ? back : 0;
    }
  }
  return 0;
}

/** Where the first byte that is not UTF-8 sits; only called once the bytes are known to hold one. */
function firstInvalidUtf8(data: Buffer): number {
  let low = 0;
  let high = data.length;
  // The longest valid prefix, by halving: isUtf8 is fast, decoding to find U+FFFD would not be exact.
  while (high - low > 4) {
    const middle = (low + high) >>> 1;
    if (isUtf8(data.subarray(0, middle - incompleteTail(data.subarray(0, middle))))) low = middle;
    else high = middle;
  }
  return low - incompleteTail(data.subarray(0, low));
}

// Bytes Windows-1252 leaves undefined: a file holding them is in some other encoding.
const UNDEFINED_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

// iconv-lite, not TextDecoder: Node 24's TextDecoder('windows-1252') reads 0x80–0x9F as Latin-1's C1
// controls, so "€" and "„" would come out as invisible characters. UTF-16 stays with TextDecoder,
// whose fatal mode refuses a lone surrogate, which iconv-lite would pass on.
function windows1252(detected: boolean, lines: LineCounter): Decoder {
  return {
    push(data) {
      for (let at = 0; at < data.length; at++) {
        const byte = data[at] as number;
        if (UNDEFINED_1252.has(byte)) throw badEncoding('windows-1252', lines.lineOf(data, at));
        // A guessed encoding must also look like text: control characters mean a binary file.
        if (detected && isControl(byte)) throw notText(byte, lines.lineOf(data, at));
      }
      return lines.count([Buffer.from(iconv.decode(data, 'windows-1252'), 'utf8')]);
    },
    end: () => [],
  };
}

/** C0 controls other than tab, line feed, form feed and carriage return, and DEL. */
export function isControl(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0c && code !== 0x0d) || code === 0x7f;
}

function utf16(encoding: 'utf-16le' | 'utf-16be', lines: LineCounter): Decoder {
  const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  const decode = (data?: Buffer): Buffer[] => {
    try {
      const text = data === undefined ? decoder.decode() : decoder.decode(data, { stream: true });
      return lines.count([Buffer.from(text, 'utf8')]);
    } catch {
      // Only on this path is the chunk decoded again, leniently, to find the line of the bad unit.
      const lenient = data === undefined ? '' : new TextDecoder(encoding).decode(data);
      const bad = lenient.indexOf('\uFFFD');
      const before = Buffer.from(bad === -1 ? lenient : lenient.slice(0, bad), 'utf8');
      throw badEncoding(encoding, lines.lineOf(before, before.length));
    }
  };
  return { push: (data) => decode(data), end: () => decode() };
}

/** Counts the line feeds passed on, so an error can name its line. */
export class LineCounter {
  private feeds = 0;

  count(chunks: Buffer[]): Buffer[] {
    for (const chunk of chunks) {
      for (let at = chunk.indexOf(0x0a); at !== -1; at = chunk.indexOf(0x0a, at + 1)) this.feeds++;
    }
    return chunks;
  }

  /** The line of byte `at` of `data`, which comes right after what was passed on. */
  lineOf(data: Buffer, at: number): number {
    let line = this.feeds + 1;
    for (let i = data.indexOf(0x0a); i !== -1 && i < at; i = data.indexOf(0x0a, i + 1)) line++;
    return line;
  }
}

function notUtf8(line: number): ImportFileError {
  return new ImportFileError(
    'not_utf8',
    `the file is not UTF-8 (first invalid character on line ${line}): save it as "CSV UTF-8", ` +
      'or declare its encoding (charset=windows-1252 in the Content-Type, --encoding on the command line)',
    { line },
  );
}

function badEncoding(encoding: TextEncoding, line: number): ImportFileError {
  return new ImportFileError(
    'bad_encoding',
    `the file is not ${encodingName(encoding)} (first invalid character on line ${line})`,
    { line, encoding },
  );
}

export function notText(code: number, line: number): ImportFileError {
  return new ImportFileError(
    'not_text',
    `the file is not text: line ${line} holds control character 0x${code.toString(16).padStart(2, '0')}; ` +
      'a spreadsheet or other binary file must first be saved as CSV',
    { line },
  );
}
