import type { ServerRoute } from '@hapi/hapi';
import { SCOPES } from '../auth/principal.ts';
import { failures, pdfAnswer } from '../http/answer-schemas.ts';
import { input, principal, readForRequest } from '../http/request-context.ts';
import { reachableInvoice, withPortalCors } from '../portal/index.ts';
import { Joi } from '../shared/joi.ts';
import { prefixedId } from '../shared/schemas.ts';
import { fetchInvoiceCopy, type InvoiceCopyDeps } from './fetch-invoice-copy.ts';

/**
 * The portal's "download": the PDF copy of one of the session's debtor's (or group's) invoices, from
 * the tenant's plugins as staff get it. Any other invoice answers as if it did not exist.
 */
export function portalCopyRoute(deps: InvoiceCopyDeps): ServerRoute {
  return withPortalCors({
    method: 'GET',
    path: '/api/v1/portal/invoices/{invoiceId}/copy',
    options: {
      tags: ['api', 'portal'],
      id: 'getPortalInvoiceCopy',
      description: 'The PDF of one of the debtor’s invoices, from the tenant’s invoice-copy plugins',
      auth: { access: { scope: [SCOPES.portalDebtor] } },
      validate: { params: Joi.object({ invoiceId: prefixedId('inv').required() }) },
      response: {
        status: {
          200: pdfAnswer,
          ...failures({
            401: 'No session, or it expired or was revoked',
            403: 'An origin the tenant did not register',
            404: 'No such invoice of the debtor (`invoice_not_found`), or no plugin supplied a copy (`invoice_copy_unavailable`)',
          }),
        },
      },
    },
    handler: async (request, h) => {
      const { invoiceId } = input<{ invoiceId: string }>(request.params);
      const invoice = await readForRequest(request, (em) => reachableInvoice(em, request, invoiceId));
      const { pdf } = await fetchInvoiceCopy(deps, principal(request).tenantId, invoiceId);
      return h
        .response(pdf)
        .type('application/pdf')
        .header(
          'content-disposition',
          `attachment; filename="${invoice.number.replace(/[^\w.-]+/g, '_')}.pdf"`,
        )
        .header('x-content-type-options', 'nosniff');
    },
  });
}
