export {
  type DemoInvoiceOptions,
  type DemoLedgerOptions,
  generateDebtors,
  generateInvoices,
  HISTORY_DAYS,
} from './generate-ledger.ts';
export { createRandom, deriveSeed, type Random } from './random.ts';
export {
  csvField,
  csvLine,
  DEBTOR_COLUMNS,
  debtorRow,
  formatCents,
  INVOICE_COLUMNS,
  invoiceRow,
  type WriteCsvOptions,
  writeDebtorsCsv,
  writeInvoicesCsv,
} from './write-csv.ts';
