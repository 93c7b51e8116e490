import type { ServerRoute } from '@hapi/hapi';
import { SCOPES } from '../auth/principal.ts';
import { type CapabilityDeps, capabilityFailures } from '../capabilities/call-capability.ts';
import { debtorHistoryRoute } from '../debtors/debtor-history-route.ts';
import { failures } from '../http/answer-schemas.ts';
import { idempotencyHeaders, idempotentCall, idempotentCallFailures } from '../http/idempotency.ts';
import { input, principal, requestEm } from '../http/request-context.ts';
import { Joi } from '../shared/joi.ts';
import { prefixedId } from '../shared/schemas.ts';
import { messageColumns, messageView, presentMessage } from './message-store.ts';
import { E164 } from './phone-number.ts';
import { type MessageRequest, sendMessage, storeMessage } from './send-message.ts';

/**
 * Messages to a debtor (SMS, WhatsApp) through a message-channel plugin, sent by a collector from the
 * debtor's card. Delivery updates are not taken: the contract has no webhook outcome nor read
 * operation for them, so a message keeps the status of the provider's first receipt.
 */
export function messageRoutes(deps: CapabilityDeps): ServerRoute[] {
  return [
    {
      method: 'POST',
      path: '/api/v1/debtors/{debtorId}/messages',
      options: {
        tags: ['api', 'debtors'],
        id: 'sendMessage',
        description:
          'Send the debtor an SMS or WhatsApp message through the installed message-channel plugin',
        notes:
          "To `to`, or else to the debtor's phone in E.164 (422 naming `phone` when it has none or it cannot " +
          'be read as one). Needs the plugin to have been granted debtors:read. A failed send (502, 504) ' +
          'stores nothing; safe to retry with an Idempotency-Key: the provider sees the same idempotency key ' +
          '(409 request_in_progress while the first attempt is running).',
        auth: { access: { scope: [SCOPES.ledgerWrite] } },
        response: {
          status: {
            201: messageView,
            ...failures(
              { 404: 'No such debtor (`debtor_not_found`)' },
              {
                422: 'No `to`, and the debtor has no phone (`debtor_phone_missing`) or one that is not E.164 (`debtor_phone_invalid`)',
              },
              capabilityFailures,
              idempotentCallFailures,
            ),
          },
        },
        validate: {
          headers: idempotencyHeaders,
          params: Joi.object({ debtorId: prefixedId('dbt').required() }),
          payload: Joi.object({
            channel: Joi.string().valid('sms', 'whatsapp').required(),
            text: Joi.string().min(1).max(1600).required(),
            to: Joi.string()
              .pattern(E164)
              .message('"to" must be an E.164 phone number: +31612345678')
              .description("E.164 phone number; default the debtor's phone"),
            installationId: prefixedId('ins').description(
              'The message-channel installation; default the first',
            ),
          }).required(),
        },
      },
      handler: async (request, h) => {
        const { tenantId } = principal(request);
        const { debtorId } = input<{ debtorId: string }>(request.params);
        const body = input<Omit<MessageRequest, 'debtorId' | 'requestKey'>>(request.payload);
        const requestKey = input<string | undefined>(request.headers['idempotency-key']);
        const response = await idempotentCall(requestEm(request), request, {
          call: () => sendMessage(deps, tenantId, { ...body, debtorId, requestKey }),
          store: async (tx, sent) => ({ statusCode: 201, body: await storeMessage(tx, sent) }),
        });
        return h.response(response.body as object).code(response.statusCode);
      },
    },
    debtorHistoryRoute({
      path: '/api/v1/debtors/{debtorId}/messages',
      id: 'listMessages',
      description: 'The messages sent to a debtor, newest first',
      table: 'debtor_message',
      columns: messageColumns,
      present: presentMessage,
      schema: messageView,
    }),
  ];
}
