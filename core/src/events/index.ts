export { outboxCommitTrigger } from './commit-listener.ts';
export { deliveryRoutes } from './delivery-routes.ts';
export type {
  DeliveryError,
  DeliveryResult,
  EventDeliverer,
  EventEnvelope,
  EventSubscriber,
} from './event-deliverer.ts';
export { noSubscribers } from './event-deliverer.ts';
export { DELIVER_TASK, DISPATCH_TASK, deliveryKey, eventTasks } from './event-dispatcher.ts';
export { eventJobs } from './event-jobs.ts';
export { eventsModule } from './events-module.ts';
export { hasSubscriber } from './has-subscriber.ts';
export { type EventTransaction, OUTBOX_CHANNEL, recordEvent, recordEvents } from './record-event.ts';
export { recordEventsFrom } from './record-events-from.ts';
