import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * One line of a debtor's timeline: an action, a message, a note, a dispute, a promise, a plan, a
 * payment, a task. Each module that owns such things exports a `TimelineSource`; the timeline route
 * merges them, newest first. `summary` is one plain-text line a collector reads; `detail` is the
 * structured thing (amounts, invoices, why) for a screen to show.
 */
export interface TimelineEntry {
  /** The id of the thing (`dac_…`, `not_…`, `dsp_…`, `pay_…`): unique across the timeline. */
  id: string;
  /** `dunning.action`, `message`, `note`, `dispute.opened`, `dispute.resolved`, `promise`, `plan`, `payment`, `task` … */
  type: string;
  /** ISO 8601 instant it happened. */
  at: string;
  summary: string;
  /** The staff user (token subject) who did it, when a person did. */
  actor: string | null;
  /** Invoices it concerns. */
  invoiceIds: string[];
  detail: Record<string, unknown>;
  /** Notes: pinned ones are listed first. */
  pinned?: boolean;
}

/**
 * A module's contribution to a debtor's timeline: its entries for `debtorId` that happened before
 * `before` (an ISO instant; none: up to now), newest first, at most `limit`. Runs under the
 * tenant's row-level security inside the route's read transaction.
 */
export type TimelineSource = (
  em: EntityManager,
  query: { debtorId: string; before?: string; limit: number },
) => Promise<TimelineEntry[]>;
