import type { Request } from '@hapi/hapi';
import type { EntityManager } from '@mikro-orm/postgresql';
import { debtorGroupMembers, type GroupMember, readDebtor } from '../debtors/index.ts';
import { principal } from '../http/request-context.ts';
import { getInvoice, type InvoiceRow } from '../invoices/index.ts';
import { invalid, notFound } from '../shared/errors.ts';
import { portalDebtorId } from './portal-request-context.ts';

/** Whether the request's session reaches its debtor's whole group rather than the debtor alone. */
export function isGroupSession(request: Request): boolean {
  portalDebtorId(request);
  return principal(request).portal?.scope === 'group';
}

/**
 * The debtors the session reaches, its own first: the debtor alone, or its group as it is now (read
 * at each request, so a child moved out of the group after the session was minted is out of reach).
 */
export async function portalReach(em: EntityManager, request: Request): Promise<GroupMember[]> {
  const debtorId = portalDebtorId(request);
  if (isGroupSession(request)) return debtorGroupMembers(em, debtorId);
  const { id, number, name } = await readDebtor(em, debtorId);
  return [{ id, number, name }];
}

/** One invoice the session reaches; any other answers `invoice_not_found`, as if it did not exist. */
export async function reachableInvoice(
  em: EntityManager,
  request: Request,
  invoiceId: string,
): Promise<InvoiceRow> {
  const invoice = await getInvoice(em, invoiceId);
  const reach = await portalReach(em, request);
  if (!reach.some((debtor) => debtor.id === invoice.debtorId)) throw notFound('Invoice', invoiceId);
  return invoice;
}

/**
 * Whom a debtor's write acts for, so that it lands on that debtor's timeline and tasks: the session's
 * debtor, unless a group session names invoices, then their own debtor. The invoices of one write
 * must be of one debtor (a dispute, a promise, a plan belongs to one); others are refused naming
 * `field`. A plain session's invoices are checked by the service the route calls, as before.
 */
export async function portalWriteDebtor(
  em: EntityManager,
  request: Request,
  invoiceIds: readonly string[] | undefined,
  field = 'invoiceIds',
): Promise<string> {
  const own = portalDebtorId(request);
  if (!isGroupSession(request) || !invoiceIds?.length) return own;
  const reach = new Set((await portalReach(em, request)).map((debtor) => debtor.id));
  const owners = new Set<string>();
  for (const id of invoiceIds) {
    const invoice = await getInvoice(em, id).catch(unlessNotFound);
    if (!invoice || !reach.has(invoice.debtorId)) throw invalid(field, `${id} is not one of your invoices`);
    owners.add(invoice.debtorId);
  }
  if (owners.size > 1)
    throw invalid(
      field,
      'these invoices belong to several debtors of your group: choose one debtor’s at a time',
    );
  return [...owners][0] as string;
}

/** A missing invoice reads as none; anything else (the database failing) still fails the request. */
function unlessNotFound(error: unknown): null {
  if ((error as { code?: string }).code === 'invoice_not_found') return null;
  throw error;
}
