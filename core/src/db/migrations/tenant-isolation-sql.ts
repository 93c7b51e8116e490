/**
 * The statements that fence a tenant table: row-level security enabled and forced (also for the
 * table's owner), the one policy comparing `tenant_id` with the session's `kredo.tenant_id`, and the
 * application role's grants. Every migration creating a tenant table ends with these.
 */
export function tenantIsolationSql(table: string): string[] {
  return [
    `alter table ${table} enable row level security; alter table ${table} force row level security;`,
    `create policy tenant_isolation on ${table} using (tenant_id = current_setting('kredo.tenant_id', true)) with check (tenant_id = current_setting('kredo.tenant_id', true));`,
    `grant select, insert, update, delete on ${table} to kredo_app;`,
  ];
}
