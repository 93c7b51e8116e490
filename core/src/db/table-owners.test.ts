import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { type TableName, tableOwners } from './table-owners.ts';
import { createTestDatabase } from './test-database.ts';

const SRC = fileURLToPath(new URL('..', import.meta.url));
const db = await createTestDatabase();

/**
 * Today's known places where a folder's SQL names a table another folder owns, each with why. The
 * list only shrinks: an entry whose query is gone fails the suite until it is removed here.
 */
const ALLOWED: Record<string, { tables: TableName[]; why: string }> = {
  // Machinery and tools: permanent.
  'jobs/for-each-tenant.ts': {
    tables: ['tenant'],
    why: 'the one list of tenants the jobs visit; `tenant` rows are fenced by their own id',
  },
  'bench/bare-server.ts': {
    tables: ['debtor', 'invoice'],
    why: "the benchmark's baseline: the same read as the debtor card with none of Kredo's layers",
  },
  'bench/api-bench.ts': { tables: ['debtor'], why: 'picks the debtor ids the load requests' },
  'bench/dunning-bench.ts': {
    tables: ['invoice', 'dunning_action'],
    why: "the benchmark's baseline: the same actions inserted by one SQL statement, checked against the run's",
  },
  'bench/dunning-portfolio.ts': {
    tables: ['debtor', 'invoice'],
    why: 'generates the portfolio the dunning bench runs over, by COPY, and analyses it',
  },
  'bench/insight-bench.ts': {
    tables: ['invoice', 'payment', 'allocation'],
    why: "the benchmark's baseline: the same sums as insight's KPIs and ageing in one SQL aggregation",
  },
  'bench/insight-ledger.ts': {
    tables: ['debtor', 'invoice', 'payment'],
    why: "analyses the ledger's tables it generated, each before the next one's foreign keys are checked against it",
  },
  'bench/insight-ledger-sql.ts': {
    tables: ['debtor', 'invoice', 'payment', 'allocation', 'payment_promise', 'dispute'],
    why: 'generates the ledger the insight, forecast and risk rows read, by insert … select inside PostgreSQL',
  },
  'bench/behaviour-baseline-sql.ts': {
    tables: ['invoice', 'payment', 'allocation'],
    why: "the forecast and risk baselines' days beyond terms, in plain SQL",
  },
  'bench/forecast-bench.ts': {
    tables: ['invoice'],
    why: "the forecast's baseline: the open invoices placed per week by one SQL statement",
  },
  'bench/risk-baseline-sql.ts': {
    tables: ['debtor', 'invoice', 'dispute', 'payment_plan', 'payment_promise', 'debtor_risk'],
    why: "the risk refresh's baseline: the same scores upserted into a copy of debtor_risk, compared with the refresh's",
  },
  'bench/events-bench.ts': { tables: ['event_delivery'], why: 'counts delivered events to time them' },
  'bench/statement-bench.ts': {
    tables: ['bank_statement_entry'],
    why: "the benchmark's baseline: COPY into a copy of the table, checked against what the import stored",
  },
  'bench/import-bench.ts': {
    tables: ['debtor', 'invoice'],
    why: 'reads back what the imports wrote, to check the run before timing the next',
  },
  // Tools seeding through the tables instead of the owners' services.
  'bench/matching-bench.ts': {
    tables: ['bank_statement_entry', 'statement_match'],
    why: "the matching benchmark's check that every credit was matched by its structured reference",
  },
  'bench/matching-baseline-sql.ts': {
    tables: ['invoice', 'bank_statement_entry', 'payment', 'allocation', 'outbox_event', 'statement_match'],
    why: "the matching benchmark's baselines: the entries joined to their invoices, and the rows matching writes written by one SQL statement (rolled back); the vacuum before them",
  },
  'bench/matching-ledger.ts': {
    tables: ['debtor'],
    why: 'generates the ledger the matching bench matches against, by COPY, and analyses it',
  },
  'db/test-ledger.ts': {
    tables: ['tenant', 'administration', 'debtor'],
    why: 'tests below the API (merges, SQL fragments) write a small ledger straight into the tables',
  },
  'demo/seed-demo.ts': {
    tables: ['tenant', 'administration'],
    why: 'seeds the demo tenant and administrations by insert, in the seed’s one transaction',
  },
  'demo/seed-demo-history.ts': {
    tables: ['debtor', 'invoice', 'payment'],
    why: 'reads the demo’s open invoices with their debtors’ numbers in one query and asks whether its history exists; every write goes through the payment, promise and dispute services',
  },
  'demo/seed-demo-plugins.ts': {
    tables: ['plugin_version'],
    why: 'asks whether a reference plugin is published; marketplace/ has readVersion',
  },
};

/** Every source file under `core/src/` but tests, fixtures and migrations (the schema's own history). */
function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return ['fixtures', 'migrations'].includes(entry.name) ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The text of every string and template literal in a file (template holes as `?`): where SQL lives. */
function stringsOf(source: string): string[] {
  const strings: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) strings.push(node.text);
    else if (ts.isTemplateExpression(node)) {
      strings.push([node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ? '));
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile('source.ts', source, ts.ScriptTarget.Latest, true));
  return strings;
}

const TABLE_REFERENCE = new RegExp(
  String.raw`\b(?:from|join|into|update|table|copy|analyze|truncate|using)\s+(?:only\s+)?(?:public\.)?"?(${Object.keys(tableOwners).join('|')})\b(?!["\w.(-])`,
  'gi',
);

/** The tables a file's SQL names: after from / join / into / update / delete from / copy … */
function tablesNamedIn(source: string): Set<TableName> {
  const named = new Set<TableName>();
  for (const text of stringsOf(source)) {
    for (const match of text.matchAll(TABLE_REFERENCE)) named.add(match[1]?.toLowerCase() as TableName);
  }
  return named;
}

/** `folder/file.ts` → the tables its SQL names that another folder owns. */
function foreignTables(): Map<string, TableName[]> {
  const found = new Map<string, TableName[]>();
  for (const path of sourceFiles()) {
    const file = relative(SRC, path).split('\\').join('/');
    const folder = file.split('/')[0];
    const foreign = [...tablesNamedIn(readFileSync(path, 'utf8'))].filter((t) => tableOwners[t] !== folder);
    if (foreign.length > 0) found.set(file, foreign.sort());
  }
  return found;
}

describe('table owners', () => {
  it('names an owner for every table the migrations create, and no other', async () => {
    const rows = await db.orm.em.fork().execute<{ table_name: string }[]>(
      `select table_name from information_schema.tables
       where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'kredo_migrations'`,
    );
    expect(rows.map((row) => row.table_name).sort()).toEqual(Object.keys(tableOwners).sort());
  });

  it('names folders of core/src as owners', () => {
    const folders = readdirSync(SRC, { withFileTypes: true }).filter((e) => e.isDirectory());
    const missing = Object.values(tableOwners).filter((owner) => !folders.some((f) => f.name === owner));
    expect(missing).toEqual([]);
  });
});

describe("no module queries another module's tables", () => {
  it('finds the tables SQL names, in strings and templates, and not in prose', () => {
    const source = `
      // select * from invoice (a comment)
      const a = 'select d.id from debtor d join invoice i on i.debtor_id = d.id';
      const b = \`insert into pay_link (id) values (\${id})\`;
      const c = "delete from plugin_log where id = $1";
      const d = 'update installation set enabled = false';
      const e = 'The invoice from the debtor was paid';
      const f = 'select * from public.invoice_overdue_notice n, stage_debtor';
    `;
    expect([...tablesNamedIn(source)].sort()).toEqual([
      'debtor',
      'installation',
      'invoice',
      'invoice_overdue_notice',
      'pay_link',
      'plugin_log',
    ]);
  });

  it("finds no SQL naming another module's table beyond the known, listed exceptions", () => {
    const unexpected = [...foreignTables()].flatMap(([file, tables]) =>
      tables
        .filter((table) => !ALLOWED[file]?.tables.includes(table))
        .map((table) => `${file} names ${table}, which ${tableOwners[table]}/ owns`),
    );
    expect(unexpected).toEqual([]);
  });

  it('keeps no exception whose query is gone', () => {
    const found = foreignTables();
    const stale = Object.entries(ALLOWED).flatMap(([file, { tables }]) =>
      tables
        .filter((table) => !found.get(file)?.includes(table))
        .map((table) => `${file} no longer names ${table}: remove it from ALLOWED`),
    );
    expect(stale).toEqual([]);
  });

  it("imports no other module's entities (db/entities.ts registers them with the ORM)", () => {
    const imports = sourceFiles().flatMap((path) => {
      const file = relative(SRC, path).split('\\').join('/');
      const folder = file.split('/')[0];
      return [...readFileSync(path, 'utf8').matchAll(/from '\.\.\/([\w-]+)\/[\w-]+\.entity\.ts'/g)]
        .filter((match) => match[1] !== folder && file !== 'db/entities.ts')
        .map((match) => `${file} imports ${match[0]}`);
    });
    expect(imports).toEqual([]);
  });
});
