import type { EntityManager } from '@mikro-orm/postgresql';
import { retryDelayMinutes } from '../mail/mail-outbox.ts';

/** A period's mailing of a schedule, as stored. */
export interface DeliveryRow {
  period: string;
  status: 'sending' | 'sent' | 'failed';
  attempts: number;
  message_id: string;
  file_name: string | null;
  reason: string | null;
  sent_at: Date | null;
  claimed_until: Date | null;
}

/**
 * How long a claimed period is left to the worker that claimed it: a worker that dies mid-send leaves
 * it to the next run after this, which sends it with the same Message-ID.
 */
export const LEASE_MINUTES = 10;

/**
 * Claims a schedule's period for sending, in a statement of its own (committed before anything is
 * sent): the first claim inserts the row; a later one takes it over only while it is still `sending`
 * and its lease (or retry wait) has passed. Answers the attempt number, or null when the period is
 * sent, failed, or in another worker's hands.
 */
export async function claimPeriod(
  em: EntityManager,
  claim: { tenantId: string; scheduleId: string; administrationId: string | null; period: string },
): Promise<number | null> {
  const [row] = await em.execute<{ attempts: number }[]>(
    `insert into report_delivery (tenant_id, schedule_id, period, administration_id, status, attempts, claimed_until, message_id)
     values (?, ?, ?, ?, 'sending', 1, now() + make_interval(mins => ?), ?)
     on conflict (tenant_id, schedule_id, period) do update
       set attempts = report_delivery.attempts + 1, claimed_until = excluded.claimed_until, updated_at = now()
       where report_delivery.status = 'sending' and report_delivery.claimed_until <= now()
     returning attempts`,
    [
      claim.tenantId,
      claim.scheduleId,
      claim.period,
      claim.administrationId,
      LEASE_MINUTES,
      reportMessageId(claim.scheduleId, claim.period),
    ],
  );
  return row ? row.attempts : null;
}

/** `<rps_….2026-W51@kredo>`: one Message-ID per schedule and period, however often it is tried. */
export function reportMessageId(scheduleId: string, period: string): string {
  return `<${scheduleId}.${period}@kredo>`;
}

export async function recordSent(
  em: EntityManager,
  scheduleId: string,
  period: string,
  fileName: string,
): Promise<void> {
  await em.execute(
    `update report_delivery set status = 'sent', sent_at = now(), file_name = ?, reason = null,
       claimed_until = null, updated_at = now()
     where schedule_id = ? and period = ? and status = 'sending'`,
    [fileName, scheduleId, period],
  );
}

export async function recordFailed(
  em: EntityManager,
  scheduleId: string,
  period: string,
  reason: string,
): Promise<void> {
  await em.execute(
    `update report_delivery set status = 'failed', reason = ?, claimed_until = null, updated_at = now()
     where schedule_id = ? and period = ? and status = 'sending'`,
    [reason.slice(0, 500), scheduleId, period],
  );
}

/** A failure worth another try: the period stays `sending`, claimable again after 2^attempts minutes. */
export async function recordRetry(
  em: EntityManager,
  scheduleId: string,
  period: string,
  attempts: number,
  reason: string,
): Promise<void> {
  await em.execute(
    `update report_delivery set reason = ?, claimed_until = now() + make_interval(mins => ?), updated_at = now()
     where schedule_id = ? and period = ? and status = 'sending'`,
    [reason.slice(0, 500), retryDelayMinutes(attempts), scheduleId, period],
  );
}

/** A schedule's latest periods, newest first. */
export function recentDeliveries(em: EntityManager, scheduleId: string, limit = 20): Promise<DeliveryRow[]> {
  return em.execute<DeliveryRow[]>(
    `select period, status, attempts, message_id, file_name, reason, sent_at, claimed_until
     from report_delivery where schedule_id = ? order by created_at desc, period desc limit ?`,
    [scheduleId, limit],
  );
}
