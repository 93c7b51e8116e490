export type { AcknowledgementView } from './acknowledgement-view.ts';
export { DISPUTE_LANGUAGES, type DisputeLanguage, disputeLanguage } from './dispute-languages.ts';
export { disputeTimeline } from './dispute-timeline.ts';
export { listDisputeTypes, typeName } from './dispute-type-store.ts';
export { disputesModule } from './disputes-module.ts';
export { escalateDisputes } from './escalate-disputes.ts';
export { type DisputeInput, openDispute } from './open-dispute.ts';
export { sendAcknowledgements } from './send-acknowledgements.ts';
export { addWorkingDays, isWorkingDay } from './working-days.ts';
