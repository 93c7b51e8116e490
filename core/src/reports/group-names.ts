import type { EntityManager } from '@mikro-orm/postgresql';
import { getAdministration } from '../administrations/index.ts';
import { readDebtor } from '../debtors/index.ts';
import type { GroupBy } from '../insight/index.ts';
import type { ReportLocale } from './report-locale.ts';

/** Past this many debtors a report keeps their ids: a name each is a query each. */
const MAX_NAMED = 500;

/**
 * What a reader calls each group of a split report: an administration or a debtor by its name and
 * code or number (through their modules' services); a collector is already a name (their subject),
 * a segment keeps its id. `''` is the whole scope, or the debtors without a segment or collector
 * (`all` and `none` in the report's language).
 */
export async function groupNames(
  em: EntityManager,
  groupBy: GroupBy,
  keys: readonly string[],
  { text }: ReportLocale,
): Promise<Map<string, string>> {
  const names = new Map<string, string>(
    keys.map((key) => [key, key || (groupBy === 'all' ? text.scope.all : text.scope.none)]),
  );
  if (groupBy === 'administration') {
    for (const key of keys) {
      const administration = await getAdministration(em, key);
      names.set(key, `${administration.name} (${administration.code})`);
    }
  }
  if (groupBy === 'debtor' && keys.length <= MAX_NAMED) {
    for (const key of keys) {
      const debtor = await readDebtor(em, key);
      names.set(key, `${debtor.name} (${debtor.number})`);
    }
  }
  return names;
}
