import type { GroupMember } from '../debtors/index.ts';
import type { ActivePause } from '../dunning/index.ts';
import { type InvoiceRow, presentInvoice } from '../invoices/index.ts';
import { Joi } from '../shared/joi.ts';
import { currency, isoDate, language, minorUnits, prefixedId } from '../shared/schemas.ts';

/** The ageing buckets a debtor sees, by days past due on the administration's business date. */
export const AGEING_BUCKETS = ['notDue', 'days1to30', 'days31to60', 'days61to90', 'days90plus'] as const;
type Bucket = (typeof AGEING_BUCKETS)[number];

/** The pauses a debtor sees on its invoices: its own doing; a creditor's manual hold stays internal. */
const DEBTOR_VISIBLE_PAUSES = ['dispute', 'promise', 'plan'] as const;

/** A debtor of the session's group, as the portal names it. */
export const portalGroupMemberView = Joi.object({
  id: prefixedId('dbt').required(),
  number: Joi.string().required(),
  name: Joi.string().required(),
}).label('PortalGroupMember');

/** An invoice as its debtor sees it: no internal fields (collector, sources, timestamps). */
export const portalInvoiceView = Joi.object({
  id: prefixedId('inv').required(),
  number: Joi.string().required(),
  documentType: Joi.string().valid('invoice', 'credit_note').required(),
  issueDate: isoDate.required(),
  dueDate: isoDate.required(),
  amount: minorUnits.required(),
  openAmount: minorUnits.required(),
  currency: currency.required(),
  status: Joi.string().required(),
  poNumber: Joi.string().allow(null).required(),
  paymentReference: Joi.string().allow(null).required(),
  daysOverdue: Joi.number().integer().min(0).required().description('0 when not yet due'),
  debtor: portalGroupMemberView.description('Whose invoice it is: in a group session only'),
  pausedBy: Joi.array()
    .items(
      Joi.object({
        kind: Joi.string()
          .valid(...DEBTOR_VISIBLE_PAUSES)
          .required(),
        until: isoDate
          .allow(null)
          .required()
          .description(
            'The last day reminders are held (a promise’s or plan’s includes the grace days); null until lifted (a dispute)',
          ),
      }).label('PortalInvoicePause'),
    )
    .required()
    .description(
      'What holds the invoice out of reminders today: an open dispute, a promise, a payment plan (the creditor’s own holds are not shown)',
    ),
}).label('PortalInvoice');

const bucketAmounts = Joi.object(Object.fromEntries(AGEING_BUCKETS.map((b) => [b, minorUnits.required()])));

export const portalInvoicesView = Joi.object({
  data: Joi.array().items(portalInvoiceView).required(),
  totals: Joi.array()
    .items(
      Joi.object({
        currency: currency.required(),
        open: minorUnits.required(),
        overdue: minorUnits.required(),
        ageing: bucketAmounts.required(),
      }),
    )
    .required()
    .description('Per currency (never added across currencies): open, overdue, and open by age'),
  today: isoDate.required().description('The administration’s business date the ages count from'),
}).label('PortalInvoices');

export const portalMeView = Joi.object({
  debtor: Joi.object({
    id: prefixedId('dbt').required(),
    number: Joi.string().required(),
    name: Joi.string().required(),
    email: Joi.string().allow(null).required(),
    phone: Joi.string().allow(null).required(),
    language: language.allow(null).required(),
    preferredChannel: Joi.string().allow(null).required(),
  }).required(),
  creditor: Joi.object({
    name: Joi.string().required().description('The administration’s sender name, else its name'),
    currency: currency.required(),
  }).required(),
  session: Joi.object({
    expiresAt: Joi.date().iso().required(),
    scope: Joi.string().valid('debtor', 'group').required(),
  }).required(),
  group: Joi.array()
    .items(portalGroupMemberView)
    .description('In a group session: the debtors it reaches, the session’s own first'),
  features: Joi.object({
    payLinks: Joi.boolean()
      .required()
      .description('A pay-link plugin is installed: POST /portal/pay-links works'),
    invoiceCopies: Joi.boolean()
      .required()
      .description('An invoice-copy plugin is installed: GET /portal/invoices/{id}/copy may have the PDF'),
  }).required(),
}).label('PortalMe');

export const portalDisputeView = Joi.object({
  id: prefixedId('dsp').required(),
  invoiceIds: Joi.array().items(prefixedId('inv')).required(),
  type: Joi.string().required(),
  status: Joi.string().required(),
  openedOn: isoDate.required(),
  dueOn: isoDate.required().description('When the creditor will have answered'),
}).label('PortalDispute');

export const portalPromiseView = Joi.object({
  id: prefixedId('prm').required(),
  invoiceIds: Joi.array().items(prefixedId('inv')).required(),
  amount: minorUnits.required(),
  currency: currency.required(),
  promisedOn: isoDate.required(),
  status: Joi.string().required(),
}).label('PortalPromise');

/** Whole days from `from` to `to` (ISO dates). */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * What of an invoice its debtor sees (presentInvoice's fields less the internal ones), its lateness
 * and what of its own doing holds it out of reminders (`pausedBy`); in a group session also whose it
 * is (`debtor`, from the group's members).
 */
export function presentPortalInvoice(
  i: InvoiceRow,
  today: string,
  group?: ReadonlyMap<string, GroupMember>,
  pauses: readonly ActivePause[] = [],
) {
  const { administrationId, debtorId, description, createdAt, updatedAt, ...shown } = presentInvoice(i);
  const late = i.status === 'open' ? daysBetween(i.dueDate, today) : 0;
  const debtor = group?.get(debtorId);
  const pausedBy = pauses
    .filter((pause) => (DEBTOR_VISIBLE_PAUSES as readonly string[]).includes(pause.kind))
    .map((pause) => ({ kind: pause.kind, until: pause.endsOn }));
  return { ...shown, daysOverdue: Math.max(0, late), ...(debtor && { debtor }), pausedBy };
}

export function bucketOf(daysOverdue: number): Bucket {
  if (daysOverdue <= 0) return 'notDue';
  if (daysOverdue <= 30) return 'days1to30';
  if (daysOverdue <= 60) return 'days31to60';
  if (daysOverdue <= 90) return 'days61to90';
  return 'days90plus';
}

/** Open, overdue and ageing per currency of the open documents (credit notes lower the open total). Pure. */
export function portalTotals(invoices: readonly ReturnType<typeof presentPortalInvoice>[]) {
  const byCurrency = new Map<string, { open: number; overdue: number; ageing: Record<Bucket, number> }>();
  for (const invoice of invoices) {
    if (invoice.status !== 'open') continue;
    let total = byCurrency.get(invoice.currency);
    if (!total) {
      total = {
        open: 0,
        overdue: 0,
        ageing: Object.fromEntries(AGEING_BUCKETS.map((b) => [b, 0])) as Record<Bucket, number>,
      };
      byCurrency.set(invoice.currency, total);
    }
    total.open += invoice.openAmount;
    if (invoice.daysOverdue > 0) total.overdue += invoice.openAmount;
    total.ageing[bucketOf(invoice.daysOverdue)] += invoice.openAmount;
  }
  return [...byCurrency]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, total]) => ({ currency, ...total }));
}
