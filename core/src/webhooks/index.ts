export { type WebhookRequest, webhookMaxBytes, webhookRoutes } from './webhook-routes.ts';
export { webhooksModule } from './webhooks-module.ts';
