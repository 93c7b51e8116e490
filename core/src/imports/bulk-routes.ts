import type { ServerRoute } from '@hapi/hapi';
import { SCOPES } from '../auth/principal.ts';
import { addressTypeSchema, channelSchema, debtorTypeSchema } from '../debtors/debtor-service.ts';
import { failures } from '../http/answer-schemas.ts';
import { input, principal } from '../http/request-context.ts';
import { documentTypeSchema } from '../invoices/invoice-service.ts';
import { Joi } from '../shared/joi.ts';
import {
  country,
  currency,
  externalKey,
  isoDate,
  language,
  minorUnits,
  prefixedId,
} from '../shared/schemas.ts';
import { type ImportSummary, importRecords } from './import-file.ts';
import type { DebtorImportRow, InvoiceImportRow, ReadResult } from './import-rows.ts';
import { importSummaryView } from './import-summary.ts';

const MAX_ITEMS = 10_000;
const noAdministration = { 404: 'No such administration (`administration_not_found`)' };
// Room for MAX_ITEMS realistic items (about 200 bytes each as JSON, far more with addresses and contacts).
const MAX_BYTES = 32 * 1024 * 1024;
const optionalText = (max: number) => Joi.string().trim().max(max);

const debtorItem = Joi.object({
  number: externalKey.required(),
  name: Joi.string().trim().min(1).max(200).required(),
  type: debtorTypeSchema.default('b2b'),
  vatNumber: optionalText(32),
  cocNumber: optionalText(32),
  email: Joi.string().email({ tlds: false }),
  phone: optionalText(40),
  language,
  preferredChannel: channelSchema,
  addresses: Joi.array()
    .items(
      Joi.object({
        type: addressTypeSchema.default('billing'),
        line1: Joi.string().max(200).required(),
        line2: optionalText(200),
        postalCode: optionalText(20),
        city: optionalText(100),
        region: optionalText(100),
        country,
      }),
    )
    .max(10)
    .default([]),
  contacts: Joi.array()
    .items(
      Joi.object({
        name: optionalText(200),
        role: optionalText(100),
        email: Joi.string().email({ tlds: false }),
        phone: optionalText(40),
        language,
        preferredChannel: channelSchema,
      }),
    )
    .max(50)
    .default([]),
  tags: Joi.array().items(Joi.string().max(50)).max(50).default([]),
  parentNumber: externalKey.description('Number of the parent debtor: earlier in the list or already stored'),
});

const invoiceItem = Joi.object({
  number: externalKey.required(),
  documentType: documentTypeSchema.default('invoice'),
  debtorNumber: externalKey.required(),
  issueDate: isoDate.required(),
  dueDate: isoDate.allow(null).default(null),
  amount: minorUnits.required(),
  openAmount: minorUnits,
  currency: currency.allow(null).default(null),
  poNumber: optionalText(64),
  paymentReference: optionalText(64),
  description: optionalText(1000),
});

// Row errors name CSV columns; the bulk API's callers know the JSON field names.
const JSON_FIELDS: Record<string, string> = {
  debtor_number: 'debtorNumber',
  parent_number: 'parentNumber',
  invoice_number: 'number',
  due_date: 'dueDate',
};

function withJsonFields(summary: ImportSummary): ImportSummary {
  // A debtor's own number is `number` in the JSON; `debtor_number` elsewhere refers to another debtor.
  const own: Record<string, string> = summary.format === 'debtors' ? { debtor_number: 'number' } : {};
  const names: Record<string, string> = { ...JSON_FIELDS, ...own };
  for (const error of summary.errors) {
    if (error.field) error.field = names[error.field] ?? error.field;
  }
  return summary;
}

/**
 * Bulk upsert by the ERP's keys, for integrations that push JSON instead of files: the same merge as
 * the importer, answered with the same summary (lines are 1-based positions in the list).
 */
export const bulkRoutes: ServerRoute[] = [
  {
    method: 'POST',
    path: '/api/v1/debtors/bulk',
    options: {
      tags: ['api', 'debtors'],
      id: 'upsertDebtors',
      description: `Create or update up to ${MAX_ITEMS} debtors by number`,
      auth: { access: { scope: [SCOPES.ledgerWrite] } },
      response: { status: { 200: importSummaryView, ...failures(noAdministration) } },
      payload: { maxBytes: MAX_BYTES },
      validate: {
        payload: Joi.object({
          administrationId: prefixedId('adm').required(),
          debtors: Joi.array().items(debtorItem).min(1).max(MAX_ITEMS).required(),
        }),
      },
    },
    handler: async (request) => {
      const body = input<{ administrationId: string; debtors: Omit<DebtorImportRow, 'line'>[] }>(
        request.payload,
      );
      const results = body.debtors.map(
        (d, i): ReadResult<DebtorImportRow> => ({ ok: true, record: { ...d, line: i + 1 } }),
      );
      return withJsonFields(
        await importRecords(results, {
          orm: request.server.app.orm,
          tenantId: principal(request).tenantId,
          administrationId: body.administrationId,
          format: 'debtors',
        }),
      );
    },
  },
  {
    method: 'POST',
    path: '/api/v1/invoices/bulk',
    options: {
      tags: ['api', 'invoices'],
      id: 'upsertInvoices',
      description: `Create or update up to ${MAX_ITEMS} invoices and credit notes by type and number`,
      notes: 'Credit notes are stored negative whatever sign is sent; openAmount defaults to the amount.',
      auth: { access: { scope: [SCOPES.ledgerWrite] } },
      response: { status: { 200: importSummaryView, ...failures(noAdministration) } },
      payload: { maxBytes: MAX_BYTES },
      validate: {
        payload: Joi.object({
          administrationId: prefixedId('adm').required(),
          invoices: Joi.array().items(invoiceItem).min(1).max(MAX_ITEMS).required(),
        }),
      },
    },
    handler: async (request) => {
      const body = input<{
        administrationId: string;
        invoices: (Omit<InvoiceImportRow, 'line' | 'openAmount'> & { openAmount?: number })[];
      }>(request.payload);
      const results = body.invoices.map((item, i): ReadResult<InvoiceImportRow> => {
        const sign = item.documentType === 'credit_note' ? -1 : Math.sign(item.amount) || 1;
        const amount = sign * Math.abs(item.amount);
        const openAmount = item.openAmount === undefined ? amount : sign * Math.abs(item.openAmount);
        if (Math.abs(openAmount) > Math.abs(amount)) {
          return {
            ok: false,
            error: { line: i + 1, field: 'openAmount', message: 'must not exceed the amount' },
          };
        }
        if (item.dueDate && item.dueDate < item.issueDate) {
          return {
            ok: false,
            error: { line: i + 1, field: 'dueDate', message: 'must not be before issueDate' },
          };
        }
        return { ok: true, record: { ...item, amount, openAmount, line: i + 1 } };
      });
      return withJsonFields(
        await importRecords(results, {
          orm: request.server.app.orm,
          tenantId: principal(request).tenantId,
          administrationId: body.administrationId,
          format: 'invoices',
        }),
      );
    },
  },
];
