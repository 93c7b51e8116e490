import { parseArgs } from 'node:util';
import type { Command } from './command.ts';

export const benchCommand: Command = {
  name: 'bench',
  summary: 'Run the benchmarks and print a table (--json for tools)',
  help: `Usage: pnpm kredo bench [--json] [--rows N] [--only import|api]

Measures Kredo against a baseline in the same run and prints value, baseline, ratio and goal per row.`,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        json: { type: 'boolean', default: false },
        rows: { type: 'string' },
        only: { type: 'string' },
      },
      strict: true,
    });
    const { runBenchmarks } = await import('../bench/run-benchmarks.ts');
    return runBenchmarks({
      json: values.json,
      rows: values.rows ? Number(values.rows) : 1_000_000,
      only: values.only as 'import' | 'api' | undefined,
    });
  },
};
