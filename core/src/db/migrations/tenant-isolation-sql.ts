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

/**
 * The second fence of a table whose rows belong to an administration: a restrictive policy, so that
 * on top of the tenant's a member limited to some administrations neither sees nor writes the others'
 * rows (`kredo_administration_visible`, migration AdministrationAccess). Every migration creating a
 * table with `administration_id` ends with this too (a test checks).
 */
export function administrationAccessSql(table: string, column = 'administration_id'): string {
  const visible = `kredo_administration_visible(${column})`;
  return `create policy administration_access on ${table} as restrictive using (${visible}) with check (${visible});`;
}
