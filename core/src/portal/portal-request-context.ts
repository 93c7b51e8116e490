import type { Request, ResponseToolkit } from '@hapi/hapi';
import type { EntityManager } from '@mikro-orm/postgresql';
import { idempotent } from '../http/idempotency.ts';
import { principal, requestEm } from '../http/request-context.ts';
import { DomainError } from '../shared/errors.ts';

/** The session's debtor: portal routes act for this one debtor only. */
export function portalDebtorId(request: Request): string {
  const session = principal(request).portal;
  if (!session) throw new DomainError('portal_session_required', 403, 'Only a portal session may call this');
  return session.debtorId;
}

/** The session's id, for what the debtor's requests are traced to. */
export function portalSessionId(request: Request): string {
  portalDebtorId(request);
  return (principal(request).portal as { sessionId: string }).sessionId;
}

/** A debtor's write, once per Idempotency-Key, answered 201 with what `write` returns. */
export async function created(
  request: Request,
  h: ResponseToolkit,
  write: (em: EntityManager) => Promise<object>,
) {
  const response = await idempotent(requestEm(request), request, async (em) => ({
    statusCode: 201,
    body: await write(em),
  }));
  return h.response(response.body as object).code(response.statusCode);
}
