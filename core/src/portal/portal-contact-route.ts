import type { ServerRoute } from '@hapi/hapi';
import { readDebtor, updateDebtor } from '../debtors/index.ts';
import { failures } from '../http/answer-schemas.ts';
import { idempotencyFailures, idempotencyHeaders } from '../http/idempotency.ts';
import { input, principal } from '../http/request-context.ts';
import { Joi } from '../shared/joi.ts';
import { language } from '../shared/schemas.ts';
import { created, portalDebtorId, portalSessionId } from './portal-request-context.ts';
import { recordPortalRequest } from './portal-requests.ts';
import { auth, requestView, sessionRefused, tags } from './portal-route-options.ts';
import { queueConfirmation } from './queue-confirmation.ts';

const CHANNELS = ['email', 'letter', 'sms', 'whatsapp'];

/**
 * The debtor changes its contact details: changed at once, a task for the collector naming each
 * change from what to what, and a confirmation by e-mail (to the previous address too when the
 * e-mail address changed, so its owner hears of it).
 */
export const portalContactRoute: ServerRoute = {
  method: 'POST',
  path: '/api/v1/portal/contact',
  options: {
    tags,
    id: 'updatePortalContact',
    description: 'Change the debtor’s e-mail, phone, language or preferred channel',
    notes:
      'Changed at once; the collector gets a task naming what changed, from what to what; the debtor a confirmation by e-mail (also to the previous address when the e-mail changed).',
    auth,
    response: { status: { 201: requestView, ...failures(sessionRefused, idempotencyFailures) } },
    validate: {
      headers: idempotencyHeaders,
      payload: Joi.object({
        email: Joi.string().trim().email({ tlds: false }).max(320),
        phone: Joi.string()
          .trim()
          .pattern(/^\+?[0-9 ()-]{6,20}$/),
        language,
        preferredChannel: Joi.string().valid(...CHANNELS),
      }).min(1),
    },
  },
  handler: (request, h) => {
    const { tenantId, subject } = principal(request);
    const change = input<Record<'email' | 'phone' | 'language' | 'preferredChannel', string | undefined>>(
      request.payload,
    );
    const debtorId = portalDebtorId(request);
    return created(request, h, async (em) => {
      const before = await readDebtor(em, debtorId);
      const changes = Object.entries(change).map(([field, to]) => ({
        field,
        from: before[field as keyof typeof change] ?? null,
        to: to as string,
      }));
      const lines = changes.map((c) => `${c.field}: ${c.from ?? '—'} → ${c.to}`);
      await updateDebtor(em, debtorId, change as Parameters<typeof updateDebtor>[2]);
      const taskId = await recordPortalRequest(em, tenantId, {
        debtorId,
        kind: 'portal_contact_changed',
        title: 'Contact details changed in the portal',
        body: lines.join('\n'),
        sessionId: portalSessionId(request),
      });
      const previousEmail = change.email !== undefined ? (before.email ?? null) : null;
      await queueConfirmation(em, tenantId, {
        debtorId,
        sourceId: taskId,
        actor: subject,
        facts: { action: 'contact_changed', changes, previousEmail },
      });
      return { taskId };
    });
  },
};
