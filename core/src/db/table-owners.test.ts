import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from './test-database.ts';

// The data-access rule (docs/architecture.md, "Data access"), checked: a module's tables are named only
// by its own code. Another module calls its service, or embeds an SQL fragment it exports.

/** Each table and the folder of `core/src` that owns it. A new table needs a line here. */
const OWNERS: Record<string, string> = {
  kredo_migrations: 'db',
  tenant: 'tenants',
  administration: 'administrations',
  debtor: 'debtors',
  invoice: 'invoices',
  invoice_overdue_notice: 'invoices',
  payment: 'payments',
  allocation: 'payments',
  idempotency_key: 'http',
  outbox_event: 'events',
  event_delivery: 'events',
  publisher: 'marketplace',
  publisher_key: 'marketplace',
  plugin_version: 'marketplace',
  installation: 'marketplace',
  plugin_storage: 'plugin-host',
  plugin_log: 'plugin-logs',
  pay_link: 'pay-links',
  credit_report: 'credit-checks',
  collection_case: 'collection',
  credit_cover: 'credit-cover',
  insurer_notice: 'insurer-notices',
  debtor_message: 'messages',
};

/** Folders that are machinery or tools over the whole schema, not modules: they may name any table. */
const ANY_TABLE: Record<string, string> = {
  db: 'migrations, the entity list, tenant scoping',
  jobs: 'the job runner walks every tenant',
  demo: 'seeds the demo tenant straight into its tables',
  bench: 'measures the API and imports against plain SQL',
};

/** Places that still name another module's table, each with what it should do instead (none today). */
const NOT_YET: Record<string, string> = {};

const SRC = fileURLToPath(new URL('..', import.meta.url));
// A table named where SQL names one. Other names (CTEs, staging tables, functions) are not tables here.
const TABLE_NAMED = /\b(?:from|join|into|update|table|analyze|copy|truncate)\s+([a-z_][a-z0-9_]*)\b/gi;
const ENTITY_IMPORTED = /from '\.\.\/([a-z-]+)\/[a-z-]+\.entity\.ts'/g;
const COMMENT = /\/\*[\s\S]*?\*\/|(?<![:'"\\])\/\/.*$/gm;

interface Source {
  /** Relative to `core/src`. */
  file: string;
  text: string;
}

/** Every file in `core/src` that is not a test or a test helper. */
function sources(): Source[] {
  return readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .filter(
      (file) =>
        file.endsWith('.ts') && !file.endsWith('.test.ts') && !path.basename(file).startsWith('test-'),
    )
    .map((file) => ({
      file: file.split(path.sep).join('/'),
      text: readFileSync(path.join(SRC, file), 'utf8'),
    }));
}

/** Where a file names a table its folder does not own, or imports an entity of another module. */
function trespasses(files: Source[]): string[] {
  const found = new Set<string>();
  for (const { file, text } of files) {
    const folder = file.split('/')[0] as string;
    if (folder in ANY_TABLE) continue;
    const code = text.replace(COMMENT, '');
    for (const [, name] of code.matchAll(TABLE_NAMED)) {
      const table = (name as string).toLowerCase();
      const owner = OWNERS[table];
      if (owner !== undefined && owner !== folder && !(`${file} ${table}` in NOT_YET)) {
        found.add(`${file} names table ${table}, which ${owner}/ owns`);
      }
    }
    for (const [, owner] of code.matchAll(ENTITY_IMPORTED)) {
      if (owner !== folder) found.add(`${file} imports an entity of ${owner}/`);
    }
  }
  return [...found].sort();
}

const db = await createTestDatabase();

describe('who owns each table', () => {
  it('no module names another module’s tables in SQL or imports its entities', () => {
    expect(trespasses(sources())).toEqual([]);
  });

  it('would see a module reading another’s table or entity, but not a comment, its own table or a tool', () => {
    const file = (text: string) => ({ file: 'invoices/example.ts', text });
    expect(
      trespasses([
        file(
          'const sql = `select i.id from invoice i\n  join debtor d on d.id = i.debtor_id`; // not from payment',
        ),
        file("/* update allocation */ import { Tenant } from '../tenants/tenant.entity.ts';"),
        { file: 'demo/example.ts', text: 'insert into debtor' },
      ]),
    ).toEqual([
      'invoices/example.ts imports an entity of tenants/',
      'invoices/example.ts names table debtor, which debtors/ owns',
    ]);
  });

  it('lists every table of the migrated database with an owner that exists, and no other', async () => {
    const rows = await db.orm.em
      .fork()
      .execute<{ name: string }[]>(
        "select tablename as name from pg_tables where schemaname = 'public' order by 1",
      );
    expect(rows.map((r) => r.name)).toEqual(Object.keys(OWNERS).sort());
    for (const owner of new Set(Object.values(OWNERS)))
      expect(existsSync(path.join(SRC, owner)), owner).toBe(true);
  });
});
