export { messageRoutes } from './message-routes.ts';
export { messagesModule } from './messages-module.ts';
