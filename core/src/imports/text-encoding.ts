import { isUtf8 } from 'node:buffer';
import { type Decoder, decoderFor, LineCounter, type TextEncoding } from './text-decoders.ts';

export type EncodingChosenBy = 'declared' | 'byte-order mark' | 'detected';

/** Which encoding a file was read in and how that was decided: reported with the import. */
export interface EncodingChoice {
  encoding: TextEncoding;
  chosenBy: EncodingChosenBy;
}

// The labels a caller may declare (Content-Type's charset, the CLI's --encoding), case-insensitive.
// As in browsers (the WHATWG Encoding Standard), Latin-1 means Windows-1252, which only adds letters
// and signs (€, „, š …) where Latin-1 has unprintable controls. ASCII fits any of them, so it leaves
// the choice to detection.
const LABELS: Record<string, TextEncoding | 'detect'> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
  'iso-8859-1': 'windows-1252',
  latin1: 'windows-1252',
  'utf-16': 'utf-16le',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
  'us-ascii': 'detect',
  ascii: 'detect',
};
export const ENCODING_LABELS = Object.keys(LABELS);

/** The encoding a declared label names; `undefined` for one Kredo does not read, `'detect'` for ASCII. */
export function encodingNamed(label: string): TextEncoding | 'detect' | undefined {
  return LABELS[label.trim().toLowerCase()];
}

/**
 * A file's bytes as UTF-8, in the slices a stream delivers. `choice` holds the declared encoding, if
 * any, and is updated with the one used: a byte-order mark wins over a declaration; without either,
 * the file is UTF-8 unless its first non-ASCII character is not, and then Windows-1252 (ASCII reads
 * the same in both, so nothing read before that moment changes). UTF-8 passes through unchanged.
 * Bytes that are not text in the chosen encoding throw ImportFileError naming the line.
 */
export async function* decodeText(
  source: AsyncIterable<Buffer>,
  choice: EncodingChoice,
): AsyncGenerator<Buffer> {
  const lines = new LineCounter();
  let decoder: Decoder | undefined;
  let head: Buffer | undefined = Buffer.alloc(0);
  for await (const chunk of source) {
    let data = chunk;
    if (head !== undefined) {
      // The longest byte-order mark is three bytes: hold the start until they are in.
      head = Buffer.concat([head, chunk]);
      if (head.length < 3) continue;
      [decoder, data] = open(head, choice, lines);
      head = undefined;
    }
    yield* (decoder as Decoder).push(data);
  }
  if (head !== undefined) {
    [decoder, head] = open(head, choice, lines);
    yield* decoder.push(head);
  }
  if (decoder) yield* decoder.end();
}

function open(head: Buffer, choice: EncodingChoice, lines: LineCounter): [Decoder, Buffer] {
  const mark = byteOrderMark(head);
  if (mark !== undefined) {
    Object.assign(choice, { encoding: mark, chosenBy: 'byte-order mark' });
    // A UTF-8 mark stays for the CSV reader, which skips it; a decoder would drop a UTF-16 one anyway.
    return [decoderFor(mark, false, lines), mark === 'utf-8' ? head : head.subarray(2)];
  }
  if (choice.chosenBy === 'declared') return [decoderFor(choice.encoding, false, lines), head];
  return [detecting(choice, lines), head];
}

function byteOrderMark(head: Buffer): TextEncoding | undefined {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** Passes ASCII on until the first other byte says which encoding the file is in. */
function detecting(choice: EncodingChoice, lines: LineCounter): Decoder {
  let decided: Decoder | undefined;
  let held = Buffer.alloc(0);
  const decide = (data: Buffer, at: number, atEnd: boolean): Buffer[] | undefined => {
    const length = utf8SequenceLength(data[at] as number);
    if (length > 0 && at + length > data.length && !atEnd) return undefined;
    const isUtf8Character = length > 0 && isUtf8(data.subarray(at, at + length));
    choice.encoding = isUtf8Character ? 'utf-8' : 'windows-1252';
    decided = decoderFor(choice.encoding, true, lines);
    return [...lines.count([data.subarray(0, at)]), ...decided.push(data.subarray(at))];
  };
  return {
    push(chunk) {
      if (decided) return decided.push(chunk);
      const data = held.length === 0 ? chunk : Buffer.concat([held, chunk]);
      const at = data.findIndex((byte) => byte >= 0x80);
      if (at === -1) {
        held = Buffer.alloc(0);
        return lines.count([data]);
      }
      const out = decide(data, at, false);
      if (out) return out;
      // The first character is cut off by the chunk's end: wait for the rest of it.
      held = Buffer.from(data.subarray(at));
      return lines.count([data.subarray(0, at)]);
    },
    end() {
      if (decided) return decided.end();
      if (held.length === 0) return [];
      // The file ends inside its first non-ASCII character, which is then not UTF-8.
      const out = decide(held, 0, true) as Buffer[];
      return [...out, ...(decided as unknown as Decoder).end()];
    },
  };
}

/** The length of the UTF-8 sequence a lead byte starts, or 0 for a byte that cannot start one. */
function utf8SequenceLength(byte: number): number {
  if (byte >= 0xc2 && byte <= 0xdf) return 2;
  if (byte >= 0xe0 && byte <= 0xef) return 3;
  if (byte >= 0xf0 && byte <= 0xf4) return 4;
  return 0;
}
