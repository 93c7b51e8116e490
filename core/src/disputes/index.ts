export type { AcknowledgementView } from './acknowledgement-view.ts';
export { disputeTimeline } from './dispute-timeline.ts';
export { disputesModule } from './disputes-module.ts';
export { escalateDisputes } from './escalate-disputes.ts';
export { sendAcknowledgements } from './send-acknowledgements.ts';
export { addWorkingDays, isWorkingDay } from './working-days.ts';
