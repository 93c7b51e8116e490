import { parseDate } from './dates.ts';
import { InvalidValueError, inField, quote, readResult } from './errors.ts';
import { currencyCode, key, TEXT_LENGTH, text } from './field-checks.ts';
import type { InvoiceImportRow, ReadResult, RowWarning } from './import-rows.ts';
import { parseAmount } from './money.ts';
import { field, LeftOut } from './ubl-fields.ts';
import { buyerFromUbl } from './ubl-party.ts';
import { child, children, parseUbl, textAt, type UblElement } from './ubl-xml.ts';

const PAYABLE = 'cac:LegalMonetaryTotal/cbc:PayableAmount';
// Peppol's way of saying "no purchase order" when cac:OrderReference only carries a sales order.
const NO_ORDER = 'NA';

/**
 * Reads one UBL 2.1 / Peppol BIS Billing 3.0 Invoice or CreditNote. A document with a missing or bad
 * required field comes back as a rejected result naming the field; an optional field that cannot be
 * read is left out, with a warning. A file that is not such a document at all (not XML, another
 * format) throws ImportFileError. `index` is the document's place in the batch, reported as its line.
 */
export function readUblDocument(
  xml: string | Uint8Array,
  index = 1,
): ReadResult<InvoiceImportRow> & { warnings: RowWarning[] } {
  const { kind, root } = parseUbl(xml);
  const leftOut = new LeftOut(index);
  const result = readResult(index, () => invoiceFromUbl(root, kind === 'CreditNote', index, leftOut));
  return { ...result, warnings: leftOut.warnings };
}

function invoiceFromUbl(
  root: UblElement,
  isCreditNote: boolean,
  line: number,
  leftOut: LeftOut,
): InvoiceImportRow {
  const number = inField('cbc:ID', () => key(required(root, 'ID', 'cbc:ID')));
  const issueDate = inField('cbc:IssueDate', () => parseDate(required(root, 'IssueDate', 'cbc:IssueDate')));
  const { debtor: buyer, matchBy } = buyerFromUbl(root, line, leftOut);
  const { amount, currency } = payable(root, isCreditNote);
  const paymentMeans = children(root, 'PaymentMeans');
  const poNumber = field(root, 'cac:OrderReference/cbc:ID', '');
  return {
    line,
    number,
    documentType: isCreditNote ? 'credit_note' : 'invoice',
    debtorNumber: buyer.number,
    issueDate,
    // A due date before the issue date is kept as sent: unlike a CSV row, a signed e-invoice cannot be fixed.
    dueDate: dueDate(root, paymentMeans),
    amount,
    // PayableAmount is what is left after PrepaidAmount, so all of it is open.
    openAmount: amount,
    currency,
    poNumber: poNumber?.value === NO_ORDER ? undefined : leftOut.optional(poNumber, text),
    paymentReference: leftOut.optional(
      paymentMeans.map((means) => field(means, 'cbc:PaymentID', 'cac:PaymentMeans')).find(Boolean),
      text,
    ),
    description: note(root),
    buyer,
    ...(matchBy ? { buyerMatch: matchBy } : {}),
  };
}

function required(element: UblElement, name: string, field: string): string {
  const value = textAt(element, name);
  if (value === undefined) throw new InvalidValueError('missing_value', `${field} is required`, field);
  return value;
}

/** cbc:DueDate on an Invoice; a CreditNote carries it in cac:PaymentMeans/cbc:PaymentDueDate. */
function dueDate(root: UblElement, paymentMeans: UblElement[]): string | null {
  const own = textAt(root, 'DueDate');
  if (own !== undefined) return inField('cbc:DueDate', () => parseDate(own));
  const inMeans = paymentMeans.map((means) => textAt(means, 'PaymentDueDate')).find(Boolean);
  return inMeans === undefined
    ? null
    : inField('cac:PaymentMeans/cbc:PaymentDueDate', () => parseDate(inMeans));
}

/**
 * The amount to pay in signed minor units. A CreditNote's amounts are credits, so its PayableAmount is
 * negated: a credit note for 100 is stored as -100, and the rare negative credit note becomes a debit.
 */
function payable(root: UblElement, isCreditNote: boolean): { amount: number; currency: string } {
  const element = child(root, 'LegalMonetaryTotal', 'PayableAmount');
  if (element === undefined || element.text === '') {
    throw new InvalidValueError('missing_value', `${PAYABLE} is required`, PAYABLE);
  }
  const documentCurrency = textAt(root, 'DocumentCurrencyCode');
  const declared = element.attributes.currencyID ?? documentCurrency;
  if (declared === undefined) {
    throw new InvalidValueError(
      'missing_value',
      'cbc:DocumentCurrencyCode is required',
      'cbc:DocumentCurrencyCode',
    );
  }
  const currency = inField(`${PAYABLE}/@currencyID`, () => currencyCode(declared));
  if (documentCurrency !== undefined && documentCurrency.toUpperCase() !== currency) {
    throw new InvalidValueError(
      'invalid_currency',
      `PayableAmount is in ${quote(currency)} but the document currency is ${quote(documentCurrency)}`,
      `${PAYABLE}/@currencyID`,
    );
  }
  const amount = inField(PAYABLE, () => parseAmount(element.text, currency, { decimalSeparator: '.' }));
  return { amount: isCreditNote && amount !== 0 ? -amount : amount, currency };
}

/** The first document-level note, without a "#AAI#"-style subject code, shortened to fit. */
function note(root: UblElement): string | undefined {
  const value = textAt(root, 'Note')
    ?.replace(/^#[A-Z0-9]{3}#/, '')
    .trim();
  if (!value) return undefined;
  // A note is free text of any length; losing its tail is better than rejecting the invoice.
  return value.length > TEXT_LENGTH ? `${value.slice(0, TEXT_LENGTH - 1)}…` : value;
}
