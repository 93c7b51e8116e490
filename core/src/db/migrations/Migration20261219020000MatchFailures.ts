import { Migration } from '@mikro-orm/migrations';

/**
 * Matching as a job that survives crashes (docs/bank-statements.md, When matching runs):
 * - `match_failed_at`: when matching last failed on an entry that stayed `unmatched` (a constraint,
 *   an invoice changed meanwhile); the statement's summary counts it `failed` rather than `pending`,
 *   and the sweep retries it an hour later rather than every minute. Cleared by nothing: an entry
 *   matched later leaves `unmatched`, so it no longer counts.
 * - the partial index the sweep and the matching job find the booked entries still `unmatched` by.
 */
export class Migration20261219020000MatchFailures extends Migration {
  override name = 'Migration20261219020000MatchFailures';

  override up(): void {
    this.addSql('alter table bank_statement_entry add column match_failed_at timestamptz;');
    this.addSql(
      `create index bank_statement_entry_unmatched_idx on bank_statement_entry (tenant_id, statement_id, created_at)
       where match_status = 'unmatched' and status = 'booked';`,
    );
  }

  override down(): void {
    this.addSql('drop index bank_statement_entry_unmatched_idx;');
    this.addSql('alter table bank_statement_entry drop column match_failed_at;');
  }
}
