import type { ResponseToolkit, ServerRoute } from '@hapi/hapi';
import { SCOPES } from '../auth/principal.ts';
import type { Orm } from '../db/orm.ts';
import { failures, pdfAnswer } from '../http/answer-schemas.ts';
import { input, principal, readForRequest } from '../http/request-context.ts';
import { DomainError, notFound } from '../shared/errors.ts';
import { Joi } from '../shared/joi.ts';
import { prefixedId } from '../shared/schemas.ts';
import { readAction, readRunLetters } from './delivery-store.ts';
import { letterFor } from './letter-content.ts';
import { lettersPdf } from './letter-pdf.ts';

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
        const action = await readForRequest(request, (em) => readAction(em, actionId));
        if (!action) throw notFound('Dunning action', actionId);
        if (action.kind !== 'letter') {
          throw new DomainError('not_a_letter', 409, `Action ${actionId} is a ${action.kind}, not a letter`);
        }
        return pdf(
          h,
          await lettersPdf([(await letterFor(deps.orm, action)).content]),
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
        const tenantId = principal(request).tenantId;
        const letters = await readForRequest(request, async (em) => {
          const [run] = await em.execute<{ id: string }[]>('select id from dunning_run where id = ?', [
            runId,
          ]);
          if (!run) throw notFound('Dunning run', runId);
          return readRunLetters(em, runId);
        });
        const contents = [];
        for (const action of letters)
          contents.push((await letterFor(deps.orm, { ...action, tenantId })).content);
        // The print run's order: by debtor number, as the debtors are filed.
        contents.sort((a, b) =>
          a.view.debtor.number.localeCompare(b.view.debtor.number, 'en', { numeric: true }),
        );
        return pdf(h, await lettersPdf(contents), `letters-${runId}.pdf`);
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
