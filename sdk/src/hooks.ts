import type { Money } from './money.ts';
import type {
  DebtorRecord,
  DisputeRecord,
  DunningActionRecord,
  InvoiceRecord,
  PaymentPlanRecord,
  PaymentRecord,
  PromiseRecord,
} from './records.ts';
import { SCOPE_NAMES, type Scope } from './scopes.ts';

/** The channel a reminder goes out on. */
export type ReminderChannel = 'email' | 'letter' | 'sms' | 'whatsapp';

export interface ReminderComposeInput {
  reminderId: string;
  debtor: DebtorRecord;
  invoices: InvoiceRecord[];
  /** Sum of the open amounts of `invoices`. */
  totalOpen: Money;
  channel: ReminderChannel;
  language: string;
  /** Name of the dunning step that sends this reminder. */
  step: string;
}

/** What a filter may add to a reminder; the reminder template decides where it appears. */
export interface ReminderComposeResult {
  links?: { label: string; url: string }[];
  attachments?: { filename: string; contentType: 'application/pdf'; base64: string }[];
  /** Extra text lines, plain text, in the reminder's language. */
  lines?: string[];
}

export interface InvoiceCopyInput {
  invoice: InvoiceRecord;
}

/** The PDF of the invoice, or `null` when this plugin has none and the next one should try. */
export type InvoiceCopyResult = { contentType: 'application/pdf'; base64: string } | null;

/** Delivered at least once: `eventId` stays the same on every delivery, so use it as idempotency key. */
export interface EventEnvelope {
  /** `${eventId}:${installationId}`: the same on every redelivery; use it to make handling idempotent. */
  idempotencyKey: string;
  eventId: string;
  /** The hook name, e.g. `payment.received`. */
  name: string;
  /** ISO 8601 instant the change committed in. */
  occurredAt: string;
}

export interface InvoiceCreatedEvent extends EventEnvelope {
  invoice: InvoiceRecord;
}
export interface InvoiceOverdueEvent extends EventEnvelope {
  invoice: InvoiceRecord;
  daysOverdue: number;
}
export interface PaymentReceivedEvent extends EventEnvelope {
  payment: PaymentRecord;
}
/** A payment reversed (by a person, or by the bank returning it): `payment.allocations` is empty now. */
export interface PaymentReversedEvent extends EventEnvelope {
  payment: PaymentRecord;
  reason: string;
  /** What it had settled of the invoices, taken back: those invoices are open again by these amounts. */
  previousAllocations: { invoiceId: string; amount: Money }[];
}
/** A payment's allocations replaced: `payment.allocations` are the new ones. */
export interface PaymentReallocatedEvent extends EventEnvelope {
  payment: PaymentRecord;
  reason: string | null;
  previousAllocations: { invoiceId: string; amount: Money }[];
}
export interface DisputeOpenedEvent extends EventEnvelope {
  dispute: DisputeRecord;
}
export interface DebtorCreatedEvent extends EventEnvelope {
  debtor: DebtorRecord;
}
/** A debtor's open amount went above its credit limit: sent once per crossing, not on every change. */
export interface DebtorCreditLimitExceededEvent extends EventEnvelope {
  debtor: DebtorRecord;
  /** The limit of the debtor's latest bureau assessment. */
  limit: Money;
  /** Open invoices less open credit notes in the limit's currency. */
  open: Money;
  /** `open / limit × 100`, one decimal; null for a limit of 0. */
  usePercent: number | null;
}
export interface DisputeResolvedEvent extends EventEnvelope {
  dispute: DisputeRecord;
  resolution: 'credit_note' | 'rejected' | 'settled';
}
export interface DunningActionCreatedEvent extends EventEnvelope {
  action: DunningActionRecord;
}
export interface DunningMessageSentEvent extends EventEnvelope {
  action: DunningActionRecord;
  channel: ReminderChannel;
  /** The provider's or the mail server's message id, when it gave one. */
  messageId: string | null;
}
export interface PromiseEvent extends EventEnvelope {
  promise: PromiseRecord;
}
export interface PaymentPlanEvent extends EventEnvelope {
  plan: PaymentPlanRecord;
}

/** Every hook point, by name: its kind, what the handler receives and what it returns. */
export interface HookMap {
  'reminder.compose': { kind: 'filter'; payload: ReminderComposeInput; result: ReminderComposeResult };
  'invoice.copy': { kind: 'filter'; payload: InvoiceCopyInput; result: InvoiceCopyResult };
  'invoice.created': { kind: 'event'; payload: InvoiceCreatedEvent; result: undefined };
  'invoice.overdue': { kind: 'event'; payload: InvoiceOverdueEvent; result: undefined };
  'payment.received': { kind: 'event'; payload: PaymentReceivedEvent; result: undefined };
  'payment.reversed': { kind: 'event'; payload: PaymentReversedEvent; result: undefined };
  'payment.reallocated': { kind: 'event'; payload: PaymentReallocatedEvent; result: undefined };
  'dispute.opened': { kind: 'event'; payload: DisputeOpenedEvent; result: undefined };
  'debtor.created': { kind: 'event'; payload: DebtorCreatedEvent; result: undefined };
  'debtor.credit_limit_exceeded': {
    kind: 'event';
    payload: DebtorCreditLimitExceededEvent;
    result: undefined;
  };
  'dispute.resolved': { kind: 'event'; payload: DisputeResolvedEvent; result: undefined };
  'dunning.action.created': { kind: 'event'; payload: DunningActionCreatedEvent; result: undefined };
  'dunning.message.sent': { kind: 'event'; payload: DunningMessageSentEvent; result: undefined };
  'promise.made': { kind: 'event'; payload: PromiseEvent; result: undefined };
  'promise.kept': { kind: 'event'; payload: PromiseEvent; result: undefined };
  'promise.broken': { kind: 'event'; payload: PromiseEvent; result: undefined };
  'plan.created': { kind: 'event'; payload: PaymentPlanEvent; result: undefined };
  'plan.completed': { kind: 'event'; payload: PaymentPlanEvent; result: undefined };
  'plan.defaulted': { kind: 'event'; payload: PaymentPlanEvent; result: undefined };
}

export type HookName = keyof HookMap;
export type HookKind = 'filter' | 'event';
export type FilterHookName = { [N in HookName]: HookMap[N]['kind'] extends 'filter' ? N : never }[HookName];
export type EventHookName = Exclude<HookName, FilterHookName>;
export type HookPayload<N extends HookName> = HookMap[N]['payload'];
export type HookResult<N extends HookName> = HookMap[N]['result'];

export interface HookDescription<N extends HookName = HookName> {
  name: N;
  kind: HookMap[N]['kind'];
  /** What the payload shows the plugin: a manifest declaring the hook must ask for these scopes. */
  scopes: readonly Scope[];
  receives: string;
  returns: string;
}

/**
 * The hook catalogue as data: what the manifest validator accepts and what the docs list.
 * Filters run inside the operation under a deadline; events run after commit, at least once.
 */
export const HOOKS: { readonly [N in HookName]: HookDescription<N> } = {
  'reminder.compose': {
    name: 'reminder.compose',
    kind: 'filter',
    scopes: ['debtors:read', 'invoices:read'],
    receives: 'the reminder being composed: debtor, invoices, total open, channel, language, step',
    returns: 'links, PDF attachments and text lines to add (a pay link, an invoice copy)',
  },
  'invoice.copy': {
    name: 'invoice.copy',
    kind: 'filter',
    scopes: ['invoices:read'],
    receives: 'the invoice whose copy a debtor or collector asks for',
    returns: 'the PDF as base64, or null to let the next plugin try',
  },
  'invoice.created': {
    name: 'invoice.created',
    kind: 'event',
    scopes: ['invoices:read'],
    receives: 'the new invoice',
    returns: 'nothing',
  },
  'invoice.overdue': {
    name: 'invoice.overdue',
    kind: 'event',
    scopes: ['invoices:read'],
    receives: 'the invoice that passed its due date and the days overdue',
    returns: 'nothing',
  },
  'payment.received': {
    name: 'payment.received',
    kind: 'event',
    scopes: ['payments:read'],
    receives: 'the payment and its allocations to invoices',
    returns: 'nothing',
  },
  'payment.reversed': {
    name: 'payment.reversed',
    kind: 'event',
    scopes: ['payments:read'],
    receives: 'a reversed payment, why, and the allocations taken back (its invoices reopen)',
    returns: 'nothing',
  },
  'payment.reallocated': {
    name: 'payment.reallocated',
    kind: 'event',
    scopes: ['payments:read'],
    receives: 'a payment whose allocations were replaced, with the previous ones',
    returns: 'nothing',
  },
  'dispute.opened': {
    name: 'dispute.opened',
    kind: 'event',
    scopes: ['disputes:read'],
    receives: 'the dispute and the invoices it holds out of dunning',
    returns: 'nothing',
  },
  'debtor.created': {
    name: 'debtor.created',
    kind: 'event',
    scopes: ['debtors:read'],
    receives: 'the new debtor',
    returns: 'nothing',
  },
  'debtor.credit_limit_exceeded': {
    name: 'debtor.credit_limit_exceeded',
    kind: 'event',
    scopes: ['debtors:read'],
    receives:
      'a debtor whose open amount went above its credit limit, with the limit, the open amount and the use in percent; once per crossing',
    returns: 'nothing',
  },
  'dispute.resolved': {
    name: 'dispute.resolved',
    kind: 'event',
    scopes: ['disputes:read'],
    receives: 'the dispute and how it was resolved (credit note, rejected, settled)',
    returns: 'nothing',
  },
  'dunning.action.created': {
    name: 'dunning.action.created',
    kind: 'event',
    scopes: ['dunning:read'],
    receives: 'a dunning action a run decided: step, strategy version, the invoices and amount it covers',
    returns: 'nothing',
  },
  'dunning.message.sent': {
    name: 'dunning.message.sent',
    kind: 'event',
    scopes: ['dunning:read'],
    receives: 'a reminder that went out (e-mail, letter, SMS, WhatsApp) and its message id',
    returns: 'nothing',
  },
  'promise.made': {
    name: 'promise.made',
    kind: 'event',
    scopes: ['dunning:read'],
    receives: 'a promise to pay: amount, date, the invoices it covers',
    returns: 'nothing',
  },
  'promise.kept': {
    name: 'promise.kept',
    kind: 'event',
    scopes: ['dunning:read'],
    receives: 'a promise paid in full by its date (plus grace)',
    returns: 'nothing',
  },
  'promise.broken': {
    name: 'promise.broken',
    kind: 'event',
    scopes: ['dunning:read'],
    receives: 'a promise not paid by its date plus grace: dunning resumes',
    returns: 'nothing',
  },
  'plan.created': {
    name: 'plan.created',
    kind: 'event',
    scopes: ['dunning:read'],
    receives: 'a payment plan and its instalment schedule',
    returns: 'nothing',
  },
  'plan.completed': {
    name: 'plan.completed',
    kind: 'event',
    scopes: ['dunning:read'],
    receives: 'a payment plan whose instalments were all paid',
    returns: 'nothing',
  },
  'plan.defaulted': {
    name: 'plan.defaulted',
    kind: 'event',
    scopes: ['dunning:read'],
    receives: 'a payment plan with a missed instalment: dunning resumes',
    returns: 'nothing',
  },
};

export const HOOK_NAMES = Object.keys(HOOKS) as HookName[];

/** The scopes a manifest must ask for to declare these hooks, each once, in catalogue order. */
export function hookScopes(names: readonly string[]): Scope[] {
  const wanted = new Set(names.filter(isHookName).flatMap((name) => HOOKS[name].scopes));
  return SCOPE_NAMES.filter((scope) => wanted.has(scope));
}

export function isHookName(value: string): value is HookName {
  return Object.hasOwn(HOOKS, value);
}
