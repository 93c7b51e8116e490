export { messageRoutes } from './message-routes.ts';
export { messageTimeline } from './message-timeline.ts';
export { messagesModule } from './messages-module.ts';
