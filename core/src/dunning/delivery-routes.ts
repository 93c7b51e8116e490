import type { ResponseToolkit, ServerRoute } from '@hapi/hapi';
import { SCOPES } from '../auth/principal.ts';
import type { Orm } from '../db/orm.ts';
import { failures, pdfAnswer } from '../http/answer-schemas.ts';
import { input, principal } from '../http/request-context.ts';
import { Joi } from '../shared/joi.ts';
import { prefixedId } from '../shared/schemas.ts';
import { actionLetterPdf, runLettersPdf } from './letter-files.ts';

/**
 * Letters as PDF: one action's, and a run's print batch (its letters in the print batch, in debtor
 * order). Each is drawn on request from the stored action (with the pay link and lines it went out
 * with) and the administration's sender fields as they are now.
 */
export function deliveryRoutes(deps: { orm: Orm }): ServerRoute[] {
  return [
    {
      method: 'GET',
      path: '/api/v1/dunning/actions/{actionId}/letter.pdf',
      options: {
        tags: ['api', 'dunning'],
        id: 'getDunningLetter',
        description: "A letter action's PDF",
        notes:
          'With the EPC QR code for the amount asked when the administration has an IBAN and the currency is EUR.',
        auth: { access: { scope: [SCOPES.dunningRead] } },
        validate: { params: Joi.object({ actionId: prefixedId('dac').required() }) },
        response: {
          status: {
            200: pdfAnswer,
            ...failures({
              404: 'No such action (`dunning_action_not_found`)',
              409: 'The action is not a letter (`not_a_letter`)',
            }),
          },
        },
      },
      handler: async (request, h) => {
        const { actionId } = input<{ actionId: string }>(request.params);
        return pdf(
          h,
          await actionLetterPdf(deps.orm, principal(request).tenantId, actionId),
          `letter-${actionId}.pdf`,
        );
      },
    },
    {
      method: 'GET',
      path: '/api/v1/dunning/runs/{runId}/letters.pdf',
      options: {
        tags: ['api', 'dunning'],
        id: 'getDunningRunLetters',
        description: "A run's letters as one PDF, for the print run",
        notes:
          'Every letter of the run that is in the print batch (delivered), in debtor order, each starting on a new page.',
        auth: { access: { scope: [SCOPES.dunningRead] } },
        validate: { params: Joi.object({ runId: prefixedId('drn').required() }) },
        response: {
          status: { 200: pdfAnswer, ...failures({ 404: 'No such run (`dunning_run_not_found`)' }) },
        },
      },
      handler: async (request, h) => {
        const { runId } = input<{ runId: string }>(request.params);
        return pdf(
          h,
          await runLettersPdf(deps.orm, principal(request).tenantId, runId),
          `letters-${runId}.pdf`,
        );
      },
    },
  ];
}

function pdf(h: ResponseToolkit, body: Buffer, filename: string) {
  return h
    .response(body)
    .type('application/pdf')
    .header('content-disposition', `inline; filename="${filename}"`)
    .header('x-content-type-options', 'nosniff');
}
