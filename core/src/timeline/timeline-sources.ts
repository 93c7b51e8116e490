import { matchTimeline } from '../bank-statements/index.ts';
import { collectionTimeline } from '../collection/index.ts';
import { disputeTimeline } from '../disputes/index.ts';
import { dunningTimeline } from '../dunning/index.ts';
import { invoiceTimeline } from '../invoices/index.ts';
import { chargeTimeline } from '../late-charges/index.ts';
import { messageTimeline } from '../messages/index.ts';
import { noteTimeline } from '../notes/index.ts';
import { paymentChangeTimeline, paymentTimeline } from '../payments/index.ts';
import { confirmationTimeline } from '../portal/index.ts';
import { planTimeline, promiseTimeline } from '../promises/index.ts';
import { limitTimeline } from '../risk/index.ts';
import type { TimelineSource } from '../shared/timeline.ts';
import { taskTimeline } from '../tasks/index.ts';

/**
 * Every module's contribution to a debtor's timeline: the one place a module adds its line. A source
 * answers its entries before the instant it is given, newest first (ties by id, descending), at most
 * `limit` (shared/timeline.ts).
 */
export const TIMELINE_SOURCES: readonly TimelineSource[] = [
  invoiceTimeline,
  paymentTimeline,
  paymentChangeTimeline,
  messageTimeline,
  collectionTimeline,
  taskTimeline,
  noteTimeline,
  dunningTimeline,
  disputeTimeline,
  promiseTimeline,
  planTimeline,
  chargeTimeline,
  confirmationTimeline,
  limitTimeline,
  matchTimeline,
];
