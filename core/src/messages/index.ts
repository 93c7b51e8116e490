export { messageRoutes } from './message-routes.ts';
export { type MessageRequest, type SentMessage, sendMessage, storeMessage } from './send-message.ts';
