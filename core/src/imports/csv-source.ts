import { ImportFileError } from './errors.ts';
import { isControl, notText } from './text-decoders.ts';
import { decodeText, type EncodingChoice } from './text-encoding.ts';

/** What a CSV reader accepts: the whole file, or a stream such as `fs.createReadStream(path)`. */
export type CsvSource = string | Uint8Array | AsyncIterable<string | Uint8Array>;

export interface OpenedSource {
  /** The first line with content, BOM removed: what the delimiter is detected from. */
  headerLine: string;
  /** Every byte of the file as UTF-8 (decoded if it was in another encoding), header included. */
  chunks: AsyncGenerator<Buffer>;
}

// Enough for any real header line; a file without a line break in its first MiB is read as one line.
const SNIFF_LIMIT = 1 << 20;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * Opens a source far enough to see its header line, keeping what it read for the parser. `choice` is
 * the declared encoding, if any, and is filled in with the one used (imports/text-encoding.ts).
 */
export async function openCsvSource(
  source: CsvSource,
  choice: EncodingChoice = { encoding: 'utf-8', chosenBy: 'detected' },
): Promise<OpenedSource> {
  const bytes = decodeText(bytesOf(source), choice);
  const head: Buffer[] = [];
  for (let size = 0; size < SNIFF_LIMIT; ) {
    const next = await bytes.next();
    if (next.done) break;
    head.push(next.value);
    size += next.value.length;
    const hasBreak = next.value.includes(LINE_FEED) || next.value.includes(CARRIAGE_RETURN);
    if (hasBreak && firstContentLine(head, true) !== undefined) break;
  }
  const header = firstContentLine(head, false);
  if (header === undefined) {
    await bytes.return(undefined);
    throw new ImportFileError('empty_file', 'the file is empty: expected a header line with column names');
  }
  checkIsText(header.text, header.line);
  async function* chunks(): AsyncGenerator<Buffer> {
    try {
      yield* head;
      yield* bytes;
    } finally {
      await bytes.return(undefined);
    }
  }
  return { headerLine: header.text, chunks: chunks() };
}

/** The first line that is not blank, if the bytes read so far hold it (and, if asked, its line break). */
function firstContentLine(head: Buffer[], complete: boolean): { text: string; line: number } | undefined {
  // Only the first MiB is decoded: a whole file handed over as one chunk need not be.
  const size = Math.min(
    SNIFF_LIMIT,
    head.reduce((total, chunk) => total + chunk.length, 0),
  );
  const text = Buffer.concat(head, size)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  const found = (complete ? /^\s*?([^\r\n]*\S[^\r\n]*)[\r\n]/ : /^\s*?([^\r\n]*\S[^\r\n]*)/).exec(text);
  if (!found) return undefined;
  const before = found[0].length - (found[1] as string).length - (complete ? 1 : 0);
  return { text: found[1] as string, line: 1 + (text.slice(0, before).match(/\n/g)?.length ?? 0) };
}

/** A source's bytes as Buffers, a whole file handed over at once included. */
async function* bytesOf(source: CsvSource): AsyncGenerator<Buffer> {
  for await (const piece of typeof source === 'string' || source instanceof Uint8Array ? [source] : source) {
    yield typeof piece === 'string' ? Buffer.from(piece, 'utf8') : asBuffer(piece);
  }
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** A header line is names and delimiters: a control character in it means the file is not CSV text. */
function checkIsText(headerLine: string, line: number): void {
  for (const char of headerLine) {
    const code = char.charCodeAt(0);
    if (isControl(code)) throw notText(code, line);
  }
}
