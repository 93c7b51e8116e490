import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchApi } from './api-bench.ts';
import { startBenchServer } from './bench-database.ts';
import { type BenchRow, renderTable } from './bench-rows.ts';
import { benchDunning } from './dunning-bench.ts';
import { benchEvents } from './events-bench.ts';
import { benchFairness } from './fairness-bench.ts';
import { benchIdentityTokens } from './identity-token-bench.ts';
import { benchImport } from './import-bench.ts';
import { benchInsight } from './insight-bench.ts';
import { benchMatching } from './matching-bench.ts';
import { benchPlugins } from './plugin-bench.ts';
import { benchStatements } from './statement-bench.ts';
import { benchTokens } from './token-bench.ts';

export type BenchGroup = 'import' | 'matching' | 'api' | 'plugins' | 'dunning' | 'insight';

export interface BenchOptions {
  /** Print the rows as a JSON array instead of a table. */
  json: boolean;
  /** Invoices in the generated import file. */
  rows: number;
  /** Run one group only; all when absent. */
  only?: BenchGroup | undefined;
  /** Seconds of load per server in the API group. */
  duration?: number | undefined;
  /** Concurrent connections in the API group. */
  connections?: number | undefined;
}

/** Entries in the generated CAMT.053 statement (fewer when --rows is smaller). */
const STATEMENT_ENTRIES = 100_000;

/** Credits in the matching row's statement: issue 12's 100,000 against 1,000,000 open invoices, a tenth of --rows when fewer. */
const MATCHING_ENTRIES = 100_000;

export const BENCH_GROUPS: readonly BenchGroup[] = [
  'import',
  'matching',
  'api',
  'plugins',
  'dunning',
  'insight',
];

/**
 * The benchmark run: check options → start a throw-away PostgreSQL → run the import and api groups and
 * the plugins group's event delivery, each in a database of its own → stop the server → run the api
 * group's token verification and the plugins group's sandbox rows, which need no database → print the rows → remove every generated
 * file. Progress goes to stderr, results to stdout. Goals are reported, not enforced: the exit code
 * is 0 whenever the run completed, since a number from a shared or busy machine is no verdict on a
 * change.
 */
export async function runBenchmarks(options: BenchOptions): Promise<number> {
  const problem = checkOptions(options);
  if (problem) {
    console.error(`kredo bench: ${problem}`);
    return 2;
  }
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const groups = options.only ? [options.only] : BENCH_GROUPS;
  const workDir = await mkdtemp(join(tmpdir(), 'kredo-bench-'));
  const rows: BenchRow[] = [];
  try {
    // Every group needs the database: the plugins group measures event delivery too.
    const server = await startBenchServer(log);
    try {
      if (server && groups.includes('import')) {
        rows.push(...(await benchImport({ server, rows: options.rows, workDir, log })));
        const orm = await server.createDatabase('kredo_statements', 4);
        try {
          const entries = Math.min(options.rows, STATEMENT_ENTRIES);
          rows.push(...(await benchStatements({ orm, entries, workDir, log })));
        } finally {
          await orm.close(true);
        }
      }
      if (server && groups.includes('matching')) {
        const orm = await server.createDatabase('kredo_matching', 4);
        try {
          const entries = Math.max(1, Math.min(Math.floor(options.rows / 10), MATCHING_ENTRIES));
          rows.push(...(await benchMatching({ orm, entries, invoices: options.rows, workDir, log })));
        } finally {
          await orm.close(true);
        }
      }
      if (server && groups.includes('api')) {
        const durationSeconds = options.duration ?? 10;
        const connections = options.connections ?? 100;
        rows.push(...(await benchApi({ server, connections, durationSeconds, log })));
        rows.push(...(await benchIdentityTokens({ server, connections, durationSeconds, log })));
      }
      if (groups.includes('plugins')) rows.push(...(await benchEvents({ server, log })));
      if (server && groups.includes('dunning')) {
        const orm = await server.createDatabase('kredo_dunning', 4);
        try {
          rows.push(...(await benchDunning({ orm, invoices: options.rows, log })));
        } finally {
          await orm.close(true);
        }
      }
      if (server && groups.includes('insight')) {
        const orm = await server.createDatabase('kredo_insight', 4);
        try {
          rows.push(...(await benchInsight({ orm, invoices: options.rows, log })));
        } finally {
          await orm.close(true);
        }
      }
    } finally {
      await server?.stop();
    }
    // Token verification needs no database: measured with the server stopped, as the sandbox rows are.
    if (groups.includes('api')) rows.push(...(await benchTokens({ log })));
    if (groups.includes('plugins')) {
      rows.push(...(await benchPlugins({ log })));
      rows.push(...(await benchFairness({ log })));
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
  console.log(options.json ? JSON.stringify(rows, null, 2) : renderTable(rows));
  return 0;
}

function checkOptions(options: BenchOptions): string | undefined {
  if (!Number.isSafeInteger(options.rows) || options.rows < 1) return `--rows must be a positive integer`;
  if (options.only !== undefined && !BENCH_GROUPS.includes(options.only))
    return `--only must be import, matching, api, plugins, dunning or insight`;
  for (const [flag, value] of [
    ['--duration', options.duration],
    ['--connections', options.connections],
  ] as const) {
    if (value !== undefined && (!Number.isSafeInteger(value) || value < 1))
      return `${flag} must be a positive integer`;
  }
  return undefined;
}
