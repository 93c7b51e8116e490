import type { EntityManager } from '@mikro-orm/postgresql';
import { getAdministration } from '../administrations/index.ts';
import type { Orm } from '../db/orm.ts';
import { readAsTenant, tenantEm } from '../db/tenant-scope.ts';
import { forEachTenant } from '../jobs/for-each-tenant.ts';
import { nextStep } from '../mail/mail-outbox.ts';
import { MailError, type Mailer } from '../mail/mailer.ts';
import { dateIn } from '../shared/date-in.ts';
import { DomainError } from '../shared/errors.ts';
import { claimPeriod, recordFailed, recordRetry, recordSent, reportMessageId } from './delivery-store.ts';
import { renderReport } from './render-report.ts';
import { REPORT_KINDS } from './report-kinds.ts';
import { reportLocale } from './report-locale.ts';
import { reportMail } from './report-mail.ts';
import { duePeriod } from './schedule-period.ts';
import { listSchedules, type ScheduleRow } from './schedule-store.ts';

export interface ScheduledRun {
  sent: number;
  failed: number;
  retrying: number;
}

export interface ScheduledReportDeps {
  orm: Orm;
  mailer: Mailer | null;
  /** After this many attempts a period is recorded `failed` (KREDO_MAIL_MAX_ATTEMPTS). */
  maxAttempts: number;
  /** The clock, for tests. */
  now?: () => Date;
  only?: string;
}

type Outcome = { ok: true; fileName: string } | { ok: false; permanent: boolean; reason: string };

/**
 * Mails every schedule's report for the period it is due for, every tenant in turn:
 * 1. the due period (schedule-period.ts; none yet: next schedule);
 * 2. claim it (delivery-store.ts): committed before anything is sent, and refused when the period
 *    was sent, failed, or is in another worker's hands;
 * 3. build the report as the tenant in the schedule's language, as of the day it is sent for (the
 *    clock's date in the schedule's time zone), render it, and mail it, in that
 *    language too, to the recipients with the period's deterministic Message-ID: a resend after a
 *    crash between "sent" and "recorded" is the same message, which mail clients recognise;
 * 4. record `sent`; a permanent failure (the server refused it, the report cannot be made) or the
 *    last of `maxAttempts` records `failed` with why; another failure waits 2^attempts minutes.
 */
export async function sendScheduledReports(deps: ScheduledReportDeps): Promise<ScheduledRun> {
  const run: ScheduledRun = { sent: 0, failed: 0, retrying: 0 };
  const now = (deps.now ?? (() => new Date()))();
  await forEachTenant(
    deps.orm,
    async ({ tenantId }) => {
      const em = tenantEm(deps.orm, tenantId);
      for (const schedule of await listSchedules(em)) {
        const period = duePeriod(schedule.cadence, schedule.hour, schedule.time_zone, now);
        if (!period) continue;
        const claim = {
          tenantId,
          scheduleId: schedule.id,
          administrationId: schedule.administration_id,
          period,
        };
        const attempts = await claimPeriod(em, claim);
        if (attempts === null) continue;
        const today = dateIn(schedule.time_zone, now);
        const outcome = await mailPeriod(deps, tenantId, schedule, period, today);
        const step = nextStep(outcome, attempts, deps.maxAttempts);
        if (outcome.ok) await recordSent(em, schedule.id, period, outcome.fileName);
        else if (step === 'failed') await recordFailed(em, schedule.id, period, outcome.reason);
        else await recordRetry(em, schedule.id, period, attempts, outcome.reason);
        run[step] += 1;
      }
    },
    { only: deps.only },
  );
  return run;
}

async function mailPeriod(
  deps: ScheduledReportDeps,
  tenantId: string,
  schedule: ScheduleRow,
  period: string,
  today: string,
): Promise<Outcome> {
  const kind = REPORT_KINDS[schedule.kind];
  if (!deps.mailer)
    return { ok: false, permanent: true, reason: 'no mail server is configured (KREDO_SMTP_URL)' };
  if (!kind) return { ok: false, permanent: true, reason: `no report kind ${schedule.kind} any more` };
  try {
    const locale = reportLocale(schedule.language);
    const { report, senderName } = await readAsTenant(deps.orm, tenantId, async (em) => ({
      report: await kind.build(em, kind.pinnedTo(schedule.parameters, today), locale),
      senderName: await senderOf(em, schedule),
    }));
    const file = await renderReport(report, schedule.format, { table: schedule.csv_table ?? undefined });
    await deps.mailer.send({
      ...reportMail(schedule, report, period, file, locale),
      ...(senderName ? { fromName: senderName } : {}),
      messageId: reportMessageId(schedule.id, period),
    });
    return { ok: true, fileName: file.fileName };
  } catch (error) {
    if (error instanceof MailError) return { ok: false, permanent: error.permanent, reason: error.message };
    if (error instanceof DomainError) return { ok: false, permanent: true, reason: error.message };
    return { ok: false, permanent: false, reason: error instanceof Error ? error.message : 'failed' };
  }
}

/** The administration's sender name for the From header, when the schedule is about one. */
async function senderOf(em: EntityManager, schedule: ScheduleRow): Promise<string | null> {
  if (!schedule.administration_id) return null;
  const administration = await getAdministration(em, schedule.administration_id);
  return administration.senderName ?? administration.name;
}
