import { readFile } from 'node:fs/promises';
import { runMigrations } from 'graphile-worker';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { SHARED_SCHEMAS, SHARED_TABLES, TENANT_ROOT } from './shared-tables.ts';
import { APP_ROLE, TENANT_SETTING } from './tenant-scope.ts';
import { createTestDatabase } from './test-database.ts';

// Every table of a migrated database, read from pg_catalog (not from a list kept by hand), is either a
// tenant's or listed in shared-tables.ts. A tenant's is fenced by forced row-level security and keyed by
// tenant: what keeps tenants apart today, and what lets a PostgreSQL distributed by tenant (Citus) keep
// each tenant's rows, and the unique checks and foreign keys between them, on one node.
const db = await createTestDatabase();
// The job queue's schema, as the worker creates it on first start, so that it is judged like the rest.
await runMigrations({ connectionString: db.url });
const client = new pg.Client({ connectionString: db.url });
await client.connect();
afterAll(() => client.end());

interface Catalogue {
  tables: { schema: string; table: string; columns: string[]; rls: boolean; forced: boolean }[];
  keys: { table: string; index: string; primary: boolean; columns: string[] }[];
  policies: {
    table: string;
    name: string;
    permissive: boolean;
    command: string;
    roles: string[];
    using: string | null;
    check: string | null;
  }[];
  foreignKeys: { table: string; name: string; references: string; columns: string[]; referenced: string[] }[];
}
type Table = Catalogue['tables'][number];

/** The names of a relation's columns numbered in `attnums`, in that order. */
const columnNames = (relation: string, attnums: string, where = '') => `array(
  select a.attname::text from unnest(${attnums}) with ordinality u(attnum, ord)
  join pg_attribute a on a.attrelid = ${relation} and a.attnum = u.attnum ${where} order by u.ord)`;
const ownSchemas = `n.nspname <> 'information_schema' and n.nspname not like 'pg\\_%'`;

async function readCatalogue(): Promise<Catalogue> {
  const rows = async (sql: string) => (await client.query(sql)).rows;
  return {
    tables: await rows(`
      select n.nspname as schema, c.relname as table, c.relrowsecurity as rls, c.relforcerowsecurity as forced,
        array(select a.attname::text from pg_attribute a
              where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped order by a.attnum) as columns
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p') and c.relpersistence = 'p' and ${ownSchemas}`),
    keys: await rows(`
      select c.relname as table, i.relname as index, x.indisprimary as primary,
        ${columnNames('x.indrelid', 'x.indkey::int2[]', 'where u.ord <= x.indnkeyatts')} as columns
      from pg_index x join pg_class c on c.oid = x.indrelid join pg_class i on i.oid = x.indexrelid
      join pg_namespace n on n.oid = c.relnamespace
      where (x.indisunique or x.indisexclusion) and n.nspname = 'public'`),
    policies: await rows(`
      select c.relname as table, p.polname as name, p.polpermissive as permissive, p.polcmd::text as command,
        array(select case when r = 0 then 'public' else pg_get_userbyid(r)::text end
              from unnest(p.polroles) r) as roles,
        pg_get_expr(p.polqual, p.polrelid) as using, pg_get_expr(p.polwithcheck, p.polrelid) as check
      from pg_policy p join pg_class c on c.oid = p.polrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public'`),
    foreignKeys: await rows(`
      select c.relname as table, k.conname as name, f.relname as references,
        ${columnNames('k.conrelid', 'k.conkey')} as columns, ${columnNames('k.confrelid', 'k.confkey')} as referenced
      from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_class f on f.oid = k.confrelid
      join pg_namespace n on n.oid = c.relnamespace
      where k.contype = 'f' and ${ownSchemas}`),
  };
}

/** The column a table is fenced and distributed by, or undefined for a table no tenant owns. */
function tenantKey(table: Table): string | undefined {
  if (table.schema !== 'public') return undefined;
  if (table.table === TENANT_ROOT.table) return TENANT_ROOT.key;
  return table.columns.includes('tenant_id') ? 'tenant_id' : undefined;
}
const isShared = (t: Table) =>
  t.schema in SHARED_SCHEMAS || (t.schema === 'public' && t.table in SHARED_TABLES);
const tenantTables = (c: Catalogue) => c.tables.filter((t) => tenantKey(t) !== undefined);
const keysByTable = (c: Catalogue) => new Map(tenantTables(c).map((t) => [t.table, tenantKey(t) as string]));

function unclassified(c: Catalogue): string[] {
  return [
    ...c.tables
      .filter((t) => tenantKey(t) === undefined && !isShared(t))
      .map((t) => `${t.schema}.${t.table}: no tenant_id and not listed in db/shared-tables.ts`),
    ...tenantTables(c)
      .filter(isShared)
      .map((t) => `${t.table}: listed as shared but carries ${tenantKey(t)}`),
    ...Object.keys(SHARED_TABLES)
      .filter((name) => !c.tables.some((t) => t.schema === 'public' && t.table === name))
      .map((name) => `${name}: listed as shared but there is no such table`),
  ];
}

function unfenced(c: Catalogue): string[] {
  return tenantTables(c).flatMap((table) => {
    const fence = `(${tenantKey(table)} = current_setting('${TENANT_SETTING}'::text, true))`;
    const applying = c.policies.filter(
      (p) => p.table === table.table && (p.roles.includes('public') || p.roles.includes(APP_ROLE)),
    );
    const fences = applying.filter(
      (p) => p.permissive && p.command === '*' && p.using === fence && p.check === fence,
    );
    return [
      ...(table.rls ? [] : [`${table.table}: row-level security not enabled`]),
      ...(table.forced ? [] : [`${table.table}: row-level security not forced`]),
      ...(fences.length > 0 ? [] : [`${table.table}: no policy for ${APP_ROLE} using and checking ${fence}`]),
      ...applying
        .filter((p) => p.permissive && !fences.includes(p))
        .map((p) => `${table.table}: policy ${p.name} lets ${APP_ROLE} past the tenant fence`),
    ];
  });
}

/**
 * Tables whose rows belong to an administration without the restrictive policy that limits them to
 * the administrations of the request (migration AdministrationAccess): the administration table by
 * its id, every other by its administration_id.
 */
function unlimited(c: Catalogue): string[] {
  return tenantTables(c).flatMap((table) => {
    const column = table.table === 'administration' ? 'id' : 'administration_id';
    if (!table.columns.includes(column) || (column === 'id' && table.table !== 'administration')) return [];
    const limit = `kredo_administration_visible(${column})`;
    const limited = c.policies.some(
      (p) =>
        p.table === table.table &&
        !p.permissive &&
        p.command === '*' &&
        p.using === limit &&
        p.check === limit,
    );
    return limited ? [] : [`${table.table}: no restrictive policy using and checking ${limit}`];
  });
}

function unkeyed(c: Catalogue): string[] {
  return tenantTables(c).flatMap((table) => {
    const key = tenantKey(table) as string;
    const own = c.keys.filter((k) => k.table === table.table);
    return [
      ...(own.some((k) => k.primary) ? [] : [`${table.table}: no primary key`]),
      ...own
        .filter((k) => !k.columns.includes(key))
        .map((k) => `${table.table}: ${k.index} (${k.columns.join(', ')}) does not include ${key}`),
    ];
  });
}

function unpaired(c: Catalogue): string[] {
  const keyOf = keysByTable(c);
  return c.foreignKeys.flatMap((fk) => {
    const from = keyOf.get(fk.table);
    const to = keyOf.get(fk.references);
    const what = `${fk.table}.${fk.name} (${fk.columns.join(', ')}) → ${fk.references}`;
    if (from === undefined) return to === undefined ? [] : [`${what}: a shared table refers to a tenant's`];
    if (to === undefined)
      return SHARED_TABLES[fk.references]?.placement === 'reference'
        ? []
        : [`${what}: a tenant table may refer to a shared table only if it is a reference table`];
    return fk.columns.some((column, i) => column === from && fk.referenced[i] === to)
      ? []
      : [`${what}: does not pair ${from} with ${fk.references}.${to}`];
  });
}

const catalogue = await readCatalogue();

describe('the tenant catalogue', () => {
  it('reads the tables, the job queue’s too', () => {
    expect(keysByTable(catalogue).get('debtor')).toBe('tenant_id');
    expect(catalogue.tables.some((t) => t.schema === 'graphile_worker')).toBe(true);
  });

  it('knows every table as a tenant’s or as shared (shared-tables.ts), never both', () => {
    expect(unclassified(catalogue)).toEqual([]);
  });

  it('fences every tenant table with forced row-level security and the one tenant policy', () => {
    expect(unfenced(catalogue)).toEqual([]);
  });

  it('limits every table of an administration’s rows to the request’s administrations', () => {
    expect(unlimited(catalogue)).toEqual([]);
    expect(catalogue.policies.filter((p) => p.name === 'administration_access').length).toBeGreaterThan(20);
  });

  it('puts the tenant in every tenant table’s primary key and unique keys', () => {
    expect(unkeyed(catalogue)).toEqual([]);
  });

  it('joins tenant tables only by tenant, and shared tables never to a tenant’s', () => {
    expect(unpaired(catalogue)).toEqual([]);
  });

  it('fails for a table added without a fence, a tenant key or a listing', async () => {
    await client.query('begin');
    try {
      await client.query(`create table stray (id text primary key)`);
      await client.query(`create table careless (
        id text primary key, tenant_id text not null, number text unique, administration_id text,
        owner_id text references tenant (id))`);
      await client.query(`alter table careless enable row level security;
        create policy too_wide on careless using (true)`);
      const changed = await readCatalogue();
      expect(unclassified(changed)).toEqual([
        'public.stray: no tenant_id and not listed in db/shared-tables.ts',
      ]);
      expect(unfenced(changed)).toEqual([
        'careless: row-level security not forced',
        `careless: no policy for kredo_app using and checking (tenant_id = current_setting('kredo.tenant_id'::text, true))`,
        'careless: policy too_wide lets kredo_app past the tenant fence',
      ]);
      expect(unlimited(changed)).toEqual([
        'careless: no restrictive policy using and checking kredo_administration_visible(administration_id)',
      ]);
      expect(unkeyed(changed).sort()).toEqual([
        'careless: careless_number_key (number) does not include tenant_id',
        'careless: careless_pkey (id) does not include tenant_id',
      ]);
      expect(unpaired(changed)).toEqual([
        'careless.careless_owner_id_fkey (owner_id) → tenant: does not pair tenant_id with tenant.id',
      ]);
    } finally {
      await client.query('rollback');
    }
  });

  it('is what docs/operations.md distributes on Citus', async () => {
    const docs = await readFile(new URL('../../../docs/operations.md', import.meta.url), 'utf8');
    const distributed = [...docs.matchAll(/create_distributed_table\('(\w+)', '(\w+)'/g)].map(
      ([, table, key]) => `${table} by ${key}`,
    );
    const reference = [...docs.matchAll(/create_reference_table\('(\w+)'\)/g)].map(([, table]) => table);
    expect(distributed.sort()).toEqual(
      tenantTables(catalogue)
        .map((t) => `${t.table} by ${tenantKey(t)}`)
        .sort(),
    );
    expect(reference.sort()).toEqual(
      Object.entries(SHARED_TABLES)
        .filter(([, shared]) => shared.placement === 'reference')
        .map(([table]) => table)
        .sort(),
    );
  });
});
