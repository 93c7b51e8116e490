import type { MergeCounts } from '../debtors/debtor-merge.ts';
import { Joi } from '../shared/joi.ts';
import { named } from '../shared/schemas.ts';
import type { ImportFormat, ImportSummary } from './import-file.ts';
import type { RowError } from './import-rows.ts';

// Building an import's report: shared by the CSV, bulk and UBL paths.

const count = Joi.number().integer().min(0).required();

/** An import's report as the API answers it (`POST /imports`, the bulk routes): what these functions build. */
export const importSummaryView = named(
  'ImportSummary',
  Joi.object({
    format: Joi.string().valid('debtors', 'invoices', 'ubl').required(),
    created: count,
    updated: count,
    unchanged: count,
    rejected: count,
    errors: Joi.array()
      .items(
        named(
          'RowError',
          Joi.object({
            line: Joi.number().integer().required().description('CSV line, or 1-based position in the list'),
            field: Joi.string().description('The column or field at fault'),
            message: Joi.string().required(),
          }),
        ),
      )
      .required()
      .description('Every rejected row, with its line and the reason'),
    warnings: Joi.array().items(Joi.string()).required(),
    encoding: Joi.string()
      .valid('utf-8', 'windows-1252', 'utf-16le', 'utf-16be')
      .description('CSV only: the encoding the file was read in'),
    debtors: Joi.object({ created: count, updated: count, unchanged: count }).description(
      "UBL only: debtors created or updated from the documents' buyers",
    ),
  }),
);

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
