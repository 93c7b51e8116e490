export { type WebhookRequest, webhookMaxBytes, webhookRoutes } from './webhook-routes.ts';
