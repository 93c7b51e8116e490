import { parseArgs } from 'node:util';
import {
  findAdministrationByCode,
  getAdministration,
  listAdministrations,
} from '../administrations/administration-service.ts';
import { openDatabase } from '../app/database.ts';
import { loadConfig } from '../config/load-config.ts';
import { createOrm, migrate, type Orm } from '../db/orm.ts';
import { tenantEm } from '../db/tenant-scope.ts';
import { DEMO_TENANT_ID } from '../demo/seed-demo.ts';
import { type RunResult, type RunSummary, runDunning } from '../dunning/index.ts';
import { isoDate } from '../shared/schemas.ts';
import { type Command, UsageError } from './command.ts';
import { type Progress, progressBar } from './progress-bar.ts';

export const dunningCommand: Command = {
  name: 'dunning',
  summary: 'Run dunning now for one administration or all of a tenant (--dry-run to see what it would do)',
  help: `Usage: pnpm kredo dunning run [--administration CODE | adm_…] [--as-of YYYY-MM-DD] [--dry-run] [--tenant ten_…] [--json]

Evaluates every debtor with something overdue (or an open episode) against its strategy and creates the
actions that are due, one per debtor or group and step, under idempotency keys: running it again the
same day creates nothing. The daily schedule runs the same thing at each administration's run time.
  --administration  administration id or code (default: every administration of the tenant)
  --as-of           run as of this business date (default: today in the administration's time zone)
  --dry-run         decide and print, write nothing but the run's record
  --tenant          tenant id (default: the demo tenant)
  --json            print the runs (and a dry run's first actions) as JSON
  --chunk-size      parties per transaction (default 1000; for operations and tests, see docs/dunning.md)
Exit code 0 when every run succeeded, 1 when one failed, 2 for a usage mistake.`,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        tenant: { type: 'string', default: DEMO_TENANT_ID },
        administration: { type: 'string' },
        'as-of': { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        'chunk-size': { type: 'string' },
      },
      strict: true,
    });
    if (positionals.length !== 1 || positionals[0] !== 'run') {
      console.error(dunningCommand.help);
      return 2;
    }
    const asOf = values['as-of'];
    if (asOf !== undefined && isoDate.validate(asOf).error) {
      throw new UsageError(`--as-of must be a date as YYYY-MM-DD (got "${asOf}")`);
    }
    const chunkSize = chunkSizeOf(values['chunk-size']);
    const config = loadConfig();
    const database = await openDatabase(config);
    const orm = await createOrm(database.url, 4);
    try {
      await migrate(orm);
      const administrations = await administrationsToRun(orm, values.tenant, values.administration);
      const results: (RunResult & { code: string })[] = [];
      for (const { id, code } of administrations) {
        // Made at the first report, when the number of debtors to evaluate is known.
        let bar: Progress | undefined;
        const result = await runDunning(
          { orm },
          {
            tenantId: values.tenant,
            administrationId: id,
            asOf,
            dryRun: values['dry-run'],
            trigger: 'cli',
            startedBy: null,
            chunkSize,
            sampleSize: values.json ? 100 : 20,
            onProgress: (done, total) => {
              if (!values.json) bar ??= progressBar(`dunning ${code}`, Math.max(total, 1));
              bar?.update(done, done);
            },
          },
        ).finally(() => bar?.stop());
        results.push({ ...result, code });
        if (!values.json) printRun(code, result);
      }
      if (values.json) console.log(JSON.stringify(results, null, 2));
      return results.every((r) => r.run.status === 'succeeded') ? 0 : 1;
    } finally {
      await orm.close(true);
      await database.stop();
    }
  },
};

/** `--chunk-size`: a whole number of parties from 1 to 100,000, or the engine's default when not given. */
function chunkSizeOf(given: string | undefined): number | undefined {
  if (given === undefined) return undefined;
  const n = Number(given);
  if (!/^\d+$/.test(given) || n < 1 || n > 100_000)
    throw new UsageError(`--chunk-size must be a whole number from 1 to 100000 (got "${given}")`);
  return n;
}

async function administrationsToRun(orm: Orm, tenantId: string, given: string | undefined) {
  const em = tenantEm(orm, tenantId);
  if (given?.startsWith('adm_')) {
    const found = await getAdministration(em, given).catch(() => null);
    if (!found) throw new UsageError(`No administration ${given} in tenant ${tenantId}`);
    return [{ id: found.id, code: found.code }];
  }
  if (given) {
    const found = await findAdministrationByCode(em, given);
    if (!found) throw new UsageError(`No administration with code ${given} in tenant ${tenantId}`);
    return [{ id: found.id, code: found.code }];
  }
  const all = await listAdministrations(em, undefined, 1000);
  if (all.length === 0) throw new UsageError(`Tenant ${tenantId} has no administration`);
  return all.map((a) => ({ id: a.id, code: a.code }));
}

const counts = (byKey: Record<string, number | undefined>) =>
  Object.entries(byKey)
    .map(([key, n]) => `${key} ${n}`)
    .join(', ') || 'none';

function printRun(code: string, { run, actions }: RunResult) {
  const s = run.summary as RunSummary;
  const what = run.dryRun ? 'would create' : 'created';
  console.log(`${code}: ${run.dryRun ? 'dry run' : 'run'} ${run.id} as of ${run.asOf}`);
  console.log(`  debtors evaluated: ${s.debtorsEvaluated}`);
  console.log(`  actions ${what}: ${counts(s.actionsCreated)}`);
  console.log(`  skipped: ${counts(s.skipped)}`);
  if (s.chargesSkipped) console.log(`  without their charges: ${counts(s.chargesSkipped)}`);
  console.log(
    `  episodes started: ${s.episodesStarted}, closed: ${s.episodesClosed}; holds ended: ${s.pausesEnded}`,
  );
  for (const action of actions) console.log(`  - ${action.reason.summary}`);
}
