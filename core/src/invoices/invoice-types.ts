// The invoice's vocabulary: what the entity stores, and what imports and the API read into it.

/** An invoice, or a credit note (whose amounts are negative). */
export const DOCUMENT_TYPES = ['invoice', 'credit_note'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const INVOICE_STATUSES = ['open', 'paid', 'cancelled', 'written_off'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];
