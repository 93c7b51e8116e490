/**
 * What no tenant owns. Every other table is a tenant's: it carries `tenant_id`, row-level security
 * fences it, and `tenant_id` leads its primary key, its unique keys and its foreign keys to other
 * tenant tables, which is what a PostgreSQL distributed by tenant (Citus) needs. The catalogue test
 * (tenant-catalogue.test.ts) reads pg_catalog and fails for a table that is neither.
 *
 * `placement` is where the table lives on Citus (docs/operations.md#past-one-machine):
 * - `reference`: copied to every node, so tenant tables may refer to it and join it anywhere;
 * - `coordinator`: a plain table on the coordinator node, read and written only there.
 */
export interface SharedTable {
  placement: 'reference' | 'coordinator';
  why: string;
}

/** The tenants themselves: a tenant's own row, keyed and fenced by `id`, not `tenant_id`. */
export const TENANT_ROOT = { table: 'tenant', key: 'id' } as const;

/** Shared tables in schema `public`, by name. */
export const SHARED_TABLES: Record<string, SharedTable> = {
  publisher: { placement: 'reference', why: 'plugin publishers, the same marketplace for every tenant' },
  publisher_key: { placement: 'reference', why: "publishers' signing keys" },
  plugin_version: {
    placement: 'reference',
    why: 'published plugin versions, which installations refer to',
  },
  kredo_migrations: { placement: 'coordinator', why: "MikroORM's record of the applied migrations" },
};

/** Schemas whose every table is shared, by name. */
export const SHARED_SCHEMAS: Record<string, SharedTable> = {
  identity: {
    placement: 'coordinator',
    why: "the identity server's schema (its own migrations): no row-level security, identity's functions take the tenant and filter by it; the token endpoint finds a client by id alone",
  },
  graphile_worker: {
    placement: 'coordinator',
    why: "graphile-worker's job queue: jobs name their tenant in their payload, workers claim them with SKIP LOCKED",
  },
};
