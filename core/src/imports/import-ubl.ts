import type { PoolClient } from 'pg';
import { getAdministration } from '../administrations/administration-service.ts';
import { tenantEm, withTenantClient } from '../db/tenant-scope.ts';
import { matchDebtor } from '../debtors/debtor-match.ts';
import { type MergeCounts, mergeDebtors, prepareDebtorStaging } from '../debtors/debtor-merge.ts';
import { mergeInvoices, prepareInvoiceStaging } from '../invoices/invoice-merge.ts';
import type { CsvSource } from './csv-source.ts';
import type { ImportOptions, ImportSummary } from './import-file.ts';
import type { InvoiceImportRow } from './import-rows.ts';
import { add, emptySummary, reject } from './import-summary.ts';
import { readUblDocument } from './ubl-invoice.ts';

/** One UBL document: its buyer becomes (or matches) a debtor, then the document is merged. */
export async function importUbl(source: CsvSource, options: ImportOptions): Promise<ImportSummary> {
  const administration = await getAdministration(
    tenantEm(options.orm, options.tenantId),
    options.administrationId,
  );
  const summary = emptySummary('ubl');
  const read = readUblDocument(await collect(source), 1);
  if (!read.ok) {
    reject(summary, read.error);
    return summary;
  }
  const document = read.record;
  summary.warnings.push(...read.warnings.map((w) => `${w.field}: ${w.message}`));
  if (document.dueDate !== null && document.dueDate < document.issueDate) {
    // A received e-invoice cannot be corrected by its recipient: keep it, due on its issue date.
    summary.warnings.push(
      `due date ${document.dueDate} is before issue date ${document.issueDate}; using the issue date`,
    );
    document.dueDate = document.issueDate;
  }
  await withTenantClient(options.orm, options.tenantId, async (client) => {
    summary.debtors = await mergeUblBuyer(client, administration.id, read.record, summary.warnings);
    await prepareInvoiceStaging(client);
    add(summary, await mergeInvoices(client, administration.id, administration, [read.record]));
  });
  return summary;
}

/**
 * A UBL buyer matches a debtor, or becomes one. With a customer number of its own (PartyIdentification)
 * it matches by that number only; with a derived one, also by VAT or registration number
 * (debtors/debtor-match.ts), and the invoice then goes to the debtor matched.
 */
async function mergeUblBuyer(
  client: PoolClient,
  administrationId: string,
  invoice: InvoiceImportRow,
  warnings: string[],
): Promise<MergeCounts> {
  if (!invoice.buyer) return { created: 0, updated: 0, unchanged: 0 };
  const match = invoice.buyerMatch
    ? await matchDebtor(client, administrationId, { number: invoice.buyer.number, ...invoice.buyerMatch })
    : await matchDebtor(client, administrationId, { number: invoice.buyer.number });
  // An existing debtor is matched, not overwritten: the ERP's debtor file is richer than an invoice's buyer.
  if (match.number !== undefined) {
    invoice.debtorNumber = match.number;
    return { created: 0, updated: 0, unchanged: 1 };
  }
  if (match.ambiguous) {
    const { by, numbers } = match.ambiguous;
    warnings.push(
      `the buyer's ${by === 'vatNumber' ? 'VAT' : 'registration'} number belongs to ${numbers.length} debtors ` +
        `(${numbers.join(', ')}), so none was chosen: debtor ${invoice.buyer.number} was created. ` +
        'Give the buyer a PartyIdentification to say which debtor it is',
    );
  }
  await prepareDebtorStaging(client);
  const { errors, ...counts } = await mergeDebtors(client, administrationId, [invoice.buyer]);
  return counts;
}

/** The whole source as bytes: UBL documents are small, and their reader checks the encoding itself. */
export async function collect(source: CsvSource): Promise<Uint8Array> {
  if (typeof source === 'string') return Buffer.from(source, 'utf8');
  if (source instanceof Uint8Array) return source;
  const chunks: Buffer[] = [];
  for await (const chunk of source)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
  return Buffer.concat(chunks);
}
