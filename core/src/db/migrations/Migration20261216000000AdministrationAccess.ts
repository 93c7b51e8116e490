import { Migration } from '@mikro-orm/migrations';
import { administrationAccessSql } from './tenant-isolation-sql.ts';

/**
 * Access per administration: a staff member's token may name the administrations they may reach
 * (identity's membership), and every table whose rows belong to an administration gets a restrictive
 * policy on top of the tenant's, as does the administration table itself. The tables are found from
 * the catalogue so that none is missed; later migrations add the policy to the tables they create.
 *
 * `kredo.administrations` (db/administration-scope.ts) is empty for the whole tenant, else a text[]
 * literal. The CASE keeps PostgreSQL from casting the empty value (OR promises no order); the function
 * is plain SQL and stable, so the planner inlines it into each policy.
 */
export class Migration20261216000000AdministrationAccess extends Migration {
  override name = 'Migration20261216000000AdministrationAccess';

  override up(): void {
    this.addSql(`
      create function kredo_administration_visible(administration_id text) returns boolean
      language sql stable parallel safe as $$
        select case when coalesce(current_setting('kredo.administrations', true), '') = '' then true
          else administration_id = any(current_setting('kredo.administrations', true)::text[]) end
      $$;`);
    this.addSql(`
      do $$
      declare t text;
      begin
        for t in
          select c.table_name from information_schema.columns c
          join information_schema.tables using (table_schema, table_name)
          where c.table_schema = current_schema() and c.column_name = 'administration_id'
            and table_type = 'BASE TABLE'
        loop
          execute format('create policy administration_access on %I as restrictive '
            || 'using (kredo_administration_visible(administration_id)) '
            || 'with check (kredo_administration_visible(administration_id))', t);
        end loop;
      end $$;`);
    this.addSql(administrationAccessSql('administration', 'id'));
  }

  override down(): void {
    this.addSql(`
      do $$
      declare t text;
      begin
        for t in select tablename from pg_policies
          where schemaname = current_schema() and policyname = 'administration_access'
        loop
          execute format('drop policy administration_access on %I', t);
        end loop;
      end $$;`);
    this.addSql('drop function kredo_administration_visible(text);');
  }
}
