import { isUtf8 } from 'node:buffer';
import { type X2jOptions, XMLValidator } from 'fast-xml-parser';
import { ImportFileError } from './errors.ts';

/**
 * Deepest element nesting an XML import accepts. UBL and CAMT.053 documents nest about ten levels;
 * the parser and the readers after it recurse once per level, so a hostile document 10,000 levels deep
 * would exhaust the stack. A hundred leaves room for any real document.
 */
export const MAX_XML_DEPTH = 100;

// XML 1.0's Char production: what a document may hold, raw or as a character reference. It leaves out
// NUL and the other C0 controls, lone surrogates and U+FFFE/U+FFFF.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const CHARACTER_REFERENCE = /&#(x[0-9a-fA-F]+|[0-9]+);/g;

/**
 * How every XML import parses once the checks below passed: elements always as arrays (a repeated
 * element is never a surprise), attributes as `@_name`, and everything as text, so identifiers such
 * as 0150 or 00123 keep their zeros. Each reader adds how it treats namespace prefixes.
 */
export const XML_PARSER_OPTIONS = {
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  alwaysCreateTextNode: true,
  isArray: (_name: string, _path: string, _leaf: boolean, isAttribute: boolean) => !isAttribute,
  ignoreDeclaration: true,
  ignorePiTags: true,
  htmlEntities: true,
} satisfies X2jOptions;

/** The standard a document follows, named in the reasons it is refused. */
export interface XmlStandard {
  /** Who requires UTF-8: `Peppol BIS`, `ISO 20022`. */
  name: string;
  /** The vocabulary, which never has a DTD: `UBL`, `CAMT.053`. */
  vocabulary: string;
}

const PEPPOL: XmlStandard = { name: 'Peppol BIS', vocabulary: 'UBL' };

/**
 * The checks every XML import makes before its document is parsed (UBL, CAMT.053): UTF-8, no
 * DOCTYPE, only characters XML allows, well-formed, and nested at most MAX_XML_DEPTH deep. Each failure
 * is an ImportFileError with the line it is on; the text, BOM removed, comes back.
 */
export function readXmlText(xml: string | Uint8Array, standard: XmlStandard = PEPPOL): string {
  if (typeof xml !== 'string' && !isUtf8(xml)) {
    throw new ImportFileError('not_utf8', `the document is not UTF-8, which ${standard.name} requires`);
  }
  const text = (typeof xml === 'string' ? xml : Buffer.from(xml).toString('utf8')).replace(/^\uFEFF/, '');
  // UBL has no DTD; refusing one rules out entity-expansion attacks before the parser sees them.
  if (/<!DOCTYPE/i.test(text))
    throw new ImportFileError(
      'bad_xml',
      `the document has a DOCTYPE, which ${standard.vocabulary} never has`,
    );
  checkCharacters(text);
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const { msg, line } = valid.err;
    throw badXml(`the file is not well-formed XML: ${msg}`, line);
  }
  const deep = tooDeepAt(text);
  if (deep !== undefined) {
    throw badXml(`elements are nested more than ${MAX_XML_DEPTH} levels deep`, lineAt(text, deep));
  }
  return text;
}

function badXml(message: string, line: number): ImportFileError {
  return new ImportFileError('bad_xml', `${message} (line ${line})`, { line });
}

/** NUL, other control characters and lone surrogates are not XML, raw or written as `&#0;`. */
function checkCharacters(text: string): void {
  const raw = NOT_XML_CHAR.exec(text);
  if (raw) {
    const code = raw[0].codePointAt(0) as number;
    throw badXml(
      `the document holds character ${codePoint(code)}, which XML does not allow`,
      lineAt(text, raw.index),
    );
  }
  for (const reference of text.matchAll(CHARACTER_REFERENCE)) {
    const digits = reference[1] as string;
    const code = digits.startsWith('x') ? Number.parseInt(digits.slice(1), 16) : Number.parseInt(digits, 10);
    if (code > 0x10ffff || NOT_XML_CHAR.test(String.fromCodePoint(code))) {
      throw badXml(
        `the character reference ${reference[0]} names ${code > 0x10ffff ? 'no character' : codePoint(code)}, which XML does not allow`,
        lineAt(text, reference.index),
      );
    }
  }
}

const codePoint = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

const LESS_THAN = 0x3c;
const GREATER_THAN = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;

/**
 * Where the element that is one level too deep starts, if any. Runs on well-formed XML only, where
 * `<` never occurs in text or attribute values, so every `<` begins markup; a loop, not recursion.
 */
function tooDeepAt(text: string): number | undefined {
  let depth = 0;
  for (let at = text.indexOf('<'); at !== -1; at = text.indexOf('<', at + 1)) {
    const next = text.charCodeAt(at + 1);
    if (next === SLASH) {
      depth--;
    } else if (next === BANG || next === QUESTION) {
      const end = text.startsWith('<!--', at)
        ? text.indexOf('-->', at)
        : text.startsWith('<![CDATA[', at)
          ? text.indexOf(']]>', at)
          : text.indexOf('>', at);
      if (end === -1) return undefined;
      at = end;
    } else {
      const end = endOfTag(text, at);
      if (text.charCodeAt(end - 1) !== SLASH && ++depth > MAX_XML_DEPTH) return at;
      at = end;
    }
  }
  return undefined;
}

/** The `>` that closes the start tag at `at`, skipping any inside quoted attribute values. */
function endOfTag(text: string, at: number): number {
  let quote = 0;
  for (let i = at + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (quote !== 0) {
      if (code === quote) quote = 0;
    } else if (code === 0x22 || code === 0x27) {
      quote = code;
    } else if (code === GREATER_THAN) {
      return i;
    } else if (code === LESS_THAN) {
      break;
    }
  }
  return text.length;
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < index; at = text.indexOf('\n', at + 1)) line++;
  return line;
}
