import { Joi } from '../shared/joi.ts';
import { instant, isoDate, money, named, prefixedId } from '../shared/schemas.ts';

/** An overdue invoice of a covered debtor that core told (or will tell) the credit insurer about. */
export interface InsurerNoticeRow {
  id: string;
  debtor_id: string;
  invoice_id: string;
  due_date: string;
  cover_id: string;
  cover_reference: string;
  installation_id: string;
  plugin: string;
  status: 'pending' | 'sent' | 'failed' | 'skipped_scope';
  days_overdue: number;
  open_amount: string | number;
  currency: string;
  notification_reference: string | null;
  last_error: { code: string; message: string; retryable?: boolean; at?: string } | null;
  attempts: number;
  created_at: string | Date;
  updated_at: string | Date;
}

export const noticeColumns = `id, debtor_id, invoice_id, to_char(due_date, 'YYYY-MM-DD') as due_date, cover_id,
  cover_reference, installation_id, plugin, status, days_overdue, open_amount, currency,
  notification_reference, last_error, attempts, created_at, updated_at`;

/** A notice to the credit insurer as the API answers it: what `presentInsurerNotice` builds. */
export const insurerNoticeView = named(
  'InsurerNotice',
  Joi.object({
    id: prefixedId('ntc').required(),
    debtorId: prefixedId('dbt').required(),
    invoiceId: prefixedId('inv').required(),
    dueDate: isoDate.required(),
    coverId: prefixedId('cov').required(),
    coverReference: Joi.string().required(),
    installationId: prefixedId('ins').required(),
    plugin: Joi.string().required(),
    status: Joi.string().valid('pending', 'sent', 'failed', 'skipped_scope').required(),
    daysOverdue: Joi.number().integer().required(),
    openAmount: money.required(),
    notificationReference: Joi.string().allow(null).required().description("The insurer's"),
    lastError: Joi.object({
      code: Joi.string().required(),
      message: Joi.string().allow('').required(),
      retryable: Joi.boolean(),
      at: Joi.string(),
    })
      .allow(null)
      .required(),
    attempts: Joi.number().integer().min(0).required(),
    createdAt: instant.required(),
    updatedAt: instant.required(),
  }),
);

export function presentInsurerNotice(row: InsurerNoticeRow) {
  return {
    id: row.id,
    debtorId: row.debtor_id,
    invoiceId: row.invoice_id,
    dueDate: row.due_date,
    coverId: row.cover_id,
    coverReference: row.cover_reference,
    installationId: row.installation_id,
    plugin: row.plugin,
    status: row.status,
    daysOverdue: row.days_overdue,
    openAmount: { amount: Number(row.open_amount), currency: row.currency },
    notificationReference: row.notification_reference,
    lastError: row.last_error,
    attempts: row.attempts,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}
