import type { Orm } from '../../db/orm.ts';
import { readAsTenant } from '../../db/tenant-scope.ts';
import { DUE_FOR_MATCHING, type MatchSummary, matchStatement } from './match-statement.ts';

/** What one run of the matching job did for a tenant, per statement it looked at. */
export interface TenantMatching {
  statementId: string;
  busy: boolean;
  summary: MatchSummary;
}

/**
 * The matching job's work for one tenant: every statement with entries still due for matching, in
 * id order (oldest first), each under its lock; a statement another process is matching is left to
 * it (`busy`).
 */
export async function matchTenant(orm: Orm, tenantId: string): Promise<TenantMatching[]> {
  const statements = await readAsTenant(orm, tenantId, (em) =>
    em.execute<{ statement_id: string }[]>(
      `select distinct statement_id from bank_statement_entry where ${DUE_FOR_MATCHING} order by statement_id`,
    ),
  );
  const results: TenantMatching[] = [];
  for (const { statement_id: statementId } of statements) {
    const { busy, ...summary } = await matchStatement(orm, tenantId, statementId);
    results.push({ statementId, busy, summary });
  }
  return results;
}
