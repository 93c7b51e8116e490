import type { ServerRoute } from '@hapi/hapi';
import type { EntityManager } from '@mikro-orm/postgresql';
import { SCOPES } from '../auth/principal.ts';
import { assertDebtorExists } from '../debtors/debtor-service.ts';
import { failures } from '../http/answer-schemas.ts';
import { idempotencyFailures, idempotencyHeaders, idempotent } from '../http/idempotency.ts';
import { decodeCursor, pageOf, pageQuery, toPage } from '../http/pagination.ts';
import { input, principal, readForRequest, requestEm } from '../http/request-context.ts';
import { Joi } from '../shared/joi.ts';
import { minorUnits, prefixedId } from '../shared/schemas.ts';
import { CHARGE_STATUSES, type ChargeStatus, claimedChargeView, listDebtorCharges } from './charge-view.ts';
import { type WaiverInput, waiveCharge } from './waive-charge.ts';

const tags = ['api', 'dunning'];

export const chargeRoutes: ServerRoute[] = [
  {
    method: 'GET',
    path: '/api/v1/debtors/{debtorId}/charges',
    options: {
      tags,
      id: 'listDebtorCharges',
      description: 'A debtor’s late-payment charges claimed by reminders it received: open and settled',
      notes:
        'One per dunning episode, invoice (or the claim’s own WIK costs) and part (costs, interest), with ' +
        'what was claimed, paid and waived. A group’s charges are claimed from its parent and listed for ' +
        'the child whose invoices they are on too.',
      auth: { access: { scope: [SCOPES.dunningRead] } },
      response: {
        status: {
          200: pageOf(claimedChargeView),
          ...failures({ 404: 'No such debtor (`debtor_not_found`)' }),
        },
      },
      validate: {
        params: Joi.object({ debtorId: prefixedId('dbt').required() }),
        query: Joi.object({
          ...pageQuery,
          status: Joi.string()
            .valid(...CHARGE_STATUSES)
            .description('open: something left to pay; settled: paid or waived in full'),
        }),
      },
    },
    handler: (request) => {
      const { debtorId } = input<{ debtorId: string }>(request.params);
      const { limit, cursor, status } = input<{ limit: number; cursor?: string; status?: ChargeStatus }>(
        request.query,
      );
      return readForRequest(request, async (em: EntityManager) => {
        await assertDebtorExists(em, debtorId);
        const rows = await listDebtorCharges(em, { debtorId, status, after: decodeCursor(cursor), limit });
        return toPage(rows, limit, (row) => row);
      });
    },
  },
  {
    method: 'POST',
    path: '/api/v1/charges/{chargeId}/waive',
    options: {
      tags,
      id: 'waiveCharge',
      description: 'Waive a claimed late-payment charge, in whole or in part',
      notes:
        'A charge waived in full is not claimed again by a later reminder of its episode. Send an ' +
        '`Idempotency-Key` to make a retry safe: without one, each request waives again.',
      auth: { access: { scope: [SCOPES.dunningWrite] } },
      response: {
        status: {
          201: claimedChargeView,
          ...failures(
            { 400: 'The amount is more than what is open (`invalid_request`)' },
            { 404: 'No such charge (`claimed_charge_not_found`)' },
            { 409: 'Nothing open: paid or waived in full (`charge_settled`)' },
            idempotencyFailures,
          ),
        },
      },
      validate: {
        headers: idempotencyHeaders,
        params: Joi.object({ chargeId: prefixedId('chg').required() }),
        payload: Joi.object({
          amount: minorUnits.min(1).description('Minor units to waive; all that is open when left out'),
          reason: Joi.string().trim().min(1).max(2000).required().description('Why: kept with the waiver'),
        }),
      },
    },
    handler: async (request, h) => {
      const { subject } = principal(request);
      const { chargeId } = input<{ chargeId: string }>(request.params);
      const response = await idempotent(requestEm(request), request, async (em) => ({
        statusCode: 201,
        body: await waiveCharge(em, chargeId, input<WaiverInput>(request.payload), subject),
      }));
      return h.response(response.body as object).code(response.statusCode);
    },
  },
];
