import type { ServerRoute } from '@hapi/hapi';
import { SCOPES } from '../auth/principal.ts';
import { failures } from '../http/answer-schemas.ts';
import { decodeCursor, pageOf, pageQuery, toPage } from '../http/pagination.ts';
import { input, readForRequest } from '../http/request-context.ts';
import { Joi, type Schema } from '../shared/joi.ts';
import { prefixedId } from '../shared/schemas.ts';
import { assertDebtorExists } from './debtor-service.ts';

/**
 * `GET /api/v1/debtors/{debtorId}/<things>`: the rows of one table a capability left on a debtor
 * (credit reports, pay links, collection cases), newest first, a page at a time, under the tenant's
 * row-level security. An unknown debtor (or another tenant's) is a 404, as for GET /debtors/{id}, not an
 * empty page. `table` and `columns` are constants of the calling module, never input.
 */
export function debtorHistoryRoute<R extends { id: string }, T>(options: {
  path: string;
  /** The operationId. */
  id: string;
  description: string;
  table: string;
  columns?: string;
  present: (row: R) => T;
  /** What `present` builds. */
  schema: Schema;
}): ServerRoute {
  return {
    method: 'GET',
    path: options.path,
    options: {
      tags: ['api', 'debtors'],
      id: options.id,
      description: options.description,
      auth: { access: { scope: [SCOPES.ledgerRead] } },
      response: {
        status: { 200: pageOf(options.schema), ...failures({ 404: 'No such debtor (`debtor_not_found`)' }) },
      },
      validate: {
        params: Joi.object({ debtorId: prefixedId('dbt').required() }),
        query: Joi.object(pageQuery),
      },
    },
    handler: async (request) => {
      const { debtorId } = input<{ debtorId: string }>(request.params);
      const { limit, cursor } = input<{ limit: number; cursor?: string }>(request.query);
      const before = decodeCursor(cursor) ?? null;
      const rows = await readForRequest(request, async (em) => {
        await assertDebtorExists(em, debtorId);
        return em.execute<R[]>(
          `select ${options.columns ?? '*'} from ${options.table}
            where debtor_id = ? and (?::text is null or id < ?) order by id desc limit ?`,
          [debtorId, before, before, limit + 1],
        );
      });
      return toPage(rows, limit, options.present);
    },
  };
}
