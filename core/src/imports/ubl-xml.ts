import { XMLParser } from 'fast-xml-parser';
import { ImportFileError } from './errors.ts';
import { readXmlText, XML_PARSER_OPTIONS } from './xml-text.ts';

/** An element of a UBL document, with only the children in UBL's namespaces, keyed by local name. */
export interface UblElement {
  text: string;
  attributes: Record<string, string>;
  children: Map<string, UblElement[]>;
}

export type UblKind = 'Invoice' | 'CreditNote';

const UBL_ROOTS: Record<string, UblKind> = {
  'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2': 'Invoice',
  'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2': 'CreditNote',
};
const UBL_NAMESPACES = new Set([
  ...Object.keys(UBL_ROOTS),
  'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
]);
// The Peppol transport envelope; a document received through an access point may still be inside it.
const SBDH = 'http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader';

type Raw = Record<string, unknown>;
type Scope = ReadonlyMap<string, string>;

const parser = new XMLParser({
  ...XML_PARSER_OPTIONS,
  // Prefixes are resolved below against the declarations, since a sender may bind UBL to any prefix.
  removeNSPrefix: false,
});

/** Parses a UBL Invoice or CreditNote (bare, or in a Peppol SBDH envelope); anything else throws ImportFileError. */
export function parseUbl(xml: string | Uint8Array): { kind: UblKind; root: UblElement } {
  const text = readXmlText(xml);
  const top = elementsOf(parser.parse(text) as Raw, new Map());
  if (top.length !== 1) throw notUbl(`${top.length} root elements`);
  let [found] = top as [Named];
  if (found.namespace === SBDH && found.local === 'StandardBusinessDocument') {
    const inner = elementsOf(found.raw, found.scope).filter((element) => UBL_ROOTS[element.namespace]);
    if (inner.length !== 1) throw notUbl('a StandardBusinessDocument without one UBL document in it');
    found = inner[0] as Named;
  }
  const kind = UBL_ROOTS[found.namespace];
  if (kind === undefined || found.local !== kind) {
    throw notUbl(`<${found.local}> in namespace ${found.namespace || '(none)'}`);
  }
  return { kind, root: toElement(found.raw, found.scope) };
}

/** The first element down a path of local names, e.g. child(root, 'LegalMonetaryTotal', 'PayableAmount'). */
export function child(element: UblElement | undefined, ...path: string[]): UblElement | undefined {
  let current = element;
  for (const name of path) current = current?.children.get(name)?.[0];
  return current;
}

export function children(element: UblElement | undefined, name: string): UblElement[] {
  return element?.children.get(name) ?? [];
}

/** The text at a path, or undefined when the element is missing or empty. */
export function textAt(element: UblElement | undefined, ...path: string[]): string | undefined {
  const text = child(element, ...path)?.text;
  return text === '' ? undefined : text;
}

function notUbl(found: string): ImportFileError {
  return new ImportFileError(
    'not_ubl',
    `the file is not a UBL 2.1 Invoice or CreditNote (found ${found}); Kredo reads Peppol BIS Billing 3.0 documents`,
  );
}

interface Named {
  namespace: string;
  local: string;
  raw: Raw;
  scope: Scope;
}

/** The child elements of a parsed node, each with its namespace resolved in the scope it declares. */
function elementsOf(node: Raw, parentScope: Scope): Named[] {
  const found: Named[] = [];
  for (const [name, value] of Object.entries(node)) {
    if (name.startsWith('@_') || name === '#text' || !Array.isArray(value)) continue;
    const colon = name.indexOf(':');
    const prefix = colon === -1 ? '' : name.slice(0, colon);
    const local = name.slice(colon + 1);
    for (const raw of value as Raw[]) {
      const scope = declaredScope(raw, parentScope);
      found.push({ namespace: scope.get(prefix) ?? '', local, raw, scope });
    }
  }
  return found;
}

function declaredScope(raw: Raw, parent: Scope): Scope {
  let scope: Map<string, string> | undefined;
  for (const [name, value] of Object.entries(raw)) {
    if (name !== '@_xmlns' && !name.startsWith('@_xmlns:')) continue;
    scope ??= new Map(parent);
    scope.set(name === '@_xmlns' ? '' : name.slice('@_xmlns:'.length), String(value));
  }
  return scope ?? parent;
}

function toElement(raw: Raw, scope: Scope): UblElement {
  const element: UblElement = {
    text: String(raw['#text'] ?? '').trim(),
    attributes: {},
    children: new Map(),
  };
  for (const [name, value] of Object.entries(raw)) {
    if (name.startsWith('@_') && !name.startsWith('@_xmlns'))
      element.attributes[name.slice(2)] = String(value);
  }
  // Extensions and other vocabularies are left out, so a local name always means the UBL element.
  for (const found of elementsOf(raw, scope)) {
    if (!UBL_NAMESPACES.has(found.namespace)) continue;
    const list = element.children.get(found.local) ?? [];
    list.push(toElement(found.raw, found.scope));
    element.children.set(found.local, list);
  }
  return element;
}
