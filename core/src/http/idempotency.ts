import { createHash } from 'node:crypto';
import type { Request } from '@hapi/hapi';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '../shared/errors.ts';
import { Joi } from '../shared/joi.ts';
import type { Failures } from './answer-schemas.ts';
import { input, principal } from './request-context.ts';

export const idempotencyHeaders = Joi.object({
  'idempotency-key': Joi.string()
    .min(1)
    .max(255)
    .pattern(/^[\x21-\x7e]+$/)
    .description('Makes the create safe to retry: the same key returns the first response.'),
}).unknown(true);

/** What an Idempotency-Key adds to a create's answers (`failures(…)` in its `response.status`). */
export const idempotencyFailures: Failures = {
  422: 'The Idempotency-Key was used for another request (`idempotency_key_reused`)',
};

/** What an Idempotency-Key adds to the answers of a create that calls a plugin (`idempotentCall`). */
export const idempotentCallFailures: Failures = {
  ...idempotencyFailures,
  409: 'A request with this Idempotency-Key is still running: retry after `Retry-After` seconds (`request_in_progress`)',
};

export interface StoredResponse {
  statusCode: number;
  body: unknown;
  /**
   * What a retry with the same key is answered instead of `body`, when the first answer holds
   * something shown once and never stored (a new API client's secret).
   */
  replayBody?: unknown;
}

/** A create with a side effect outside the database: the call, then what is stored of its result. */
export interface CallThenStore<T> {
  /** The outside side effect (a plugin call): runs with no transaction open and no connection held. */
  call: () => Promise<T>;
  /** Writes the rows for `result` and returns the response, in one short transaction. */
  store: (tx: EntityManager, result: T) => Promise<StoredResponse>;
}

/** Seconds a client is told to wait before retrying a key whose first request is still running. */
const RETRY_AFTER_SECONDS = 2;
/** A claim still unfinished this long was left by a process that died mid-call: it may be taken over. */
const ABANDONED_AFTER = '15 minutes';

interface KeyScope {
  tenantId: string;
  key: string;
  hash: string;
}

/**
 * Runs a create at most once per Idempotency-Key. The key row is inserted first in the create's own
 * transaction, so a concurrent retry waits on it and then finds the stored response; a retry with a
 * different request under the same key is refused. For creates that call a plugin, see `idempotentCall`.
 */
export async function idempotent(
  em: EntityManager,
  request: Request,
  create: (em: EntityManager) => Promise<StoredResponse>,
): Promise<StoredResponse> {
  const scope = keyScope(request);
  if (!scope) return em.transactional((tx) => create(tx as EntityManager));
  return em.transactional(async (tx) => {
    const stored = await claim(tx as EntityManager, scope);
    if (stored) return stored;
    const response = await create(tx as EntityManager);
    await record(tx as EntityManager, scope, response);
    return response;
  });
}

/**
 * Runs a create whose side effect is outside the database (a plugin call, which may take seconds) at
 * most once per Idempotency-Key, without holding a transaction, and so a pooled connection, during it:
 * 1. the key claimed in a short committed transaction: a stored response to the same request is the
 *    answer; the key used for another request is 422; a claim still running is 409
 *    `request_in_progress` with Retry-After;
 * 2. `call`, with no transaction open;
 * 3. `store` and the response kept with the key, in one short transaction;
 * 4. when 2 or 3 throws, the claim released, so the client can retry with the same key.
 * Without a key, 2 then 3. The plugin call must carry its own idempotency key where the provider
 * takes one: a process that dies between 2 and 3 leaves a claim that is taken over after a while.
 */
export async function idempotentCall<T>(
  em: EntityManager,
  request: Request,
  steps: CallThenStore<T>,
): Promise<StoredResponse> {
  const scope = keyScope(request);
  if (!scope) {
    const result = await steps.call();
    return em.transactional((tx) => steps.store(tx as EntityManager, result));
  }
  const stored = await em.transactional((tx) => claim(tx as EntityManager, scope));
  if (stored) return stored;
  try {
    const result = await steps.call();
    return await em.transactional(async (tx) => {
      const response = await steps.store(tx as EntityManager, result);
      await record(tx as EntityManager, scope, response);
      return response;
    });
  } catch (error) {
    // The request's own error is what the client needs; a claim that cannot be released now is
    // taken over after ABANDONED_AFTER.
    await em
      .transactional((tx) =>
        tx.execute('delete from idempotency_key where tenant_id = ? and key = ? and status_code = 0', [
          scope.tenantId,
          scope.key,
        ]),
      )
      .catch(() => {});
    throw error;
  }
}

function keyScope(request: Request): KeyScope | undefined {
  const key = input<string | undefined>(request.headers['idempotency-key']);
  if (!key) return undefined;
  const hash = createHash('sha256')
    .update(`${request.method} ${request.path}\n${JSON.stringify(request.payload ?? null)}`)
    .digest('hex');
  return { tenantId: principal(request).tenantId, key, hash };
}

/**
 * Inserts the key with status 0 (running). Answers the stored response when the key was already used
 * for the same request; undefined when this request now holds the key. Inside `idempotent` a
 * concurrent first request is waited for by the insert itself, as its claim is not committed yet.
 */
async function claim(tx: EntityManager, scope: KeyScope): Promise<StoredResponse | undefined> {
  const claimed = await tx.execute(
    `insert into idempotency_key (tenant_id, key, request_hash, status_code, body)
     values (?, ?, ?, 0, 'null') on conflict do nothing returning key`,
    [scope.tenantId, scope.key, scope.hash],
  );
  if (claimed.length > 0) return undefined;
  const [stored] = await tx.execute<{ request_hash: string; status_code: number; body: unknown }[]>(
    'select request_hash, status_code, body from idempotency_key where tenant_id = ? and key = ?',
    [scope.tenantId, scope.key],
  );
  if (!stored || stored.request_hash !== scope.hash) {
    throw new DomainError(
      'idempotency_key_reused',
      422,
      'Idempotency-Key was already used for a different request',
    );
  }
  if (stored.status_code !== 0) return { statusCode: stored.status_code, body: stored.body };
  // Status 0 after the insert: an `idempotentCall` claim, committed before its plugin call.
  const takenOver = await tx.execute(
    `update idempotency_key set created_at = now()
     where tenant_id = ? and key = ? and status_code = 0 and created_at < now() - interval '${ABANDONED_AFTER}'
     returning key`,
    [scope.tenantId, scope.key],
  );
  if (takenOver.length > 0) return undefined;
  throw new DomainError(
    'request_in_progress',
    409,
    'A request with this Idempotency-Key is still running; retry after it finishes',
    { retryAfter: RETRY_AFTER_SECONDS },
  );
}

async function record(tx: EntityManager, scope: KeyScope, response: StoredResponse): Promise<void> {
  await tx.execute('update idempotency_key set status_code = ?, body = ? where tenant_id = ? and key = ?', [
    response.statusCode,
    JSON.stringify(response.replayBody ?? response.body),
    scope.tenantId,
    scope.key,
  ]);
}
