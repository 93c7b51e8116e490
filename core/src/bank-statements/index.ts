export { type ImportedEntries, onEntriesImported } from './after-import.ts';
export { normaliseAccount, registerBankAccount } from './bank-accounts.ts';
export { bankStatementsModule } from './bank-statements-module.ts';
export { importStatements, type StatementImportOptions } from './import-statements.ts';
export { matchEntries, matchTimeline } from './matching/index.ts';
export type { ParsedEntry, ParsedStatement } from './parsed-statement.ts';
export { detectFormat, readStatementFile } from './read-statement-file.ts';
export * from './statement-rows.ts';
export type { StatementImportSummary } from './statement-summary.ts';
