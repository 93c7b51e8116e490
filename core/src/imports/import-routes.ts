import type { Readable } from 'node:stream';
import type { ServerRoute } from '@hapi/hapi';
import { SCOPES } from '../auth/principal.ts';
import type { Config } from '../config/load-config.ts';
import { input, principal } from '../http/request-context.ts';
import { invalid } from '../shared/errors.ts';
import { Joi } from '../shared/joi.ts';
import { prefixedId } from '../shared/schemas.ts';
import { type ImportFormat, importFile } from './import-file.ts';

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
        description: 'Import a debtor CSV, an invoice CSV or a UBL 2.1 invoice / credit note',
        notes:
          'Send the file as the request body. format=ubl is assumed for XML content types. Upserts by the ERP’s numbers; ' +
          'the answer counts created, updated, unchanged and rejected rows and lists every rejected row with its line.',
        auth: { access: { scope: [SCOPES.importWrite] } },
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
        const body = request.payload as Readable;
        try {
          return await importFile(body, {
            orm: request.server.app.orm,
            tenantId: principal(request).tenantId,
            administrationId: query.administrationId,
            format,
          });
        } finally {
          // An import that stopped early (a file-level error) must still drain the upload, or the
          // client would wait for an answer that hapi cannot send before the body is read.
          if (!body.readableEnded) body.resume();
        }
      },
    },
  ];
}
