import { parseArgs } from 'node:util';
import type { BenchGroup } from '../bench/run-benchmarks.ts';
import type { Command } from './command.ts';

export const benchCommand: Command = {
  name: 'bench',
  summary: 'Run the benchmarks and print a table (--json for tools)',
  help: `Usage: pnpm kredo bench [--json] [--rows N] [--only import|matching|api|plugins|dunning|insight] [--duration S] [--connections N]

Measures Kredo against a baseline in the same run and prints value, baseline, ratio and goal per row,
the import and api groups on a throw-away embedded PostgreSQL that is removed afterwards.
Progress goes to stderr.
  --rows         invoices in the generated import file, dunning portfolio, insight ledger and
                 matching ledger (whose statement has a tenth as many credits, at most 100000)
                 (default 1000000)
  --only         run one group: import (importer vs COPY, re-import), matching (a CAMT.053
                 statement imported and matched against open invoices vs one SQL join),
                 api (route vs bare hapi route)
                 or plugins (sandboxed hook call vs in-process call, isolate cold start,
                 events delivered to plugins per second vs no-op jobs) or dunning (a run over
                 a generated portfolio vs one SQL insert of the same actions, the rerun, peak RSS
                 at a tenth of the portfolio and at the whole) or insight (a quarter's KPIs and
                 the ageing vs one SQL aggregation of the same sums)
  --duration     seconds of load per server in the api group (default 10)
  --connections  concurrent connections in the api group (default 100)
  --json         print the rows as a JSON array
Goals are reported, not enforced: the exit code is 0 whenever the run completes.`,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        json: { type: 'boolean', default: false },
        rows: { type: 'string' },
        only: { type: 'string' },
        duration: { type: 'string' },
        connections: { type: 'string' },
      },
      strict: true,
    });
    const { runBenchmarks } = await import('../bench/run-benchmarks.ts');
    return runBenchmarks({
      json: values.json,
      rows: values.rows ? Number(values.rows) : 1_000_000,
      only: values.only as BenchGroup | undefined,
      duration: values.duration ? Number(values.duration) : undefined,
      connections: values.connections ? Number(values.connections) : undefined,
    });
  },
};
