import { Joi } from '../shared/joi.ts';
import { instant, named, prefixedId, timeZone } from '../shared/schemas.ts';
import type { DeliveryRow } from './delivery-store.ts';
import { REPORT_FORMATS } from './render-report.ts';
import { REPORT_KINDS } from './report-kinds.ts';
import { DEFAULT_REPORT_LANGUAGE, reportLanguage } from './report-language.ts';
import { CADENCES } from './schedule-period.ts';
import type { ScheduleRow } from './schedule-store.ts';

/** What a schedule is made of: the payload of create and replace, and the core of its view. */
export const scheduleFields = {
  name: Joi.string().trim().min(1).max(200).description('What the recipients see in the subject'),
  kind: Joi.string()
    .valid(...Object.keys(REPORT_KINDS))
    .description('The report'),
  format: Joi.string().valid(...REPORT_FORMATS),
  table: Joi.string()
    .pattern(/^[a-z_]{1,40}$/)
    .allow(null)
    .description('With `csv`: which of the report’s tables; the first when absent'),
  parameters: Joi.object()
    .unknown(true)
    .description(
      'The report’s query as its route takes it (e.g. `administrationId`, `edges`), without `asOf`',
    ),
  cadence: Joi.string()
    .valid(...CADENCES)
    .description('`daily`, `weekly` (Mondays) or `monthly` (the 1st)'),
  hour: Joi.number().integer().min(0).max(23).description('Local hour from which it is sent (default 7)'),
  timeZone: timeZone.description('Where `hour` is (default the administration’s, else UTC)'),
  recipients: Joi.array()
    .items(Joi.string().email({ tlds: false }).max(254))
    .min(1)
    .max(20)
    .unique((a: string, b: string) => a.toLowerCase() === b.toLowerCase())
    .description('E-mail addresses, 1 to 20, each once'),
  language: reportLanguage.description(
    'What the report and its mail are written in: `nl`, `en`, `de` or `fr` (default `en`)',
  ),
};

export const schedulePayload = Joi.object({
  name: scheduleFields.name.required(),
  kind: scheduleFields.kind.required(),
  format: scheduleFields.format.default('pdf'),
  table: scheduleFields.table,
  parameters: scheduleFields.parameters.default({}),
  cadence: scheduleFields.cadence.required(),
  hour: scheduleFields.hour.default(7),
  timeZone: scheduleFields.timeZone,
  recipients: scheduleFields.recipients.required(),
  language: scheduleFields.language.default(DEFAULT_REPORT_LANGUAGE),
});

const deliveryView = named(
  'ReportDelivery',
  Joi.object({
    period: Joi.string().required().description('`2026-12-18`, `2026-W51` or `2026-12`'),
    status: Joi.string().valid('sending', 'sent', 'failed').required(),
    attempts: Joi.number().integer().required(),
    messageId: Joi.string().required(),
    fileName: Joi.string().allow(null).required(),
    reason: Joi.string().allow(null).required().description('Why the last attempt failed'),
    sentAt: instant.allow(null).required(),
  }),
);

export const scheduleView = named(
  'ReportSchedule',
  Joi.object({
    id: prefixedId('rps').required(),
    administrationId: prefixedId('adm').allow(null).required(),
    name: Joi.string().required(),
    kind: Joi.string().required(),
    format: scheduleFields.format.required(),
    table: Joi.string().allow(null).required(),
    parameters: Joi.object().unknown(true).required(),
    cadence: scheduleFields.cadence.required(),
    hour: Joi.number().integer().required(),
    timeZone: Joi.string().required(),
    recipients: Joi.array().items(Joi.string()).required(),
    language: scheduleFields.language.required(),
    createdBy: Joi.string().required(),
    createdAt: instant.required(),
    updatedAt: instant.required(),
    deliveries: Joi.array()
      .items(deliveryView)
      .description('The latest periods, newest first (one schedule only)'),
  }),
);

export function presentSchedule(row: ScheduleRow, deliveries?: DeliveryRow[]) {
  return {
    id: row.id,
    administrationId: row.administration_id,
    name: row.name,
    kind: row.kind,
    format: row.format,
    table: row.csv_table,
    parameters: row.parameters,
    cadence: row.cadence,
    hour: row.hour,
    timeZone: row.time_zone,
    recipients: row.recipients,
    language: row.language,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    ...(deliveries ? { deliveries: deliveries.map(presentDelivery) } : {}),
  };
}

function presentDelivery(row: DeliveryRow) {
  return {
    period: row.period,
    status: row.status,
    attempts: row.attempts,
    messageId: row.message_id,
    fileName: row.file_name,
    reason: row.reason,
    sentAt: row.sent_at ? new Date(row.sent_at) : null,
  };
}
