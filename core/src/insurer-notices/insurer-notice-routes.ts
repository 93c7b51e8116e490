import type { ServerRoute } from '@hapi/hapi';
import { debtorHistoryRoute } from '../debtors/debtor-history-route.ts';
import { insurerNoticeView, noticeColumns, presentInsurerNotice } from './notice-store.ts';

/** `GET /api/v1/debtors/{debtorId}/insurer-notices`: what the credit insurer was told about the debtor. */
export function insurerNoticeRoutes(): ServerRoute {
  return debtorHistoryRoute({
    path: '/api/v1/debtors/{debtorId}/insurer-notices',
    id: 'listInsurerNotices',
    description: 'Overdue invoices of a covered debtor notified to the credit insurer, newest first',
    table: 'insurer_notice',
    columns: noticeColumns,
    present: presentInsurerNotice,
    schema: insurerNoticeView,
  });
}
