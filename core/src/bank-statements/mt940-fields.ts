import { StatementFileError } from './statement-file-error.ts';

/** One field of an MT940 message: `:61:` and its content, continuation lines included. */
export interface Mt940Field {
  tag: string;
  /** The field's lines, the first without its tag. */
  lines: string[];
  /** Line in the file where the field starts. */
  line: number;
}

// `:NS:` is the German DFÜ layout's own field (account holder and name, after `:28:`): a field, read
// by nothing, so its lines do not run into the sequence number before it. ING's classic export once
// wrote `:86 :`, the space before the colon.
const TAG = /^:(\d{2}[A-Z]?|NS) ?:(.*)$/;
// What banks put around the fields: SWIFT blocks ({1:…}{2:…}{4:), Rabobank's `:940:` line, ABN AMRO's
// `ABNANL2A` / `940` header, ING's `0000 01INGBNL2AXXXX00001` / `940 00` header, and the `-`, `-}`
// (ASN Bank's with the trailer block after it, `-}{5:}`; PostFinance's with the next message's
// blocks after it, `-}{1:…}{4:`, once its control characters are gone) or ING's `-XXX` that ends a
// message.
const FRAME =
  /^(\{[0-9]:.*|-(\}(\{[0-9A-Z]+:.*\})*(\{1:.*)?|XXX)?|\}|:940:|[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?|94[02]( \d{2})?|\d{4} \d{2}[A-Z]{6}[A-Z0-9]{2,6}\d{5})$/;
// Transmission control characters some banks' exports keep (mBank's SOH before and ETX after each
// message): never text.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/g;

/**
 * The fields of an MT940 file in order: every line starting `:NN:` or `:NNa:` begins a field, the lines
 * after it continue it, and the frames banks wrap messages in are left out. Text before the first
 * field that is not such a frame means the file is not MT940.
 */
export function mt940Fields(text: string): Mt940Field[] {
  const fields: Mt940Field[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const [at, raw] of lines.entries()) {
    const line = raw.replace(/\r$/, '').replace(CONTROL, '');
    const tag = TAG.exec(line);
    if (tag && line !== ':940:') {
      fields.push({ tag: tag[1] as string, lines: [tag[2] as string], line: at + 1 });
      continue;
    }
    const trimmed = line.trim();
    if (trimmed === '' || FRAME.test(trimmed)) continue;
    const current = fields.at(-1);
    if (!current) {
      throw new StatementFileError(
        'bad_mt940',
        `the file does not start with MT940 fields (found "${trimmed.slice(0, 40)}")`,
        at + 1,
      );
    }
    current.lines.push(line);
  }
  return fields;
}

/** True when the text looks like MT940: a `:20:` field and a statement line or balance after it. */
export function looksLikeMt940(head: string): boolean {
  return /(^|\n):20:/.test(head) && /\n:(25|28C?|60[FM]):/.test(head);
}
