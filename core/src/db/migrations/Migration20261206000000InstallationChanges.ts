import { Migration } from '@mikro-orm/migrations';

/**
 * Every process running plugins keeps a sandbox per installation; when an installation is
 * uninstalled, disabled, upgraded or its settings or secrets change (each of these sets
 * `updated_at`), PostgreSQL tells them on commit through `pg_notify('kredo_installation', 'id revision')`,
 * and they dispose its sandboxes of other revisions (plugin-runtime/installation-changes.ts).
 */
export class Migration20261206000000InstallationChanges extends Migration {
  override name = 'Migration20261206000000InstallationChanges';

  override up(): void {
    // The payload is the id and, after an update, the new revision (as readRunnable computes it), so
    // a process keeps a sandbox it already made for the installation as it is now.
    this.addSql(`create function kredo_installation_changed() returns trigger
      language plpgsql as $$
      begin
        perform pg_notify('kredo_installation', old.id || case when tg_op = 'UPDATE'
          then ' ' || (extract(epoch from new.updated_at) * 1000000)::bigint::text else '' end);
        return null;
      end $$`);
    this.addSql(`create trigger installation_changed after update on installation
      for each row when (old.updated_at is distinct from new.updated_at)
      execute function kredo_installation_changed()`);
    this.addSql(`create trigger installation_removed after delete on installation
      for each row execute function kredo_installation_changed()`);
  }

  override down(): void {
    this.addSql('drop trigger installation_removed on installation');
    this.addSql('drop trigger installation_changed on installation');
    this.addSql('drop function kredo_installation_changed()');
  }
}
