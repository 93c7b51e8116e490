import type { Readable } from 'node:stream';
import type { ServerRoute } from '@hapi/hapi';
import { SCOPES } from '../auth/principal.ts';
import type { Config } from '../config/load-config.ts';
import { failures } from '../http/answer-schemas.ts';
import { decodeCursor, pageOf, pageQuery, toPage } from '../http/pagination.ts';
import { input, principal, readForRequest } from '../http/request-context.ts';
import { limitedBody, refuseDeclaredOversize } from '../imports/index.ts';
import { Joi } from '../shared/joi.ts';
import { named, prefixedId } from '../shared/schemas.ts';
import { importStatements } from './import-statements.ts';
import { countMatching, matchingCountsView, NO_ENTRIES } from './matching/matching-counts.ts';
import {
  type EntryFilter,
  getStatement,
  listEntries,
  listStatements,
  type StatementFilter,
} from './statement-queries.ts';
import type { StatementFormat } from './statement-rows.ts';
import { statementImportView } from './statement-summary.ts';
import { entryView, presentEntry, presentStatement, statementView } from './statement-views.ts';

const statementId = Joi.object({ id: prefixedId('bst').required() });
const notFound = { 404: 'No such bank statement (`bank_statement_not_found`)' };
/** `GET /bank-statements/{id}`: the statement with where its entries stand in matching. */
const statementCard = named(
  'BankStatementWithMatching',
  statementView.keys({ matching: matchingCountsView.required() }),
);

/** Importing statement files, and reading the statements and entries stored. */
export function statementRoutes(
  config: Pick<Config, 'importMaxBytes' | 'bankMatchInlineMax'>,
): ServerRoute[] {
  return [
    {
      method: 'POST',
      path: '/api/v1/bank-statements',
      options: {
        tags: ['api', 'bank-statements'],
        id: 'importBankStatements',
        description: 'Import a CAMT.053 (versions 2 to 13) or MT940 bank statement file',
        notes:
          'Send the file as the request body. Each statement goes to the administration its account is registered on ' +
          '(PUT /bank-accounts, or the administration’s own IBAN), or to `administrationId`. One transaction per statement: ' +
          'a statement with an unreadable entry is refused whole, with every error named by statement, entry and line. ' +
          'Entries are keyed by the bank’s own references: importing a file again stores nothing and counts its entries as unchanged. ' +
          'Up to `KREDO_BANK_MATCH_INLINE_MAX` new entries are matched before the answer (`matching: done`); more are matched by ' +
          'the job worker after it (`matching: background`). Each statement carries its matching counts as they stand at the answer.',
        auth: { access: { scope: [SCOPES.importWrite] } },
        response: {
          status: {
            200: statementImportView.description(
              'The report: per statement and in all, new, unchanged and rejected entries; per statement, its matching',
            ),
            ...failures({
              404: 'No such administration (`administration_not_found`)',
              413: 'The file is larger than `KREDO_IMPORT_MAX_BYTES` (`import_too_large`); nothing is written',
              422: 'The file as a whole cannot be read (`not_bank_statement`, `bad_xml`, `not_utf8`, `bad_mt940`)',
            }),
          },
        },
        ext: { onPreAuth: { method: refuseDeclaredOversize(config.importMaxBytes) } },
        payload: {
          parse: false,
          output: 'stream',
          maxBytes: config.importMaxBytes,
          allow: ['application/xml', 'text/xml', 'text/plain', 'application/octet-stream'],
        },
        validate: {
          query: Joi.object({
            administrationId: prefixedId('adm').description(
              'Import every statement into this administration',
            ),
            format: Joi.string().valid('camt053', 'mt940').description('Read from the content when absent'),
          }),
        },
      },
      handler: async (request) => {
        const query = input<{ administrationId?: string; format?: StatementFormat }>(request.query);
        const body = request.payload as Readable;
        const { tenantId, subject } = principal(request);
        try {
          return await importStatements(limitedBody(body, config.importMaxBytes), {
            orm: request.server.app.orm,
            tenantId,
            administrationId: query.administrationId,
            format: query.format,
            createdBy: subject,
            matchInlineMax: config.bankMatchInlineMax,
          });
        } finally {
          // As POST /imports: read the rest of an upload that stopped early, so the client gets its answer.
          if (!body.readableEnded) body.resume();
        }
      },
    },
    {
      method: 'GET',
      path: '/api/v1/bank-statements',
      options: {
        tags: ['api', 'bank-statements'],
        id: 'listBankStatements',
        description:
          'List imported bank statements, newest first, each with where its entries stand in matching',
        auth: { access: { scope: [SCOPES.ledgerRead] } },
        response: { status: { 200: pageOf(statementCard) } },
        validate: {
          query: Joi.object({
            ...pageQuery,
            administrationId: prefixedId('adm'),
            account: Joi.string().max(70).description('IBAN or account id'),
          }),
        },
      },
      handler: async (request) => {
        const { limit, cursor, ...filter } = input<
          { limit: number; cursor?: string } & Omit<StatementFilter, 'limit'>
        >(request.query);
        const { rows, matching } = await readForRequest(request, async (em) => {
          const rows = await listStatements(em, { ...filter, limit, before: decodeCursor(cursor) });
          // The page's statements only (the row past the limit just says there is more).
          return {
            rows,
            matching: await countMatching(
              em,
              rows.slice(0, limit).map((row) => row.id),
            ),
          };
        });
        return toPage(rows, limit, (row) => ({
          ...presentStatement(row),
          matching: matching.get(row.id) ?? NO_ENTRIES,
        }));
      },
    },
    {
      method: 'GET',
      path: '/api/v1/bank-statements/{id}',
      options: {
        tags: ['api', 'bank-statements'],
        id: 'getBankStatement',
        description: 'Get a bank statement with its balances and where its entries stand in matching',
        auth: { access: { scope: [SCOPES.ledgerRead] } },
        response: { status: { 200: statementCard, ...failures(notFound) } },
        validate: { params: statementId },
      },
      handler: async (request) => {
        const { id } = input<{ id: string }>(request.params);
        const { row, matching } = await readForRequest(request, async (em) => ({
          row: await getStatement(em, id),
          matching: (await countMatching(em, [id])).get(id) ?? NO_ENTRIES,
        }));
        return { ...presentStatement(row), matching };
      },
    },
    {
      method: 'GET',
      path: '/api/v1/bank-statements/{id}/entries',
      options: {
        tags: ['api', 'bank-statements'],
        id: 'listBankStatementEntries',
        description: 'List the entries of a bank statement, in statement order',
        auth: { access: { scope: [SCOPES.ledgerRead] } },
        response: { status: { 200: pageOf(entryView), ...failures(notFound) } },
        validate: {
          params: statementId,
          query: Joi.object({
            ...pageQuery,
            matchStatus: Joi.string()
              .valid('unmatched', 'queued', 'matched', 'returned', 'ignored')
              .description('Where matching stands (docs/bank-statements.md, Matching)'),
            creditDebit: Joi.string().valid('credit', 'debit'),
          }),
        },
      },
      handler: async (request) => {
        const { limit, cursor, ...filter } = input<
          { limit: number; cursor?: string } & Omit<EntryFilter, 'limit'>
        >(request.query);
        const rows = await readForRequest(request, (em) =>
          listEntries(em, input<{ id: string }>(request.params).id, {
            ...filter,
            limit,
            after: decodeCursor(cursor),
          }),
        );
        return toPage(rows, limit, presentEntry);
      },
    },
  ];
}
