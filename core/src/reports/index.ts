export { REPORT_FORMATS, type ReportFormat, renderReport } from './render-report.ts';
export { REPORT_KINDS, type ReportKind } from './report-kinds.ts';
export { DEFAULT_REPORT_LANGUAGE, REPORT_LANGUAGES, type ReportLanguage } from './report-language.ts';
export { reportLocale } from './report-locale.ts';
export type { RenderedReport, Report } from './report-model.ts';
export { checkReportQuery } from './report-query.ts';
export { reportsModule } from './reports-module.ts';
export { type ScheduledRun, sendScheduledReports } from './send-scheduled-reports.ts';
