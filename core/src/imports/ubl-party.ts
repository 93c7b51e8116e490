import { InvalidValueError, inField } from './errors.ts';
import { countryCode, email, key, phone, postalCode, text, vatNumber } from './field-checks.ts';
import type { AddressRecord, ContactRecord, DebtorRecord } from './records.ts';
import { child, children, textAt, type UblElement } from './ubl-xml.ts';

const PARTY = 'cac:AccountingCustomerParty/cac:Party';

/**
 * The buyer of a UBL document (cac:AccountingCustomerParty/cac:Party) as a debtor.
 *
 * Its debtor number is the first of: cac:PartyIdentification/cbc:ID (BT-46, the buyer identifier, where
 * ERPs put their own customer number), cbc:EndpointID (BT-49, the buyer's Peppol address: stable and
 * always present, but an address for routing rather than a customer number), and
 * cac:PartyLegalEntity/cbc:CompanyID (BT-47, the legal registration number).
 * Its name is the legal name (RegistrationName, BT-44, mandatory in Peppol and the one a demand for
 * payment must name), else the trading name (PartyName/Name, BT-45).
 */
export function buyerFromUbl(document: UblElement, line: number): DebtorRecord {
  const party = child(document, 'AccountingCustomerParty', 'Party');
  if (party === undefined) {
    throw new InvalidValueError('missing_value', 'the document has no buyer', 'cac:AccountingCustomerParty');
  }
  const identifier =
    field(party, 'cac:PartyIdentification/cbc:ID') ??
    field(party, 'cbc:EndpointID') ??
    field(party, 'cac:PartyLegalEntity/cbc:CompanyID');
  if (identifier === undefined) {
    throw new InvalidValueError(
      'missing_value',
      'the buyer has no identifier (PartyIdentification/ID, EndpointID or PartyLegalEntity/CompanyID)',
      `${PARTY}/cac:PartyIdentification/cbc:ID`,
    );
  }
  const name =
    field(party, 'cac:PartyLegalEntity/cbc:RegistrationName') ?? field(party, 'cac:PartyName/cbc:Name');
  if (name === undefined) {
    throw new InvalidValueError(
      'missing_value',
      'the buyer has no name',
      `${PARTY}/cac:PartyLegalEntity/cbc:RegistrationName`,
    );
  }
  const vatScheme =
    children(party, 'PartyTaxScheme').find(
      (scheme) => textAt(scheme, 'TaxScheme', 'ID')?.toUpperCase() === 'VAT',
    ) ?? child(party, 'PartyTaxScheme');
  const address = addressOf(party);
  const contact = contactOf(party);
  return {
    line,
    number: validated(identifier, key),
    name: validated(name, text),
    // Peppol BIS Billing is business-to-business (and -government) invoicing.
    type: 'b2b',
    vatNumber: validated(field(vatScheme, 'cbc:CompanyID', `${PARTY}/cac:PartyTaxScheme`), vatNumber),
    // Registries write their numbers in many ways (with scheme prefixes, colons), so only the length is checked.
    cocNumber: validated(field(party, 'cac:PartyLegalEntity/cbc:CompanyID'), text),
    addresses: address ? [address] : [],
    contacts: contact ? [contact] : [],
    tags: [],
  };
}

interface Found {
  value: string;
  /** Path from the document root, as reported in errors. */
  path: string;
}

/** The text at a prefixed path such as 'cac:PartyName/cbc:Name' below an element found at `base`. */
function field(element: UblElement | undefined, path: string, base = PARTY): Found | undefined {
  const value = textAt(element, ...path.split('/').map((step) => step.slice(step.indexOf(':') + 1)));
  return value === undefined ? undefined : { value, path: `${base}/${path}` };
}

function validated<T>(found: Found, validate: (value: string) => T): T;
function validated<T>(found: Found | undefined, validate: (value: string) => T): T | undefined;
function validated<T>(found: Found | undefined, validate: (value: string) => T): T | undefined {
  return found === undefined ? undefined : inField(found.path, () => validate(found.value));
}

function addressOf(party: UblElement): AddressRecord | undefined {
  const at = (path: string) => field(party, `cac:PostalAddress/${path}`);
  const [first, ...more] = [
    at('cbc:StreetName'),
    at('cbc:AdditionalStreetName'),
    at('cac:AddressLine/cbc:Line'),
  ].filter((found): found is Found => found !== undefined);
  // Peppol requires only the country; without a street line there is nothing to post a letter to.
  if (first === undefined) return undefined;
  const rest = more[0] && { path: more[0].path, value: more.map((found) => found.value).join(', ') };
  return {
    type: 'billing',
    line1: validated(first, text),
    line2: validated(rest, text),
    postalCode: validated(at('cbc:PostalZone'), postalCode),
    city: validated(at('cbc:CityName'), text),
    region: validated(at('cbc:CountrySubentity'), text),
    country: validated(at('cac:Country/cbc:IdentificationCode'), countryCode),
  };
}

function contactOf(party: UblElement): ContactRecord | undefined {
  const contact: ContactRecord = {
    name: validated(field(party, 'cac:Contact/cbc:Name'), text),
    email: validated(field(party, 'cac:Contact/cbc:ElectronicMail'), email),
    phone: validated(field(party, 'cac:Contact/cbc:Telephone'), phone),
  };
  return contact.name || contact.email || contact.phone ? contact : undefined;
}
