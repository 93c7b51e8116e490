export { actionRecordSql } from './action-record.ts';
export { dunningTimeline, type TimelineEntry } from './action-timeline.ts';
export { dunningModule } from './dunning-module.ts';
export { formatMoney } from './evaluate-reason.ts';
export type { ActionInvoice, ActionReason, DecidedAction, PartyCredit } from './evaluate-types.ts';
export { PARTY_SEGMENTS_SQL } from './party-segments.ts';
export {
  type ActivePause,
  activePausesByInvoice,
  type LiftedPause,
  liftPauses,
  PAUSE_KINDS,
  type PauseInput,
  type PauseKind,
  placePause,
} from './pauses.ts';
export { reminderFormat } from './reminder-format.ts';
export { type RunInput, type RunResult, runDunning } from './run-dunning.ts';
export type { RunSummary } from './run-store.ts';
export { DUNNING_CHANNEL } from './run-write.ts';
export type { ChargesPolicy, Step, StepTemplate, StrategyDefinition } from './strategy-definition.ts';
export { templateEngine } from './template-engine.ts';
