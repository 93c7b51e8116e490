import type { MergeCounts } from '../debtors/debtor-merge.ts';
import type { ImportFormat, ImportSummary } from './import-file.ts';
import type { RowError } from './import-rows.ts';

// Building an import's report: shared by the CSV, bulk and UBL paths.

export function emptySummary(format: ImportFormat): ImportSummary {
  return { format, created: 0, updated: 0, unchanged: 0, rejected: 0, errors: [], warnings: [] };
}

export function reject(summary: ImportSummary, error: RowError) {
  summary.errors.push(error);
  summary.rejected++;
}

export function add(summary: ImportSummary, counts: MergeCounts & { errors: RowError[] }) {
  summary.created += counts.created;
  summary.updated += counts.updated;
  summary.unchanged += counts.unchanged;
  for (const error of counts.errors) reject(summary, error);
}
