export { messageRoutes } from './message-routes.ts';
export { type MessageRequest, sendMessage } from './send-message.ts';
