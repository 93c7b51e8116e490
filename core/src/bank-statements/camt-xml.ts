import { XMLParser } from 'fast-xml-parser';
import { readXmlText, XML_PARSER_OPTIONS, type XmlElement } from '../imports/index.ts';
import { StatementFileError } from './statement-file-error.ts';

/** The CAMT.053 versions Kredo reads, by their namespace's last number. */
export const CAMT_VERSIONS = [
  '02',
  '03',
  '04',
  '05',
  '06',
  '07',
  '08',
  '09',
  '10',
  '11',
  '12',
  '13',
] as const;
const NAMESPACE = /^urn:iso:std:iso:20022:tech:xsd:camt\.053\.001\.(\d{2})$/;

/** A part of the document: where it starts and ends in the text, and on which line. */
export interface Span {
  start: number;
  end: number;
  line: number;
}

/**
 * A CAMT.053 document checked and ready to read piece by piece: its statements are found by scanning
 * the text, and each statement's header and each entry are parsed on their own. A file of 100,000
 * entries is then never one tree in memory, and every entry knows the line it starts on.
 */
export interface CamtDocument {
  text: string;
  version: string;
  /** `camt.053.001.08`. */
  formatVersion: string;
  prefix: string;
  statements: Span[];
  lineAt: (index: number) => number;
}

const ROOT = /<(?:([A-Za-z_][\w.-]*):)?Document\b([^>]*)>/;
const XMLNS = /\sxmlns(?::([A-Za-z_][\w.-]*))?\s*=\s*(["'])(.*?)\2/g;

/** Checks the XML (imports/xml-text.ts) and finds the namespace, hence the version, and the statements. */
export function openCamt(xml: string | Uint8Array): CamtDocument {
  const text = readXmlText(xml, { name: 'ISO 20022', vocabulary: 'CAMT.053' });
  const root = ROOT.exec(text);
  const prefix = root?.[1] ?? '';
  const namespace = root ? namespaceOf(root[2] ?? '', prefix) : undefined;
  const version = namespace ? NAMESPACE.exec(namespace)?.[1] : undefined;
  if (!root || !version || !(CAMT_VERSIONS as readonly string[]).includes(version)) {
    throw new StatementFileError(
      'not_bank_statement',
      `the XML is not a CAMT.053 statement of version 2 to 13 (found ${namespace ?? (root ? 'a Document in no namespace' : 'no Document')})`,
    );
  }
  const lineAt = lineCounter(text);
  const statements = spansOf(text, prefix, 'Stmt', 0, text.length, lineAt);
  if (statements.length === 0) {
    // A group header and nothing else (a bank's export of a day without statements, a file cut short):
    // said, rather than answered as an import of nothing.
    throw new StatementFileError(
      'not_bank_statement',
      'the CAMT.053 file holds no statement (no Stmt element)',
    );
  }
  return { text, version, formatVersion: `camt.053.001.${version}`, prefix, statements, lineAt };
}

function namespaceOf(attributes: string, prefix: string): string | undefined {
  for (const match of attributes.matchAll(XMLNS)) if ((match[1] ?? '') === prefix) return match[3];
  return undefined;
}

/**
 * The elements named `local` between `from` and `to`, in document order. CAMT's Stmt, Ntry and TxDtls
 * never nest inside one of their own name, so each ends at the first closing tag after it starts;
 * the document is well-formed (checked), so every `<` there begins markup.
 */
export function spansOf(
  text: string,
  prefix: string,
  local: string,
  from: number,
  to: number,
  lineAt: (index: number) => number,
): Span[] {
  const name = prefix ? `${prefix}:${local}` : local;
  const open = openingTag(name);
  const close = `</${name}>`;
  const spans: Span[] = [];
  open.lastIndex = from;
  for (let match = open.exec(text); match && match.index < to; match = open.exec(text)) {
    const startTagEnd = text.indexOf('>', match.index);
    const end =
      text[startTagEnd - 1] === '/' ? startTagEnd + 1 : text.indexOf(close, startTagEnd) + close.length;
    spans.push({ start: match.index, end, line: lineAt(match.index) });
    open.lastIndex = end;
  }
  return spans;
}

const OPENING_TAGS = new Map<string, RegExp>();

/** The pattern of `<name` as a start tag, made once per name. */
function openingTag(name: string): RegExp {
  let pattern = OPENING_TAGS.get(name);
  if (!pattern) {
    pattern = new RegExp(`<${name}(?=[\\s/>])`, 'g');
    OPENING_TAGS.set(name, pattern);
  }
  return pattern;
}

/** Line numbers for increasing (or repeated) positions, counted once over the text. */
function lineCounter(text: string): (index: number) => number {
  let at = 0;
  let line = 1;
  return (index) => {
    if (index < at) {
      at = 0;
      line = 1;
    }
    for (let nl = text.indexOf('\n', at); nl !== -1 && nl < index; nl = text.indexOf('\n', nl + 1)) {
      line++;
      at = nl + 1;
    }
    return line;
  };
}

// A CAMT document has one vocabulary: local names are enough once the root's namespace is checked.
const parser = new XMLParser({ ...XML_PARSER_OPTIONS, removeNSPrefix: true });
// Character references (`&#233;`) are decoded only with the parser's entity table, which costs a
// third of the parsing time; a fragment without any is parsed without it (XML's five named
// entities are decoded either way).
const plainParser = new XMLParser({ ...XML_PARSER_OPTIONS, removeNSPrefix: true, htmlEntities: false });

type Raw = Record<string, unknown>;

/** One piece of the document (a statement's header, an entry) as a tree of elements by local name. */
export function parseFragment(fragment: string): XmlElement {
  const top = (fragment.includes('&#') ? parser : plainParser).parse(fragment) as Raw;
  const [first] = Object.values(top).filter(Array.isArray) as Raw[][];
  return toElement((first?.[0] ?? {}) as Raw);
}

function toElement(raw: Raw): XmlElement {
  const element: XmlElement = {
    text: String(raw['#text'] ?? '').trim(),
    attributes: {},
    children: new Map(),
  };
  for (const [name, value] of Object.entries(raw)) {
    if (name === '#text') continue;
    if (name.startsWith('@_')) {
      if (!name.startsWith('@_xmlns')) element.attributes[name.slice(2)] = String(value);
      continue;
    }
    if (Array.isArray(value))
      element.children.set(
        name,
        value.map((child) => toElement(child as Raw)),
      );
  }
  return element;
}
