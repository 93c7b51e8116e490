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
export { type EventWorker, type EventWorkerOptions, startEventWorker } from './event-worker.ts';
export { hasSubscriber } from './has-subscriber.ts';
export { announceOverdueInvoices, OVERDUE_TASK } from './overdue-task.ts';
export { type EventTransaction, OUTBOX_CHANNEL, recordEvent } from './record-event.ts';
export { recordEventsFrom } from './record-events-from.ts';
