import { isUtf8 } from 'node:buffer';
import { readCamtStatements } from './camt-read.ts';
import { openCamt } from './camt-xml.ts';
import { looksLikeMt940 } from './mt940-fields.ts';
import { readMt940Statements } from './mt940-read.ts';
import type { ParsedStatement } from './parsed-statement.ts';
import { StatementFileError } from './statement-file-error.ts';
import type { StatementFormat } from './statement-rows.ts';

export interface StatementFile {
  format: StatementFormat;
  formatVersion: string;
  /** Read one at a time as the import goes. */
  statements: Iterable<ParsedStatement>;
}

/** Opens a statement file as the format given, or as the one its content shows (XML: CAMT.053). */
export function readStatementFile(bytes: Uint8Array, format?: StatementFormat): StatementFile {
  const chosen = format ?? detectFormat(bytes);
  if (chosen === 'camt053') {
    const document = openCamt(bytes);
    return {
      format: chosen,
      formatVersion: document.formatVersion,
      statements: readCamtStatements(document),
    };
  }
  return { format: chosen, formatVersion: 'mt940', statements: readMt940Statements(mt940Text(bytes)) };
}

export function detectFormat(bytes: Uint8Array): StatementFormat {
  const head = Buffer.from(bytes.subarray(0, 4096))
    .toString('latin1')
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, '');
  if (head.trimStart().startsWith('<')) return 'camt053';
  if (looksLikeMt940(head.replace(/\r\n/g, '\n'))) return 'mt940';
  if (head.trim() === '') throw new StatementFileError('not_bank_statement', 'the file is empty');
  throw new StatementFileError(
    'not_bank_statement',
    'the file is neither CAMT.053 (XML) nor MT940 (fields such as :20:, :25:, :60F:, :61:)',
  );
}

/** MT940 is ASCII in SWIFT's character set; banks' exports are UTF-8 or Windows-1252 for names. */
function mt940Text(bytes: Uint8Array): string {
  return new TextDecoder(isUtf8(bytes) ? 'utf-8' : 'windows-1252').decode(bytes);
}
