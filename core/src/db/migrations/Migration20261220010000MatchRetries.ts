import { Migration } from '@mikro-orm/migrations';

/**
 * Matching that fails on an entry is retried less often each time, then left to a person
 * (docs/bank-statements.md, When matching fails):
 * - `match_failures`: how often matching failed on the entry; the wait before the next try doubles
 *   from an hour to a day, and after the eighth failure it is not tried again by itself.
 * - `match_error`: what the last failure said, as a person working the queue may read it (a domain
 *   error's message; anything else only as "an internal error", its details in the job's log).
 */
export class Migration20261220010000MatchRetries extends Migration {
  override name = 'Migration20261220010000MatchRetries';

  override up(): void {
    this.addSql(
      `alter table bank_statement_entry
         add column match_failures smallint not null default 0 check (match_failures >= 0),
         add column match_error text check (length(match_error) between 1 and 500);`,
    );
    // Entries that failed before this migration count as failed once.
    this.addSql('update bank_statement_entry set match_failures = 1 where match_failed_at is not null;');
  }

  override down(): void {
    this.addSql('alter table bank_statement_entry drop column match_failures, drop column match_error;');
  }
}
