import type { ServerRoute } from '@hapi/hapi';
import { SCOPES } from '../auth/principal.ts';
import { failures } from '../http/answer-schemas.ts';
import { input, readForRequest } from '../http/request-context.ts';
import { Joi } from '../shared/joi.ts';
import { negotiateLanguage } from '../shared/languages.ts';
import { CONTENT_TYPES, REPORT_FORMATS, type ReportFormat, renderReport } from './render-report.ts';
import { REPORT_KINDS, type ReportKind } from './report-kinds.ts';
import {
  DEFAULT_REPORT_LANGUAGE,
  REPORT_LANGUAGES,
  type ReportLanguage,
  reportLanguage,
} from './report-language.ts';
import { reportLocale } from './report-locale.ts';

/** What every report route takes beside its kind's query. */
export const formatQuery = {
  format: Joi.string()
    .valid(...REPORT_FORMATS)
    .default('pdf')
    .description('`csv` (one table), `xlsx` (a sheet per table) or `pdf` (tables and charts)'),
  table: Joi.string()
    .pattern(/^[a-z_]{1,40}$/)
    .description('With `csv`: which of the report’s tables (docs/reports.md); the first when absent'),
  lang: reportLanguage,
};

const reportFile = Joi.binary()
  .meta({ 'x-content-type': Object.values(CONTENT_TYPES) })
  .description('The report as a file (`content-disposition: attachment` with its name)');

const badQuery = {
  400: 'A filter, date, bucket edge, format, table or language is not valid (`invalid_request`, `details.field`)',
  404: 'No such administration (`administration_not_found`)',
};

/** `GET /api/v1/reports/{kind}` for each kind: the report rendered in the format asked, as a download. */
export const reportRoutes: ServerRoute[] = Object.values(REPORT_KINDS).map(reportRoute);

function reportRoute(kind: ReportKind): ServerRoute {
  return {
    method: 'GET',
    path: `/api/v1/reports/${kind.kind}`,
    options: {
      tags: ['api', 'reports'],
      id: `${camelCase(kind.kind)}Report`,
      description: `${kind.description} (CSV, XLSX or PDF)`,
      auth: { access: { scope: [SCOPES.ledgerRead] } },
      validate: { query: Joi.object({ ...formatQuery, ...kind.query }) },
      response: { status: { 200: reportFile, ...failures(badQuery) } },
    },
    handler: async (request, h) => {
      const { format, table, lang, ...query } = input<{
        format: ReportFormat;
        table?: string;
        lang?: ReportLanguage;
      }>(request.query);
      // `lang` when given; else the language the browser (or client) asks for, as a console would.
      const acceptLanguage = input<string | undefined>(request.headers['accept-language']);
      const language = lang ?? negotiateLanguage(acceptLanguage, REPORT_LANGUAGES) ?? DEFAULT_REPORT_LANGUAGE;
      const report = await readForRequest(request, (em) => kind.build(em, query, reportLocale(language)));
      const file = await renderReport(report, format, { table });
      const response = h
        .response(file.body)
        .type(file.contentType)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .header('content-language', language)
        .header('x-content-type-options', 'nosniff');
      return lang ? response : response.vary('accept-language');
    },
  };
}

/** `kpi-series` → `kpiSeries`: an operation id is an identifier. */
function camelCase(kind: string): string {
  return kind.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}
