import type { EntityManager } from '@mikro-orm/postgresql';
import { getAdministration } from '../administrations/index.ts';
import { invalid, notFound } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import type { ReportFormat } from './render-report.ts';
import { REPORT_KINDS } from './report-kinds.ts';
import { DEFAULT_REPORT_LANGUAGE, type ReportLanguage } from './report-language.ts';
import { checkReportQuery } from './report-query.ts';
import type { Cadence } from './schedule-period.ts';

/** A schedule as the API takes it. */
export interface ScheduleInput {
  name: string;
  kind: string;
  format: ReportFormat;
  /** With `csv`: which of the report's tables; the first when absent. */
  table?: string | null;
  /** The report's query (its route's, without `format` and `table`), e.g. `{ administrationId }`. */
  parameters: Record<string, unknown>;
  cadence: Cadence;
  hour: number;
  timeZone?: string;
  recipients: string[];
  /** What the report and its mail are written in (default `en`). */
  language?: ReportLanguage;
}

/** A schedule as stored. */
export interface ScheduleRow {
  id: string;
  administration_id: string | null;
  name: string;
  kind: string;
  format: ReportFormat;
  csv_table: string | null;
  parameters: Record<string, unknown>;
  cadence: Cadence;
  hour: number;
  time_zone: string;
  recipients: string[];
  language: ReportLanguage;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

/** The recipients arrive as a JSON array: no list syntax of PostgreSQL's to escape by hand. */
const RECIPIENTS = 'array(select jsonb_array_elements_text(?::jsonb))';
const COLUMNS = `id, administration_id, name, kind, format, csv_table, parameters, cadence, hour, time_zone,
  recipients, language, created_by, created_at, updated_at`;

export async function createSchedule(
  em: EntityManager,
  tenantId: string,
  createdBy: string,
  input: ScheduleInput,
): Promise<ScheduleRow> {
  const checked = await checkSchedule(em, input);
  const [row] = await em.execute<ScheduleRow[]>(
    `insert into report_schedule (tenant_id, id, administration_id, name, kind, format, csv_table, parameters,
       cadence, hour, time_zone, recipients, language, created_by)
     values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ${RECIPIENTS}, ?, ?) returning ${COLUMNS}`,
    [tenantId, newId('reportSchedule'), ...checked, createdBy],
  );
  return row as ScheduleRow;
}

/** Replaces everything a schedule says; what it already mailed stays recorded. */
export async function replaceSchedule(
  em: EntityManager,
  id: string,
  input: ScheduleInput,
): Promise<ScheduleRow> {
  const checked = await checkSchedule(em, input);
  const [row] = await em.execute<ScheduleRow[]>(
    `update report_schedule set administration_id = ?, name = ?, kind = ?, format = ?, csv_table = ?,
       parameters = ?::jsonb, cadence = ?, hour = ?, time_zone = ?, recipients = ${RECIPIENTS}, language = ?,
       updated_at = now()
     where id = ? returning ${COLUMNS}`,
    [...checked, id],
  );
  if (!row) throw notFound('Report schedule', id);
  return row;
}

export async function deleteSchedule(em: EntityManager, id: string): Promise<void> {
  const deleted = await em.execute<{ id: string }[]>(
    'delete from report_schedule where id = ? returning id',
    [id],
  );
  if (deleted.length === 0) throw notFound('Report schedule', id);
}

export async function getSchedule(em: EntityManager, id: string): Promise<ScheduleRow> {
  const [row] = await em.execute<ScheduleRow[]>(`select ${COLUMNS} from report_schedule where id = ?`, [id]);
  if (!row) throw notFound('Report schedule', id);
  return row;
}

export function listSchedules(em: EntityManager): Promise<ScheduleRow[]> {
  return em.execute<ScheduleRow[]>(`select ${COLUMNS} from report_schedule order by id`);
}

/**
 * The columns from `administration_id` to `language`, checked: a known kind whose query the
 * parameters pass (400 naming `parameters.<field>`; no date such as `asOf`: a schedule reports as of the day it
 * sends), a table the kind has, the administration the parameters name (404 if unknown; its time
 * zone is the default), and recipients without duplicates.
 */
async function checkSchedule(em: EntityManager, input: ScheduleInput): Promise<unknown[]> {
  const kind = REPORT_KINDS[input.kind];
  if (!kind) throw invalid('kind', `must be one of ${Object.keys(REPORT_KINDS).join(', ')}`);
  const parameters = checkReportQuery(kind, input.parameters, {
    prefix: 'parameters.',
    forbid: { keys: kind.datedKeys, why: 'a schedule reports as of the day it sends' },
  });
  if (input.table && !kind.tables.includes(input.table)) {
    throw invalid('table', `the ${kind.kind} report's tables are ${kind.tables.join(', ')}`);
  }
  if (input.table && input.format !== 'csv') throw invalid('table', 'only a CSV names a table');
  const administrationId =
    typeof parameters.administrationId === 'string' ? parameters.administrationId : null;
  const administration = administrationId ? await getAdministration(em, administrationId) : null;
  const recipients = [...new Set(input.recipients.map((address) => address.toLowerCase()))];
  return [
    administrationId,
    input.name,
    kind.kind,
    input.format,
    input.table ?? null,
    JSON.stringify(parameters),
    input.cadence,
    input.hour,
    input.timeZone ?? administration?.timeZone ?? 'UTC',
    JSON.stringify(recipients),
    input.language ?? DEFAULT_REPORT_LANGUAGE,
  ];
}
