import { IBAN_SHAPE } from '../administrations/index.ts';
import { compactReference, isValidRf } from './matching/creditor-reference.ts';
import type { Mt940Details } from './mt940-details.ts';
import { provided } from './not-provided.ts';

/**
 * German banks' `:86:` (DFÜ-Abkommen, the structured field 86 of Sparkasse, Volksbank/Raiffeisen,
 * Deutsche Bank, Commerzbank, Postbank, OLB, LBBW …): a three-digit business transaction code (GVC),
 * then subfields, each `?` and two digits: `?00` booking text, `?10` primanota, `?20`–`?29` and
 * `?60`–`?63` the remittance lines, `?30` the counterparty's BIC (or bank code), `?31` its IBAN (or
 * account number), `?32` and `?33` its name, `?34` a text key addition.
 * `166?00GUTSCHRIFT?100004770?20SVWZ+Kunden-Nr. 20389020 Ve?21rtrags-Nr. 1000620785?30…`
 */
export function isGermanDetails(text: string): boolean {
  return /^\d{3}\?\d{2}/.test(text.trimStart());
}

/**
 * Inside the remittance lines, SEPA keywords mark the parts: `EREF+` end-to-end id, `KREF+` customer
 * reference, `MREF+` mandate, `CRED+` creditor id, `DEBT+` debtor id, `COAM+` and `OAMT+` amounts,
 * `SVWZ+` the remittance text proper, `ABWA+` and `ABWE+` ultimate payer and payee, `IBAN+`, `BIC+`.
 */
const SEPA_KEYWORD = /(EREF|KREF|MREF|CRED|DEBT|COAM|OAMT|SVWZ|ABWA|ABWE|IBAN|BIC)\+/g;

// `?20`–`?29`, then `?60`–`?63`, where longer remittance texts run on.
const REMITTANCE_SUBFIELDS = '20 21 22 23 24 25 26 27 28 29 60 61 62 63'.split(' ');

// Each name subfield holds 27 characters.
const NAME_SUBFIELD_LENGTH = 27;

// An IBAN's shape is enough to recognise a payer again (as for de Volksbank's); a bank code and an
// account number of the days before SEPA are neither IBAN nor BIC.
const BIC_SHAPE = /^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/;

/** The German `:86:` read, its text joined as the bank cut it (joinDetails). */
export function readGermanDetails(text: string): Mt940Details {
  const subfields = germanSubfields(text);
  // Joined without spaces, as other readers do: banks cut these lines anywhere, Volksbank in the middle
  // of an IBAN (`IBAN: DE835` `00105…`) and a word (`BIC: SBCR` `DE66`) alike, even short of 27
  // characters. A word the sender ended a line with is glued to the next (`FAM. MEIERENGLAND`), but
  // numbers and references, which matching reads, stay whole.
  const remittance = REMITTANCE_SUBFIELDS.map((code) => subfields.get(code) ?? '').join('');
  const { freeText, parts } = sepaParts(remittance);
  const remittanceText = nonEmpty(parts.get('SVWZ') ?? freeText);
  const creditorReference = rfAtStart(remittanceText);
  return {
    endToEndId: provided(parts.get('EREF')),
    mandateId: provided(parts.get('MREF')),
    counterpartyName: counterpartyName(subfields.get('32') ?? '', subfields.get('33') ?? ''),
    counterpartyIban: shaped(subfields.get('31'), IBAN_SHAPE) ?? shaped(parts.get('IBAN'), IBAN_SHAPE),
    counterpartyBic: shaped(subfields.get('30'), BIC_SHAPE) ?? shaped(parts.get('BIC'), BIC_SHAPE),
    remittanceText,
    creditorReference,
    creditorReferenceType: creditorReference ? 'SCOR' : null,
    returnReason: null,
  };
}

/**
 * Each subfield's content by its two digits, the GVC left out. The bank breaks its lines anywhere,
 * even between a `?` and its digits, so any line break left is dropped without a space.
 */
function germanSubfields(text: string): Map<string, string> {
  const [, ...pieces] = text
    .replace(/\r?\n/g, '')
    .trimStart()
    .slice(3)
    .split(/\?(\d{2})/);
  const subfields = new Map<string, string>();
  for (let at = 0; at < pieces.length; at += 2) {
    const code = pieces[at] as string;
    subfields.set(code, (subfields.get(code) ?? '') + (pieces[at + 1] ?? ''));
  }
  return subfields;
}

/**
 * The remittance lines split at their SEPA keywords, each keyword's part up to the next (the first
 * of a keyword wins), and the text before any keyword. The lines are joined as cut, so a keyword may
 * follow the previous part without a space (`…BYA12345678901CRED+…`).
 */
function sepaParts(remittance: string): { freeText: string; parts: Map<string, string> } {
  const found = [...remittance.matchAll(SEPA_KEYWORD)];
  const parts = new Map<string, string>();
  for (const [at, match] of found.entries()) {
    const start = (match.index as number) + match[0].length;
    const end = found[at + 1]?.index ?? remittance.length;
    const keyword = match[1] as string;
    if (!parts.has(keyword)) parts.set(keyword, remittance.slice(start, end).trim());
  }
  return { freeText: remittance.slice(0, found[0]?.index ?? remittance.length), parts };
}

/**
 * `?32` and `?33` joined. A full `?32` was cut where the 27 characters ran out, often mid-word
 * (`Finanzamt Muenchen Abteilun` `g Erhebung`), and joins as cut; a shorter one ended where the bank
 * chose, at a word (`KUNZ MEIER` `57072 SIEGEN`, `JOSEF` `JAEGER`), and takes a space. jejik/mt940 and
 * python's mt940 always join without one, which glues those words together.
 */
function counterpartyName(first: string, second: string): string | null {
  const name = first.length >= NAME_SUBFIELD_LENGTH ? first + second : `${first} ${second}`;
  return nonEmpty(name.replace(/\s+/g, ' '));
}

/**
 * An ISO 11649 creditor reference that opens the remittance text, when its check digits hold. The text
 * keeps it too: it is what the payer wrote, and matching reads both.
 */
function rfAtStart(remittanceText: string | null): string | null {
  const rf = /^RF[0-9]{2}[A-Z0-9]{1,21}(?![A-Z0-9])/i.exec(remittanceText ?? '');
  return rf && isValidRf(rf[0]) ? compactReference(rf[0]) : null;
}

/** The value upper case without spaces, when that has the shape; else none. */
function shaped(value: string | undefined, shape: RegExp): string | null {
  const compact = value?.replace(/\s+/g, '').toUpperCase() ?? '';
  return shape.test(compact) ? compact : null;
}

function nonEmpty(text: string): string | null {
  return text.trim() === '' ? null : text.trim();
}
