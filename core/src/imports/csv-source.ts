import { isUtf8 } from 'node:buffer';
import { ImportFileError } from './errors.ts';

/** What a CSV reader accepts: the whole file, or a stream such as `fs.createReadStream(path)`. */
export type CsvSource = string | Uint8Array | AsyncIterable<string | Uint8Array>;

export interface OpenedSource {
  /** The first line with content, BOM removed: what the delimiter is detected from. */
  headerLine: string;
  /** Every byte of the file, checked to be UTF-8, starting with the ones read to find the header. */
  chunks: AsyncGenerator<Buffer>;
}

// Enough for any real header line; a file without a line break in its first MiB is read as one line.
const SNIFF_LIMIT = 1 << 20;
const SLICE = 1 << 16;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/** Opens a source far enough to see its header line, keeping what it read for the parser. */
export async function openCsvSource(source: CsvSource): Promise<OpenedSource> {
  const bytes = utf8Chunks(source);
  const head: Buffer[] = [];
  for (let size = 0; size < SNIFF_LIMIT; ) {
    const next = await bytes.next();
    if (next.done) break;
    head.push(next.value);
    size += next.value.length;
    const hasBreak = next.value.includes(LINE_FEED) || next.value.includes(CARRIAGE_RETURN);
    if (hasBreak && firstContentLine(head, true) !== undefined) break;
  }
  const headerLine = firstContentLine(head, false);
  if (headerLine === undefined) {
    await bytes.return(undefined);
    throw new ImportFileError('empty_file', 'the file is empty: expected a header line with column names');
  }
  async function* chunks(): AsyncGenerator<Buffer> {
    try {
      yield* head;
      yield* bytes;
    } finally {
      await bytes.return(undefined);
    }
  }
  return { headerLine, chunks: chunks() };
}

/** The first line that is not blank, if the bytes read so far hold it (and, if asked, its line break). */
function firstContentLine(head: Buffer[], complete: boolean): string | undefined {
  // Only the first MiB is decoded: a whole file handed over as one chunk need not be.
  const size = Math.min(
    SNIFF_LIMIT,
    head.reduce((total, chunk) => total + chunk.length, 0),
  );
  const text = Buffer.concat(head, size)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  return (complete ? /^\s*?([^\r\n]*\S[^\r\n]*)[\r\n]/ : /^\s*?([^\r\n]*\S[^\r\n]*)/).exec(text)?.[1];
}

/**
 * The source's bytes, failing on the first byte sequence that is not UTF-8: ERP exports in Windows-1252
 * would otherwise import with every accented letter silently replaced.
 */
async function* utf8Chunks(source: CsvSource): AsyncGenerator<Buffer> {
  let carry: Buffer = Buffer.alloc(0);
  let lineFeeds = 0;
  for await (const piece of typeof source === 'string' || source instanceof Uint8Array ? [source] : source) {
    const chunk = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : asBuffer(piece);
    const data = carry.length === 0 ? chunk : Buffer.concat([carry, chunk]);
    // A character split across two chunks is completed by the next one before it is judged.
    const cut = data.length - incompleteTail(data);
    const whole = data.subarray(0, cut);
    if (!isUtf8(whole)) throw notUtf8(whole, lineFeeds);
    lineFeeds += countLineFeeds(whole);
    carry = Buffer.from(data.subarray(cut));
    // A file handed over whole is passed on in slices (views, not copies), as a stream would deliver it.
    for (let at = 0; at < whole.length; at += SLICE) yield whole.subarray(at, at + SLICE);
  }
  if (carry.length > 0) throw notUtf8(carry, lineFeeds);
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
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

function countLineFeeds(data: Buffer): number {
  let count = 0;
  for (let at = data.indexOf(LINE_FEED); at !== -1; at = data.indexOf(LINE_FEED, at + 1)) count++;
  return count;
}

function notUtf8(data: Buffer, lineFeedsBefore: number): ImportFileError {
  // Only on this failure path is the chunk decoded to find where the bad byte sits.
  const decoded = data.toString('utf8');
  const bad = decoded.indexOf('\uFFFD');
  const before = bad === -1 ? decoded : decoded.slice(0, bad);
  const line = lineFeedsBefore + 1 + (before.match(/\n/g)?.length ?? 0);
  return new ImportFileError(
    'not_utf8',
    `the file is not UTF-8 (first invalid character on line ${line}): save it as "CSV UTF-8" and import it again`,
    { line },
  );
}
