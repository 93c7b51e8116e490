import type { PluginContext } from './context.ts';
import type { Money } from './money.ts';
import type { DebtorRecord, InvoiceRecord } from './records.ts';
import type { Result } from './result.ts';

type Awaitable<T> = T | Promise<T>;
/** One capability operation: core calls it with validated input; the plugin answers with a Result. */
export type CapabilityMethod<I, O> = (input: I, ctx: PluginContext) => Awaitable<Result<O>>;

/** An inbound call to a webhook the manifest declares, served at `/api/v1/plugins/{installationId}/webhooks/{name}`. */
export interface WebhookRequest {
  /** The webhook's `name` from the manifest. */
  name: string;
  method: string;
  headers: Record<string, string>;
  query: Record<string, string>;
  /** The raw body, so the handler can verify a signature over it. */
  body: string;
}

/** What the provider gets back. */
export interface WebhookResponse {
  status: number;
  /** Only `content-type`, `retry-after` and `cache-control` are passed on. */
  headers?: Record<string, string>;
  body?: string;
}

/**
 * What a webhook handler answers: the response for the provider and, when the capability allows it,
 * what core should record. Core writes only these (a payment needs `payments:write`), never more.
 */
export interface WebhookOutcome {
  response: WebhookResponse;
  /** A pay-link plugin's completed payment. */
  payment?: PaymentRegistration;
  /** A collection plugin's case status. */
  update?: CollectionStatusUpdate;
}

// Credit bureau

export interface CompanySearchInput {
  name?: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  registrationNumber?: string;
  vatNumber?: string;
}
export interface CompanyCandidate {
  /** The bureau's own id for the company, passed back to `getReport`. */
  bureauId: string;
  name: string;
  registrationNumber?: string;
  address?: string;
}
export interface CreditReportInput {
  bureauId: string;
  country: string;
}
export interface CreditReport {
  /** 0 (worst) to 100 (best), normalised from the bureau's own scale. */
  score: number;
  /** The bureau's own rating as it prints it: `A`, `B2`, `D`. */
  rating: string;
  suggestedLimit: Money;
  reportDocument?: { contentType: 'application/pdf'; base64: string };
}
export interface CreditBureauCapability {
  searchCompany: CapabilityMethod<CompanySearchInput, CompanyCandidate[]>;
  getReport: CapabilityMethod<CreditReportInput, CreditReport>;
}

// Pay link

export interface PayLinkInput {
  amount: Money['amount'];
  currency: Money['currency'];
  invoiceIds: string[];
  description: string;
  /** Where the debtor lands after paying. */
  redirectUrl?: string;
  /**
   * Stable across core's retries of one request: pass it to the provider (Mollie's `Idempotency-Key`
   * header, say) so a retried request never creates a second payment.
   */
  idempotencyKey: string;
  /**
   * Where the provider should post status changes: the installation's first declared webhook
   * (`/api/v1/plugins/{installationId}/webhooks/{name}`). Absent when the manifest declares none.
   */
  webhookUrl?: string;
}
export interface PayLink {
  url: string;
  /** ISO 8601 instant. */
  expiresAt: string;
  providerReference: string;
}
/** A payment core registers against the invoices; `providerReference` makes registering idempotent. */
export interface PaymentRegistration {
  providerReference: string;
  amount: Money;
  paidAt: string;
  invoiceIds: string[];
}
export interface PayLinkWebhookOutcome {
  response: WebhookResponse;
  /** Present when the provider reports a completed payment. */
  payment?: PaymentRegistration;
}
export interface PayLinkCapability {
  createLink: CapabilityMethod<PayLinkInput, PayLink>;
  handleWebhook: CapabilityMethod<WebhookRequest, PayLinkWebhookOutcome>;
}

// Invoice copy

export interface InvoiceCopyRequest {
  invoiceNumber: string;
}
export interface InvoiceCopy {
  contentType: 'application/pdf';
  base64: string;
}
export interface InvoiceCopyCapability {
  fetchCopy: CapabilityMethod<InvoiceCopyRequest, InvoiceCopy>;
}

// Collection

export interface CollectionHandOffInput {
  debtor: DebtorRecord;
  invoices: InvoiceRecord[];
  totalOpen: Money;
  /** Stable per hand-off: the agency must not open a second case when core retries. */
  idempotencyKey: string;
}
export interface CollectionCase {
  caseReference: string;
}
export type CollectionStatus = 'accepted' | 'in_progress' | 'paid' | 'partially_paid' | 'closed' | 'rejected';
export interface CollectionStatusUpdate {
  caseReference: string;
  status: CollectionStatus;
  /** What the agency collected so far. */
  collected?: Money;
  note?: string;
}
export interface CollectionWebhookOutcome {
  response: WebhookResponse;
  update?: CollectionStatusUpdate;
}
export interface CollectionCapability {
  handOff: CapabilityMethod<CollectionHandOffInput, CollectionCase>;
  /** Polled by core for agencies that do not call back. */
  readStatus: CapabilityMethod<CollectionCase, CollectionStatusUpdate>;
  /** For agencies that do call back. */
  handleWebhook?: CapabilityMethod<WebhookRequest, CollectionWebhookOutcome>;
}

// Credit insurance

export interface CoverRequest {
  debtor: DebtorRecord;
  amount: Money;
  /** Stable across core's retries of one request: a retry must not open a second cover request. */
  idempotencyKey: string;
}
export interface Cover {
  coverReference: string;
  status: 'granted' | 'partial' | 'refused' | 'pending';
  coveredAmount: Money;
  /** `YYYY-MM-DD`, when the insurer limits the cover in time. */
  validUntil?: string;
}
export interface OverdueNotice {
  coverReference: string;
  debtor: DebtorRecord;
  invoices: InvoiceRecord[];
  overdueAmount: Money;
  /** Stable per notice: a retried notification must not reach the insurer twice. */
  idempotencyKey?: string;
}
export interface CreditInsuranceCapability {
  requestCover: CapabilityMethod<CoverRequest, Cover>;
  readCover: CapabilityMethod<{ coverReference: string }, Cover>;
  notifyOverdue: CapabilityMethod<OverdueNotice, { notificationReference: string }>;
}

// Message channel

export interface MessageInput {
  /** E.164 phone number: `+31612345678`. */
  to: string;
  channel: 'sms' | 'whatsapp';
  text: string;
  /** Stable per message: a retried send must not reach the debtor twice. */
  idempotencyKey: string;
}
export interface MessageReceipt {
  status: 'queued' | 'sent' | 'delivered' | 'failed';
  providerMessageId: string;
}
export interface MessageChannelCapability {
  send: CapabilityMethod<MessageInput, MessageReceipt>;
}

/** The contract of each capability, by the name the manifest's `capabilities` lists. */
export interface CapabilityMap {
  creditBureau: CreditBureauCapability;
  payLink: PayLinkCapability;
  invoiceCopy: InvoiceCopyCapability;
  collection: CollectionCapability;
  creditInsurance: CreditInsuranceCapability;
  messageChannel: MessageChannelCapability;
}
export type CapabilityName = keyof CapabilityMap;

/** The capability catalogue as data: what the manifest validator accepts and what the docs list. */
export const CAPABILITIES: {
  readonly [C in CapabilityName]: { operations: readonly (keyof CapabilityMap[C])[] };
} = {
  creditBureau: { operations: ['searchCompany', 'getReport'] },
  payLink: { operations: ['createLink', 'handleWebhook'] },
  invoiceCopy: { operations: ['fetchCopy'] },
  collection: { operations: ['handOff', 'readStatus', 'handleWebhook'] },
  creditInsurance: { operations: ['requestCover', 'readCover', 'notifyOverdue'] },
  messageChannel: { operations: ['send'] },
};

export const CAPABILITY_NAMES = Object.keys(CAPABILITIES) as CapabilityName[];

export function isCapabilityName(value: string): value is CapabilityName {
  return Object.hasOwn(CAPABILITIES, value);
}
