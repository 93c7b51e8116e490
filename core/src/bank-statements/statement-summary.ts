import type { RowError } from '../imports/index.ts';
import { Joi } from '../shared/joi.ts';
import { named, prefixedId } from '../shared/schemas.ts';
import type { MatchingMode } from './after-import.ts';
import { type MatchingCounts, matchingCountsView } from './matching/matching-counts.ts';
import type { StatementFormat } from './statement-rows.ts';

export type StatementOutcome = 'created' | 'known' | 'rejected';

/** One statement of the file, and what became of it. */
export interface StatementReport {
  index: number;
  line: number;
  account: string;
  statementRef: string;
  administrationId: string | null;
  statementId: string | null;
  /** `created`: new; `known`: imported before (its new entries, if any, were added); `rejected`: nothing written. */
  outcome: StatementOutcome;
  created: number;
  unchanged: number;
  rejected: number;
  /** Where all the statement's entries stand in matching when the import answers; zeros when rejected. */
  matching: MatchingCounts;
}

export interface StatementImportSummary {
  format: StatementFormat;
  formatVersion: string;
  importId: string;
  statements: StatementReport[];
  /** Entries stored now. */
  created: number;
  /** Entries already known (the same bank reference on the same account): left as they were. */
  unchanged: number;
  /** Entries of rejected statements, the unreadable ones included. */
  rejected: number;
  errors: RowError[];
  warnings: string[];
  /** `done`: the new entries were matched before the answer; `background`: the matching job has them. */
  matching: MatchingMode;
}

const count = Joi.number().integer().min(0).required();

export const statementImportView = named(
  'BankStatementImport',
  Joi.object({
    format: Joi.string().valid('camt053', 'mt940').required(),
    formatVersion: Joi.string().required().description('`camt.053.001.02` … `.08`, or `mt940`'),
    importId: Joi.string().required().description('Stored on each statement this import created'),
    statements: Joi.array()
      .items(
        named(
          'BankStatementImportReport',
          Joi.object({
            index: Joi.number().integer().min(1).required(),
            line: Joi.number().integer().min(1).required(),
            account: Joi.string().allow('').required(),
            statementRef: Joi.string().allow('').required().description('The bank’s id for the statement'),
            administrationId: prefixedId('adm').allow(null).required(),
            statementId: prefixedId('bst').allow(null).required(),
            outcome: Joi.string().valid('created', 'known', 'rejected').required(),
            created: count,
            unchanged: count,
            rejected: count,
            matching: matchingCountsView.required(),
          }),
        ),
      )
      .required(),
    created: count.description('Entries stored now'),
    unchanged: count.description('Entries imported before: left as they were'),
    rejected: count.description('Entries of rejected statements (nothing of such a statement is written)'),
    errors: Joi.array()
      .items(
        Joi.object({
          line: Joi.number().integer().required().description('Line in the file'),
          field: Joi.string().description('The element or field at fault'),
          message: Joi.string().required().description('Names the statement and the entry'),
        }),
      )
      .required(),
    warnings: Joi.array().items(Joi.string()).required(),
    matching: Joi.string()
      .valid('done', 'background')
      .required()
      .description(
        '`done`: the new entries were matched before this answer; `background`: more than `KREDO_BANK_MATCH_INLINE_MAX`, ' +
          'the matching job has them (each statement’s `matching.pending` counts those left; GET the statement to follow)',
      ),
  }),
);
