import type { ServerRoute } from '@hapi/hapi';
import { SCOPES } from '../auth/principal.ts';
import { type CapabilityDeps, capabilityFailures } from '../capabilities/call-capability.ts';
import { debtorHistoryRoute } from '../debtors/debtor-history-route.ts';
import { failures, pdfAnswer } from '../http/answer-schemas.ts';
import { idempotencyHeaders, idempotentCall, idempotentCallFailures } from '../http/idempotency.ts';
import { input, principal, readForRequest, requestEm } from '../http/request-context.ts';
import { notFound } from '../shared/errors.ts';
import { Joi } from '../shared/joi.ts';
import { prefixedId } from '../shared/schemas.ts';
import {
  checkCredit,
  creditReportView,
  presentCreditReport,
  reportColumns,
  storeCreditReport,
} from './credit-check.ts';

const debtorParams = Joi.object({ debtorId: prefixedId('dbt').required() });
const noDebtor = { 404: 'No such debtor (`debtor_not_found`)' };

/** Credit checks of debtors through the tenant's credit-bureau plugin, and the reports they left. */
export function creditCheckRoutes(deps: CapabilityDeps): ServerRoute[] {
  return [
    {
      method: 'POST',
      path: '/api/v1/debtors/{debtorId}/credit-checks',
      options: {
        tags: ['api', 'debtors'],
        id: 'checkCredit',
        description: "Check a debtor's credit with the installed credit-bureau plugin",
        notes:
          'Searches the company by registration number, VAT number and name (409 with the candidates when ' +
          'several match: repeat with bureauId), fetches the report and stores score, rating and suggested ' +
          'limit on the debtor. Needs the plugin to have been granted debtors:read and debtors:risk:write. ' +
          'Safe to retry with an Idempotency-Key: a retry does not ask (or pay) the bureau again.',
        auth: { access: { scope: [SCOPES.ledgerWrite] } },
        response: {
          status: {
            201: creditReportView,
            ...failures(
              noDebtor,
              {
                404: 'The bureau found no company for the debtor (`company_not_found`)',
                409: 'The bureau found several companies: repeat with the `bureauId` of one of `details.candidates` (`company_ambiguous`)',
                422: 'The debtor has no address with a country to search in (`debtor_country_unknown`)',
              },
              capabilityFailures,
              idempotentCallFailures,
            ),
          },
        },
        validate: {
          headers: idempotencyHeaders,
          params: debtorParams,
          payload: Joi.object({
            installationId: prefixedId('ins').description(
              'The credit-bureau installation; default the first',
            ),
            bureauId: Joi.string()
              .min(1)
              .max(200)
              .description("The bureau's company id, from a 409's candidates"),
          }),
        },
      },
      handler: async (request, h) => {
        const { debtorId } = input<{ debtorId: string }>(request.params);
        const body = input<{ installationId?: string; bureauId?: string }>(request.payload);
        const tenantId = principal(request).tenantId;
        const response = await idempotentCall(requestEm(request), request, {
          call: () => checkCredit(deps, tenantId, { debtorId, ...body }),
          store: async (tx, checked) => ({ statusCode: 201, body: await storeCreditReport(tx, checked) }),
        });
        return h.response(response.body as object).code(response.statusCode);
      },
    },
    debtorHistoryRoute({
      path: '/api/v1/debtors/{debtorId}/credit-reports',
      id: 'listCreditReports',
      description: "A debtor's credit reports, newest first",
      table: 'credit_report',
      columns: reportColumns,
      present: presentCreditReport,
      schema: creditReportView,
    }),
    {
      method: 'GET',
      path: '/api/v1/credit-reports/{id}/document',
      options: {
        tags: ['api', 'debtors'],
        id: 'getCreditReportDocument',
        description: "The bureau's report document (PDF), when the plugin supplied one",
        auth: { access: { scope: [SCOPES.ledgerRead] } },
        response: {
          status: {
            200: pdfAnswer,
            ...failures({
              404: 'No such report, or it has no document (`credit_report_document_not_found`)',
            }),
          },
        },
        validate: { params: Joi.object({ id: prefixedId('crp').required() }) },
      },
      handler: async (request, h) => {
        const { id } = input<{ id: string }>(request.params);
        const [row] = await readForRequest(request, (em) =>
          em.execute<{ document: Buffer | null }[]>('select document from credit_report where id = ?', [id]),
        );
        if (!row?.document) throw notFound('Credit report document', id);
        return h
          .response(row.document)
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="${id}.pdf"`);
      },
    },
  ];
}
