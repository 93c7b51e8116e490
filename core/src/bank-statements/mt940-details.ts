import { IBAN_SHAPE } from '../administrations/index.ts';
import { isGermanDetails, readGermanDetails } from './mt940-german-details.ts';
import { provided } from './not-provided.ts';

/**
 * What a Dutch bank's structured `:86:` says (ING, Rabobank, ABN AMRO and others follow the Dutch
 * banks' SEPA convention): `/TAG/value` pairs such as `/EREF/…`, `/REMI/…`, `/IBAN/…`, `/NAME/…`,
 * `/CNTP/iban/bic/name/city`, `/MARF/…`, `/RTRN/…` and the structured creditor reference
 * `/CDTRREFTP//CD/SCOR/ISSR/CUR/CDTRREF/…` (ING: `/REMI/STRD/CUR/…`). Wrapped lines are joined as
 * they were cut (at 65 characters, mid-word). German banks' `?NN` subfields are read in
 * mt940-german-details.ts. An `:86:` without either is remittance text, except Knab's, whose line
 * `REK: iban/NAAM: name` names the counterparty, and de Volksbank's (ASN Bank, SNS, RegioBank): its
 * first line is the counterparty's IBAN and name, the lines after it the remittance text.
 */
export interface Mt940Details {
  endToEndId: string | null;
  mandateId: string | null;
  counterpartyName: string | null;
  counterpartyIban: string | null;
  counterpartyBic: string | null;
  remittanceText: string | null;
  creditorReference: string | null;
  creditorReferenceType: string | null;
  returnReason: string | null;
}

// Only these are tags: a value may hold other slashes, and USTD, STRD and CUR are read inside REMI.
const TAGS = [
  'ADDR',
  'BENM',
  'BIC',
  'BUSP',
  'CD',
  'CDTRREF',
  'CDTRREFTP',
  'CHGS',
  'CNTP',
  'CSID',
  'EREF',
  'EXCH',
  'IBAN',
  'ID',
  'IREF',
  'ISDT',
  'ISSR',
  'MARF',
  'NAME',
  'OAMT',
  'ORDP',
  'PREF',
  'PURP',
  'REMI',
  'RTRN',
  'SVCL',
  'TRCD',
  'TRTP',
  'ULTB',
  'ULTC',
  'ULTD',
];
const TAG_AT = new RegExp(`/(${TAGS.join('|')})/`, 'g');

/**
 * Joins the field's lines: structured content is cut mid-word and joins as cut (the Dutch `/TAG/`s,
 * and the German subfields, whose `?` may also open a line), free text is cut at word ends.
 */
export function joinDetails(lines: string[]): string {
  const asCut = lines.join('');
  const structured = (lines[0]?.startsWith('/') ?? false) || isGermanDetails(asCut);
  return structured ? asCut : joinFreeText(lines);
}

function joinFreeText(lines: readonly string[]): string {
  return lines.map((line) => line.trim()).join(' ');
}

// de Volksbank's first `:86:` line (more lines follow it): an IBAN's shape, then the name. Its checksum is not required: the
// IBAN only serves to recognise a payer again, and a line that merely looks like one finds nobody.
const IBAN_AND_NAME = /^([A-Z]{2}[0-9]{2}[A-Z0-9]{11,30})\s+(\S.*)$/;

// Knab's line naming the counterparty, after the remittance text's lines: `REK: ` and its account (an
// IBAN, or Knab's own account number on its fees), `/NAAM: ` and its name.
const KNAB_COUNTERPARTY = /^REK: (\S+)\/NAAM: (.*)$/;

/** The `:86:` field read: its text as joined (joinDetails), and its lines as the bank cut them. */
export function readMt940Details(text: string, lines: readonly string[] = []): Mt940Details {
  if (isGermanDetails(text)) return readGermanDetails(text);
  const values = tagValues(text);
  if (values.size > 0) return readTaggedDetails(values);
  const fieldLines = lines.length > 0 ? lines : [text];
  return readKnabDetails(fieldLines) ?? readVolksbankDetails(fieldLines) ?? freeTextDetails(text);
}

function noDetails(): Mt940Details {
  return {
    endToEndId: null,
    mandateId: null,
    counterpartyName: null,
    counterpartyIban: null,
    counterpartyBic: null,
    remittanceText: null,
    creditorReference: null,
    creditorReferenceType: null,
    returnReason: null,
  };
}

function readTaggedDetails(values: Map<string, string>): Mt940Details {
  const details: Mt940Details = {
    ...noDetails(),
    endToEndId: provided(values.get('EREF')),
    mandateId: provided(values.get('MARF')),
    returnReason: provided(values.get('RTRN')),
  };
  readCounterparty(values, details);
  readRemittance(values, details);
  return details;
}

/** Knab's `REK: …/NAAM: …` line anywhere in the field: the other lines are the remittance text. */
function readKnabDetails(lines: readonly string[]): Mt940Details | null {
  const at = lines.findIndex((line) => KNAB_COUNTERPARTY.test(line.trim()));
  if (at < 0) return null;
  const [, account, name] = KNAB_COUNTERPARTY.exec((lines[at] as string).trim()) as RegExpExecArray;
  const iban = (account as string).toUpperCase();
  return {
    ...noDetails(),
    counterpartyIban: IBAN_SHAPE.test(iban) ? iban : null,
    counterpartyName: (name as string).trim() || null,
    remittanceText: remittanceOf(lines.filter((_, index) => index !== at)),
  };
}

// Only in de Volksbank's layout, lines padded after the first: a single line that starts with an
// IBAN is somebody's free text (`NL91ABNA0417164300 factuur 2026-0042`), kept whole for matching.
function readVolksbankDetails(lines: readonly string[]): Mt940Details | null {
  const counterparty = lines.length > 1 ? IBAN_AND_NAME.exec(lines[0]?.trim() ?? '') : null;
  if (!counterparty) return null;
  return {
    ...noDetails(),
    counterpartyIban: counterparty[1] as string,
    counterpartyName: (counterparty[2] as string).trim(),
    remittanceText: remittanceOf(lines.slice(1)),
  };
}

function freeTextDetails(text: string): Mt940Details {
  return { ...noDetails(), remittanceText: text.trim() === '' ? null : text.trim() };
}

function remittanceOf(lines: readonly string[]): string | null {
  const text = joinFreeText(lines.filter((line) => line.trim() !== ''));
  return text === '' ? null : text;
}

/** Each tag's value, its separating slashes removed; the first occurrence of a tag wins. */
function tagValues(text: string): Map<string, string> {
  const values = new Map<string, string>();
  const found = [...text.matchAll(TAG_AT)];
  for (const [at, match] of found.entries()) {
    const start = (match.index as number) + match[0].length;
    const next = found[at + 1];
    const end = next ? (next.index as number) : text.length;
    const tag = match[1] as string;
    if (!values.has(tag))
      values.set(
        tag,
        text
          .slice(start, end)
          .replace(/^\/+|\/+$/g, '')
          .trim(),
      );
  }
  return values;
}

function readCounterparty(values: Map<string, string>, details: Mt940Details): void {
  const cntp = values.get('CNTP');
  if (cntp !== undefined) {
    const [iban, bic, name] = cntp.split('/');
    details.counterpartyIban = iban ? iban.toUpperCase() : null;
    details.counterpartyBic = bic || null;
    details.counterpartyName = name?.trim() || null;
    return;
  }
  details.counterpartyIban = values.get('IBAN')?.toUpperCase() || null;
  details.counterpartyBic = values.get('BIC') || null;
  details.counterpartyName = values.get('NAME') || null;
}

function readRemittance(values: Map<string, string>, details: Mt940Details): void {
  const remi = values.get('REMI') ?? '';
  const strd = /^STRD\/([A-Z]{2,4})\/(.+)$/.exec(remi);
  if (strd) {
    details.creditorReference = (strd[2] as string).replace(/\s+/g, '');
    details.creditorReferenceType = `SCOR/${strd[1]}`;
  } else {
    const text = remi.replace(/^USTD\/+/, '').trim();
    details.remittanceText = text === '' ? null : text;
  }
  const reference = values.get('CDTRREF');
  if (reference) {
    details.creditorReference = reference.replace(/\s+/g, '');
    details.creditorReferenceType = [values.get('CD') || 'SCOR', values.get('ISSR')]
      .filter(Boolean)
      .join('/');
  }
}
