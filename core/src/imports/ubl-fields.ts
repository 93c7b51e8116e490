import { InvalidValueError, inField } from './errors.ts';
import type { RowWarning } from './import-rows.ts';
import { textAt, type UblElement } from './ubl-xml.ts';

/** A value found in a UBL document, with the path it was found at, as errors and warnings name it. */
export interface Found {
  value: string;
  path: string;
  /** The element's schemeID attribute (identifiers), when it has one. */
  scheme?: string;
}

/**
 * The text at a prefixed path such as 'cac:PartyName/cbc:Name' below `element`, which sits at `base`
 * ('' for the document's root element).
 */
export function field(element: UblElement | undefined, path: string, base: string): Found | undefined {
  const steps = path.split('/').map((step) => step.slice(step.indexOf(':') + 1));
  const value = textAt(element, ...steps);
  if (value === undefined) return undefined;
  let found: UblElement | undefined = element;
  for (const step of steps) found = found?.children.get(step)?.[0];
  const scheme = found?.attributes.schemeID?.trim();
  return { value, path: base ? `${base}/${path}` : path, ...(scheme ? { scheme } : {}) };
}

/** A field the document needs: a value that fails `check` rejects the document, naming the field. */
export function validated<T>(found: Found, check: (value: string) => T): T;
export function validated<T>(found: Found | undefined, check: (value: string) => T): T | undefined;
export function validated<T>(found: Found | undefined, check: (value: string) => T): T | undefined {
  return found === undefined ? undefined : inField(found.path, () => check(found.value));
}

/**
 * Collects what a lenient reading left out. A received e-invoice cannot be corrected by its recipient,
 * so an optional field that cannot be read (a contact e-mail that reads "String") is dropped with a
 * warning rather than refusing the whole document.
 */
export class LeftOut {
  readonly warnings: RowWarning[] = [];

  constructor(private readonly line: number) {}

  /** An optional field's checked value, or undefined (with a warning) when it fails its check. */
  optional<T>(found: Found | undefined, check: (value: string) => T, outcome = 'left out'): T | undefined {
    if (found === undefined) return undefined;
    try {
      return inField(found.path, () => check(found.value));
    } catch (error) {
      if (!(error instanceof InvalidValueError)) throw error;
      this.warnings.push({ line: this.line, field: found.path, message: `${error.message}; ${outcome}` });
      return undefined;
    }
  }
}
