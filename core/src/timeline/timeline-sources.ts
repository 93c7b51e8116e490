import { collectionTimeline } from '../collection/index.ts';
import { invoiceTimeline } from '../invoices/index.ts';
import { messageTimeline } from '../messages/index.ts';
import { noteTimeline } from '../notes/index.ts';
import { paymentTimeline } from '../payments/index.ts';
import type { TimelineSource } from '../shared/timeline.ts';
import { taskTimeline } from '../tasks/index.ts';

/**
 * Every module's contribution to a debtor's timeline: the one place a module adds its line. A source
 * answers its entries before the instant it is given, newest first (ties by id, descending), at most
 * `limit` (shared/timeline.ts). Still to be wired as their modules land:
 * - `actionTimeline` (dunning/action-timeline.ts): dunning actions decided and sent, pauses placed and lifted;
 * - `disputeTimeline` (disputes/): disputes opened and resolved;
 * - `promiseTimeline` and `planTimeline` (promises/): promises made, kept, broken; payment plans.
 */
export const TIMELINE_SOURCES: readonly TimelineSource[] = [
  invoiceTimeline,
  paymentTimeline,
  messageTimeline,
  collectionTimeline,
  taskTimeline,
  noteTimeline,
];
