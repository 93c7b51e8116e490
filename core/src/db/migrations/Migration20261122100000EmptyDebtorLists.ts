import { Migration } from '@mikro-orm/migrations';

/**
 * Imports wrote a debtor's empty address or contact list as `{}` (COPY took the empty JS array for
 * an array literal, which jsonb reads as an empty object). Lists are arrays again.
 */
export class Migration20261122100000EmptyDebtorLists extends Migration {
  override name = 'Migration20261122100000EmptyDebtorLists';

  override up(): void {
    this.addSql(`update debtor set
      addresses = case when jsonb_typeof(addresses) = 'object' and addresses = '{}'::jsonb then '[]'::jsonb else addresses end,
      contacts = case when jsonb_typeof(contacts) = 'object' and contacts = '{}'::jsonb then '[]'::jsonb else contacts end
      where addresses = '{}'::jsonb or contacts = '{}'::jsonb;`);
  }
}
