import type { Address, Contact } from '../debtors/debtor-types.ts';
import { InvalidValueError } from './errors.ts';
import { countryCode, email, key, phone, postalCode, text, vatNumber } from './field-checks.ts';
import type { DebtorImportRow } from './import-rows.ts';
import { type Found, field, type LeftOut, validated } from './ubl-fields.ts';
import { child, children, textAt, type UblElement } from './ubl-xml.ts';

const PARTY = 'cac:AccountingCustomerParty/cac:Party';
const at = (element: UblElement | undefined, path: string) => field(element, path, PARTY);

/** A UBL buyer as a debtor, with what else identifies it when the document gives no customer number. */
export interface UblBuyer {
  debtor: DebtorImportRow;
  /**
   * Set when the debtor number was derived (no PartyIdentification): the VAT and registration numbers
   * an existing debtor may be matched by instead (imports/ubl-buyer-match.ts).
   */
  matchBy?: { vatNumber?: string; cocNumber?: string };
}

const schemed = (found: Found, otherwise: string) =>
  found.scheme ? `${found.scheme}:${found.value}` : `${otherwise}${found.value}`;

/**
 * The buyer of a UBL document (cac:AccountingCustomerParty/cac:Party) as a debtor. Its number comes from
 * NUMBER_SOURCES; a buyer with none of them is refused. Its name is the legal name (RegistrationName,
 * BT-44, the one a demand for payment must name), else the trading name (PartyName/Name, BT-45). Every
 * other field is optional: one that cannot be read is left out with a warning in `leftOut`.
 */
export function buyerFromUbl(document: UblElement, line: number, leftOut: LeftOut): UblBuyer {
  const party = child(document, 'AccountingCustomerParty', 'Party');
  if (party === undefined) {
    throw new InvalidValueError('missing_value', 'the document has no buyer', 'cac:AccountingCustomerParty');
  }
  const name = at(party, 'cac:PartyLegalEntity/cbc:RegistrationName') ?? at(party, 'cac:PartyName/cbc:Name');
  if (name === undefined) {
    throw new InvalidValueError(
      'missing_value',
      'the buyer has no name',
      `${PARTY}/cac:PartyLegalEntity/cbc:RegistrationName`,
    );
  }
  const vat = leftOut.optional(vatScheme(party), vatNumber);
  const coc = leftOut.optional(at(party, 'cac:PartyLegalEntity/cbc:CompanyID'), text);
  const { number, derived } = debtorNumber(party, vat, leftOut);
  const address = addressOf(party, leftOut);
  const contact = contactOf(party, leftOut);
  const debtor: DebtorImportRow = {
    line,
    number,
    name: validated(name, text),
    // Peppol BIS Billing is business-to-business (and -government) invoicing.
    type: 'b2b',
    vatNumber: vat,
    // Registries write their numbers in many ways (with scheme prefixes, colons), so only the length is checked.
    cocNumber: coc,
    addresses: address ? [address] : [],
    contacts: contact ? [contact] : [],
    tags: [],
  };
  return derived ? { debtor, matchBy: { vatNumber: vat, cocNumber: coc } } : { debtor };
}

/** The VAT registration: the PartyTaxScheme whose TaxScheme is VAT, else the only one there is. */
function vatScheme(party: UblElement): Found | undefined {
  const schemes = children(party, 'PartyTaxScheme');
  const vat =
    schemes.find((scheme) => textAt(scheme, 'TaxScheme', 'ID')?.toUpperCase() === 'VAT') ?? schemes[0];
  return field(vat, 'cbc:CompanyID', `${PARTY}/cac:PartyTaxScheme`);
}

/**
 * The debtor number: the first of these that the buyer has and that fits a debtor number. BT-46, the
 * buyer identifier, is where ERPs put their own customer number, and is used as it is. The others are
 * derived, so that the same buyer always gets the same number, and marked by where they come from, so
 * that they cannot be taken for an ERP's number: the Peppol address (BT-49) as ISO 6523 `scheme:id`, as
 * Peppol writes participant ids; the VAT number (BT-48) with `VAT:`; the legal registration number
 * (BT-47) as `scheme:id` or, without a scheme, with `REG:`.
 */
function debtorNumber(
  party: UblElement,
  vat: string | undefined,
  leftOut: LeftOut,
): { number: string; derived: boolean } {
  const legal = at(party, 'cac:PartyLegalEntity/cbc:CompanyID');
  const candidates: (Found | undefined)[] = [
    at(party, 'cac:PartyIdentification/cbc:ID'),
    ((endpoint) => endpoint && { ...endpoint, value: schemed(endpoint, '') })(at(party, 'cbc:EndpointID')),
    // The VAT number as read above: one that is not a VAT number has already been left out.
    vat === undefined
      ? undefined
      : { path: `${PARTY}/cac:PartyTaxScheme/cbc:CompanyID`, value: `VAT:${vat}` },
    legal && { ...legal, value: schemed(legal, 'REG:') },
  ];
  for (const [index, candidate] of candidates.entries()) {
    const number = leftOut.optional(candidate, key, 'not used as the debtor number');
    if (number !== undefined) return { number, derived: index > 0 };
  }
  throw new InvalidValueError(
    'missing_value',
    'the buyer has no identifier (PartyIdentification/ID, EndpointID, a VAT number or PartyLegalEntity/CompanyID)',
    `${PARTY}/cac:PartyIdentification/cbc:ID`,
  );
}

function addressOf(party: UblElement, leftOut: LeftOut): Address | undefined {
  const inAddress = (path: string) => at(party, `cac:PostalAddress/${path}`);
  const lines = [
    inAddress('cbc:StreetName'),
    inAddress('cbc:AdditionalStreetName'),
    inAddress('cac:AddressLine/cbc:Line'),
  ].filter((found): found is Found => found !== undefined);
  const [first, ...more] = lines;
  const rest = more[0] && { path: more[0].path, value: more.map((found) => found.value).join(', ') };
  const line1 = leftOut.optional(first, text);
  // Peppol requires only the country; without a street line there is nothing to post a letter to.
  if (line1 === undefined) return undefined;
  return {
    type: 'billing',
    line1,
    line2: leftOut.optional(rest, text),
    postalCode: leftOut.optional(inAddress('cbc:PostalZone'), postalCode),
    city: leftOut.optional(inAddress('cbc:CityName'), text),
    region: leftOut.optional(inAddress('cbc:CountrySubentity'), text),
    country: leftOut.optional(inAddress('cac:Country/cbc:IdentificationCode'), countryCode),
  };
}

function contactOf(party: UblElement, leftOut: LeftOut): Contact | undefined {
  const contact: Contact = {
    name: leftOut.optional(at(party, 'cac:Contact/cbc:Name'), text),
    email: leftOut.optional(at(party, 'cac:Contact/cbc:ElectronicMail'), email),
    phone: leftOut.optional(at(party, 'cac:Contact/cbc:Telephone'), phone),
  };
  return contact.name || contact.email || contact.phone ? contact : undefined;
}
