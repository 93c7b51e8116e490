import type { ServerRoute } from '@hapi/hapi';
import { SCOPES } from '../auth/principal.ts';
import { failures, pdfAnswer } from '../http/answer-schemas.ts';
import { input, principal } from '../http/request-context.ts';
import { Joi } from '../shared/joi.ts';
import { prefixedId } from '../shared/schemas.ts';
import { fetchInvoiceCopy, type InvoiceCopyDeps } from './fetch-invoice-copy.ts';

/** Invoice copies (PDF) from the tenant's plugins. */
export function invoiceCopyRoutes(deps: InvoiceCopyDeps): ServerRoute[] {
  return [
    {
      method: 'GET',
      path: '/api/v1/invoices/{id}/copy',
      options: {
        tags: ['api', 'invoices'],
        id: 'getInvoiceCopy',
        description: 'The PDF copy of an invoice, from the installed plugins',
        notes:
          'Asks the invoice.copy filter of each plugin declaring it (priority, then install order; the first ' +
          "valid PDF wins), then the invoice-copy plugin's fetchCopy by invoice number. 404 " +
          'invoice_copy_unavailable names every plugin asked and why it gave no copy.',
        auth: { access: { scope: [SCOPES.ledgerRead] } },
        validate: { params: Joi.object({ id: prefixedId('inv').required() }) },
        response: {
          status: {
            200: pdfAnswer,
            ...failures({
              404: 'No such invoice (`invoice_not_found`), or no plugin supplied a copy (`invoice_copy_unavailable`, `details.attempts`)',
            }),
          },
        },
      },
      handler: async (request, h) => {
        const { id } = input<{ id: string }>(request.params);
        const { invoice, pdf, installationId } = await fetchInvoiceCopy(
          deps,
          principal(request).tenantId,
          id,
        );
        const filename = `${invoice.number.replace(/[^\w.-]+/g, '_')}.pdf`;
        return h
          .response(pdf)
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="${filename}"`)
          .header('x-kredo-installation', installationId)
          .header('x-content-type-options', 'nosniff');
      },
    },
  ];
}
