import type { Readable } from 'node:stream';
import type { ServerRoute } from '@hapi/hapi';
import { SCOPES } from '../auth/principal.ts';
import type { Config } from '../config/load-config.ts';
import { failures } from '../http/answer-schemas.ts';
import { input, principal } from '../http/request-context.ts';
import { DomainError, invalid } from '../shared/errors.ts';
import { Joi } from '../shared/joi.ts';
import { prefixedId } from '../shared/schemas.ts';
import { type ImportFormat, importFile } from './import-file.ts';
import { importSummaryView } from './import-summary.ts';
import type { TextEncoding } from './text-decoders.ts';
import { ENCODING_LABELS, encodingNamed } from './text-encoding.ts';
import { limitedBody, refuseDeclaredOversize } from './upload-limit.ts';

/**
 * POST /api/v1/imports: the same files `pnpm kredo import` takes, as the raw request body, streamed.
 * Answers with the summary and every rejected row.
 */
export function importRoutes(config: Pick<Config, 'importMaxBytes'>): ServerRoute[] {
  return [
    {
      method: 'POST',
      path: '/api/v1/imports',
      options: {
        tags: ['api', 'imports'],
        id: 'importFile',
        description: 'Import a debtor CSV, an invoice CSV or a UBL 2.1 invoice / credit note',
        notes:
          'Send the file as the request body. format=ubl is assumed for XML content types. Upserts by the ERP’s numbers; ' +
          'the answer counts created, updated, unchanged and rejected rows and lists every rejected row with its line. ' +
          'A CSV file may be UTF-8, Windows-1252 or UTF-16: say which with the charset of the Content-Type, or leave it to be detected.',
        auth: { access: { scope: [SCOPES.importWrite] } },
        response: {
          status: {
            200: importSummaryView.description('The report: counts, and every rejected row with its line'),
            ...failures({
              404: 'No such administration (`administration_not_found`)',
              413: 'The file is larger than `KREDO_IMPORT_MAX_BYTES` (`import_too_large`); nothing is written',
              415: 'The charset of the Content-Type is not one Kredo reads (`unsupported_charset`)',
              422: 'The file as a whole cannot be read (`empty_file`, `not_utf8`, `bad_encoding`, `not_text`, `missing_columns`, `bad_xml`, …)',
            }),
          },
        },
        ext: { onPreAuth: { method: refuseDeclaredOversize(config.importMaxBytes) } },
        payload: {
          parse: false,
          output: 'stream',
          maxBytes: config.importMaxBytes,
          allow: ['text/csv', 'text/plain', 'application/xml', 'text/xml', 'application/octet-stream'],
        },
        validate: {
          query: Joi.object({
            administrationId: prefixedId('adm').required(),
            format: Joi.string()
              .valid('debtors', 'invoices', 'ubl')
              .description('debtors | invoices (CSV) or ubl (XML)'),
          }),
        },
      },
      handler: async (request) => {
        const query = input<{ administrationId: string; format?: ImportFormat }>(request.query);
        const xml = /xml/.test(String(request.headers['content-type'] ?? ''));
        const format = query.format ?? (xml ? 'ubl' : undefined);
        if (!format) throw invalid('format', 'is required for CSV files: debtors or invoices');
        const encoding = declaredEncoding(request.headers['content-type'] as string | undefined);
        const body = request.payload as Readable;
        try {
          return await importFile(limitedBody(body, config.importMaxBytes), {
            orm: request.server.app.orm,
            tenantId: principal(request).tenantId,
            administrationId: query.administrationId,
            format,
            encoding,
          });
        } finally {
          // An import that stopped early (a file-level error, the size limit) leaves the rest of the
          // upload unread. hapi answers at once and closes the connection after the answer; reading on
          // until then keeps a client that is still writing from stalling before it reads the answer.
          if (!body.readableEnded) body.resume();
        }
      },
    },
  ];
}

/** The encoding a Content-Type's charset declares; none, or ASCII, leaves it to detection. */
function declaredEncoding(contentType: string | undefined): TextEncoding | undefined {
  const label = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '')?.[1];
  if (label === undefined) return undefined;
  const encoding = encodingNamed(label);
  if (encoding === undefined) {
    throw new DomainError(
      'unsupported_charset',
      415,
      `charset ${label} is not one Kredo reads: ${ENCODING_LABELS.join(', ')}`,
      { charset: label },
    );
  }
  return encoding === 'detect' ? undefined : encoding;
}
