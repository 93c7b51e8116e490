import { createHash } from 'node:crypto';
import type { Request } from '@hapi/hapi';
import type { EntityManager } from '@mikro-orm/postgresql';
import Joi from 'joi';
import { DomainError } from '../shared/errors.ts';
import { principal } from './request-context.ts';

export const idempotencyHeaders = Joi.object({
  'idempotency-key': Joi.string()
    .min(1)
    .max(255)
    .pattern(/^[\x21-\x7e]+$/)
    .description('Makes the create safe to retry: the same key returns the first response.'),
}).unknown(true);

export interface StoredResponse {
  statusCode: number;
  body: unknown;
}

/**
 * Runs a create at most once per Idempotency-Key. The key row is inserted first in the create's own
 * transaction, so a concurrent retry waits on it and then finds the stored response; a retry with a
 * different request under the same key is refused.
 */
export async function idempotent(
  em: EntityManager,
  request: Request,
  create: (em: EntityManager) => Promise<StoredResponse>,
): Promise<StoredResponse> {
  const key = request.headers['idempotency-key'];
  if (!key) return em.transactional((tx) => create(tx as EntityManager));
  const tenantId = principal(request).tenantId;
  const hash = createHash('sha256')
    .update(`${request.method} ${request.path}\n${JSON.stringify(request.payload ?? null)}`)
    .digest('hex');

  return em.transactional(async (tx) => {
    const claimed = await tx.execute(
      `insert into idempotency_key (tenant_id, key, request_hash, status_code, body)
       values (?, ?, ?, 0, 'null') on conflict do nothing returning key`,
      [tenantId, key, hash],
    );
    if (claimed.length === 0) {
      const [stored] = await tx.execute<{ request_hash: string; status_code: number; body: unknown }[]>(
        'select request_hash, status_code, body from idempotency_key where tenant_id = ? and key = ?',
        [tenantId, key],
      );
      if (!stored || stored.request_hash !== hash) {
        throw new DomainError(
          'idempotency_key_reused',
          422,
          'Idempotency-Key was already used for a different request',
        );
      }
      return { statusCode: stored.status_code, body: stored.body };
    }
    const response = await create(tx as EntityManager);
    await tx.execute('update idempotency_key set status_code = ?, body = ? where tenant_id = ? and key = ?', [
      response.statusCode,
      JSON.stringify(response.body),
      tenantId,
      key,
    ]);
    return response;
  });
}
