/**
 * A decided action as delivery reads it: the columns of `dunning_action` (see the Dunning migration and
 * docs/dunning-contracts) in the shapes the runs write them.
 */
export type ActionKind =
  | 'email'
  | 'letter'
  | 'sms'
  | 'whatsapp'
  | 'phone_call'
  | 'manual_task'
  | 'collection'
  | 'stop';
export type ActionStatus =
  | 'pending'
  | 'sending'
  | 'sent'
  | 'failed'
  | 'task_created'
  | 'skipped'
  | 'cancelled';

export interface ActionInvoice {
  invoiceId: string;
  number: string;
  issueDate: string;
  dueDate: string;
  daysOverdue: number;
  amount: number;
  openAmount: number;
  currency: string;
}

export interface ActionCredit {
  kind: 'credit_note' | 'unallocated_payment';
  id: string;
  reference: string;
  /** Negative minor units. */
  amount: number;
}

/**
 * The late-payment charges a step claims, as the run stores them (minor units). Only `total` is in the
 * contract; the parts and the explanation lines are printed when present.
 */
export interface ActionCharges {
  interest?: number;
  compensation?: number;
  total: number;
  explanation?: string[];
}

export interface ActionReason {
  segment: { id: string; name: string; position: number } | null;
  strategy: { id: string; name: string; version: number };
  step: { index: number; name: string; offsetDays: number; from: string };
  trigger: 'run' | 'manual';
  runId: string | null;
  asOf: string;
  episode: number;
  oldestDueDate: string;
  summary: string;
}

export interface DeliveryAction {
  id: string;
  tenantId: string;
  administrationId: string;
  debtorId: string;
  runId: string | null;
  episode: number;
  strategyId: string;
  strategyVersion: number;
  stepIndex: number;
  stepName: string;
  kind: ActionKind;
  status: ActionStatus;
  dueOn: string;
  language: string;
  currency: string;
  totalOpen: number;
  invoices: ActionInvoice[];
  credits: ActionCredit[];
  charges: ActionCharges | null;
  reason: ActionReason;
  attempts: number;
  /** What delivery recorded so far: the composition (links, attachments' names) and, once sent, the receipt. */
  delivery: Record<string, unknown> | null;
  sentAt: string | null;
}

/** The select list that reads a `dunning_action` row (alias `a`) as a DeliveryAction. */
export const DELIVERY_ACTION_COLUMNS = `a.id, a.tenant_id as "tenantId", a.administration_id as "administrationId",
  a.debtor_id as "debtorId", a.run_id as "runId", a.episode, a.strategy_id as "strategyId",
  a.strategy_version as "strategyVersion", a.step_index as "stepIndex", a.step_name as "stepName", a.kind,
  a.status, to_char(a.due_on, 'YYYY-MM-DD') as "dueOn", a.language, a.currency,
  a.total_open as "totalOpen", a.invoices, a.credits, a.charges, a.reason, a.attempts, a.delivery,
  a.sent_at as "sentAt"`;
