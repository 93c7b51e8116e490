export { type CsvColumn, type CsvDelimiter, detectDelimiter, normaliseColumnName } from './csv-header.ts';
export { type CsvRow, type RecordReader, readCsv, readCsvRecords } from './csv-read.ts';
export type { CsvSource } from './csv-source.ts';
export { parseDate } from './dates.ts';
export { DEBTOR_COLUMNS, readDebtorCsv } from './debtor-csv.ts';
export {
  type ImportFileCode,
  ImportFileError,
  type InvalidValueCode,
  InvalidValueError,
  quote,
} from './errors.ts';
export type * from './import-rows.ts';
export { collect as collectBytes } from './import-ubl.ts';
export { importsModule } from './imports-module.ts';
export { INVOICE_COLUMNS, type InvoiceCsvOptions, readInvoiceCsv } from './invoice-csv.ts';
export { type AmountOptions, currencyExponent, parseAmount } from './money.ts';
export { readUblDocument } from './ubl-invoice.ts';
export { child, children, textAt, type UblElement as XmlElement } from './ubl-xml.ts';
export { limitedBody, refuseDeclaredOversize } from './upload-limit.ts';
export { readXmlText, XML_PARSER_OPTIONS, type XmlStandard } from './xml-text.ts';
