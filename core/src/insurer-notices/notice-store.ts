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
  last_error: { code: string; message: string } | null;
  attempts: number;
  created_at: string | Date;
  updated_at: string | Date;
}

export const noticeColumns = `id, debtor_id, invoice_id, to_char(due_date, 'YYYY-MM-DD') as due_date, cover_id,
  cover_reference, installation_id, plugin, status, days_overdue, open_amount, currency,
  notification_reference, last_error, attempts, created_at, updated_at`;

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
