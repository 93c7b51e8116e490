// The normalised rows every import format is read into, before anything touches the database: an
// import's own shape, apart from the SDK's records (what a plugin sees of a debtor or an invoice).
// Money is integer minor units; dates are ISO `YYYY-MM-DD` business dates.

import type { Address, Channel, Contact, DebtorType } from '../debtors/debtor-types.ts';
import type { DocumentType } from '../invoices/invoice-types.ts';

export interface DebtorImportRow {
  /** 1-based line (CSV) or document index (UBL) the record came from, for error reports. */
  line: number;
  /** The ERP's debtor number: the upsert key within an administration. */
  number: string;
  name: string;
  type: DebtorType;
  vatNumber?: string;
  cocNumber?: string;
  email?: string;
  phone?: string;
  language?: string;
  preferredChannel?: Channel;
  addresses: Address[];
  contacts: Contact[];
  tags: string[];
  /** Number of the parent debtor (group) in the same administration. */
  parentNumber?: string;
}

export interface InvoiceImportRow {
  line: number;
  /** The ERP's document number: upsert key with documentType within an administration. */
  number: string;
  documentType: DocumentType;
  debtorNumber: string;
  issueDate: string;
  /** null when the document has none: the administration's payment term then applies. */
  dueDate: string | null;
  /** Signed minor units: credit notes are negative. */
  amount: number;
  /** Signed minor units still open; defaults to amount. */
  openAmount: number;
  /** ISO 4217; null means the administration's currency. */
  currency: string | null;
  poNumber?: string;
  paymentReference?: string;
  description?: string;
  /** UBL carries the buyer with the document: it becomes (or matches) a debtor. */
  buyer?: DebtorImportRow;
  /**
   * UBL, when the buyer has no customer number of its own (PartyIdentification) and `buyer.number` was
   * derived: the VAT and registration numbers by which an existing debtor may be matched instead.
   */
  buyerMatch?: { vatNumber?: string; cocNumber?: string };
}

/** One rejected row or document, reported to the person importing. */
export interface RowError {
  line: number;
  /** Column or field the problem is in, when there is one. */
  field?: string;
  message: string;
}

/** Something a reader ignored that the person importing should hear about, such as an unknown column. */
export type RowWarning = RowError;

/** What a reader yields per source row: a record or the reason it was rejected. */
export type ReadResult<T> = { ok: true; record: T } | { ok: false; error: RowError };
