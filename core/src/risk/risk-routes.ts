import type { ServerRoute } from '@hapi/hapi';
import { SCOPES } from '../auth/principal.ts';
import { failures } from '../http/answer-schemas.ts';
import { input, readForRequest } from '../http/request-context.ts';
import { Joi } from '../shared/joi.ts';
import { prefixedId } from '../shared/schemas.ts';
import { readRisk, riskView } from './risk-store.ts';

export const riskRoutes: ServerRoute[] = [
  {
    method: 'GET',
    path: '/api/v1/debtors/{debtorId}/risk',
    options: {
      tags: ['api', 'debtors'],
      id: 'getDebtorRisk',
      description:
        "A debtor's payment-behaviour score with its inputs, its bureau score and its credit-limit use",
      notes:
        'The score (0–100) is 100 less what each input takes off: days beyond terms, trend, broken promises, ' +
        'missed instalments, disputes (docs/risk.md). It and the limit use are refreshed when payments arrive ' +
        'and nightly.',
      auth: { access: { scope: [SCOPES.ledgerRead] } },
      response: { status: { 200: riskView, ...failures({ 404: 'No such debtor (`debtor_not_found`)' }) } },
      validate: { params: Joi.object({ debtorId: prefixedId('dbt').required() }) },
    },
    handler: (request) => {
      const { debtorId } = input<{ debtorId: string }>(request.params);
      return readForRequest(request, (em) => readRisk(em, debtorId));
    },
  },
];
