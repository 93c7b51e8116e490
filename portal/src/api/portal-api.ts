/** What core's portal routes answer (core/src/portal/portal-views.ts), as far as the widget reads it. */
export interface PortalInvoice {
  id: string;
  number: string;
  documentType: 'invoice' | 'credit_note';
  issueDate: string;
  dueDate: string;
  amount: number;
  openAmount: number;
  currency: string;
  status: string;
  daysOverdue: number;
  /** Whose invoice it is: only in a session for a debtor group. */
  debtor?: { id: string; number: string; name: string };
  /** What of the debtor's own doing holds it out of reminders today (absent from older cores). */
  pausedBy?: { kind: 'dispute' | 'promise' | 'plan'; until: string | null }[];
}

export type AgeingBucket = 'notDue' | 'days1to30' | 'days31to60' | 'days61to90' | 'days90plus';
export const AGEING_BUCKETS: AgeingBucket[] = [
  'notDue',
  'days1to30',
  'days31to60',
  'days61to90',
  'days90plus',
];

export interface PortalTotals {
  currency: string;
  open: number;
  overdue: number;
  ageing: Record<AgeingBucket, number>;
}

export interface PortalInvoices {
  data: PortalInvoice[];
  totals: PortalTotals[];
  today: string;
}

export interface PortalMe {
  debtor: {
    id: string;
    number: string;
    name: string;
    email: string | null;
    phone: string | null;
    language: string | null;
    preferredChannel: string | null;
  };
  creditor: { name: string; currency: string };
  session: { expiresAt: string };
  /** What the tenant's plugins add: the widget shows those buttons only when true. */
  features: { payLinks: boolean; invoiceCopies: boolean };
}

export type Frequency = 'monthly' | 'weekly' | 'biweekly';

export interface PlanOptions {
  maxInstalments: number;
  minInstalment: number;
  currency: string;
  frequencies: Frequency[];
}

export interface PortalPlan {
  id: string;
  invoiceIds: string[];
  currency: string;
  total: number;
  instalments: { dueOn: string; amount: number }[];
  status: string;
}

/** A request that became a task on the collector's action list. */
export interface PortalRequest {
  taskId: string;
}

export const CHANNELS = ['email', 'letter', 'sms', 'whatsapp'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface ContactChange {
  email?: string;
  phone?: string;
  language?: string;
  preferredChannel?: string;
}

export interface PortalPayLink {
  url: string;
  expiresAt: string;
  amount: { amount: number; currency: string };
  invoiceIds: string[];
}

export interface DisputeType {
  code: string;
  name: string;
}

export interface PortalDispute {
  id: string;
  invoiceIds: string[];
  type: string;
  status: string;
  dueOn: string;
}

export interface PortalPromise {
  id: string;
  invoiceIds: string[];
  amount: number;
  currency: string;
  promisedOn: string;
}

/** Core answered 401: the session ended (expired or revoked); the host page must mint a new one. */
export class SessionExpired extends Error {
  override name = 'SessionExpired';
}

/**
 * Any other refusal, with core's message (a 4xx names what is wrong), the input field at fault when
 * core names one (`field`, on a 400) and its `details` (a plan's broken `rule`, on a 422).
 */
export class PortalApiError extends Error {
  override name = 'PortalApiError';
  constructor(
    readonly status: number,
    message: string,
    readonly field = '',
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export type PortalApi = ReturnType<typeof portalApi>;

/** The calls the widget makes, each carrying the session's token to core at `base`. */
export function portalApi(base: string, session: string) {
  async function send(method: 'GET' | 'POST', path: string, body?: object): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${session}` };
    if (body) {
      headers['content-type'] = 'application/json';
      // A write retried after a lost answer is done once (core keeps the key's first answer).
      // randomUUID exists in secure contexts only (https, localhost).
      if (typeof globalThis.crypto?.randomUUID === 'function')
        headers['idempotency-key'] = crypto.randomUUID();
    }
    const response = await fetch(new URL(path, base), {
      method,
      headers,
      ...(body && { body: JSON.stringify(body) }),
    });
    if (response.status === 401) throw new SessionExpired();
    if (!response.ok) {
      const answer = await response.json().catch(() => ({}));
      throw new PortalApiError(
        response.status,
        answer.message ?? response.statusText,
        answer.field,
        answer.details,
      );
    }
    return response;
  }

  async function call<T>(method: 'GET' | 'POST', path: string, body?: object): Promise<T> {
    return (await (await send(method, path, body)).json()) as T;
  }

  return {
    me: () => call<PortalMe>('GET', '/api/v1/portal/me'),
    invoices: (status: 'open' | 'paid') =>
      call<PortalInvoices>('GET', `/api/v1/portal/invoices?status=${status}`),
    disputeTypes: (language: string) =>
      call<{ data: DisputeType[] }>('GET', `/api/v1/portal/dispute-types?language=${language}`),
    openDispute: (dispute: { invoiceIds: string[]; type: string; description: string }) =>
      call<PortalDispute>('POST', '/api/v1/portal/disputes', dispute),
    makePromise: (promise: { invoiceIds: string[]; promisedOn: string }) =>
      call<PortalPromise>('POST', '/api/v1/portal/promises', promise),
    planOptions: () => call<PlanOptions>('GET', '/api/v1/portal/plan-options'),
    requestPlan: (plan: {
      invoiceIds: string[];
      instalments: number;
      frequency: Frequency;
      firstDueOn: string;
    }) => call<PortalPlan>('POST', '/api/v1/portal/payment-plans', plan),
    setPoNumber: (invoiceId: string, poNumber: string) =>
      call<PortalRequest>('POST', `/api/v1/portal/invoices/${encodeURIComponent(invoiceId)}/po-number`, {
        poNumber,
      }),
    changeContact: (change: ContactChange) => call<PortalRequest>('POST', '/api/v1/portal/contact', change),
    askQuestion: (question: { message: string; invoiceIds?: string[] }) =>
      call<PortalRequest>('POST', '/api/v1/portal/questions', question),
    createPayLink: (link: { invoiceIds?: string[]; redirectUrl?: string }) =>
      call<PortalPayLink>('POST', '/api/v1/portal/pay-links', link),
    /** The invoice's PDF, as a Blob for an object URL (the host page's CSP needs nothing more). */
    invoiceCopy: async (invoiceId: string) =>
      (await send('GET', `/api/v1/portal/invoices/${encodeURIComponent(invoiceId)}/copy`)).blob(),
  };
}
