import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importStatements } from '../bank-statements/index.ts';
import { createTestDatabase } from '../db/test-database.ts';
import { DEMO_ADMINISTRATIONS, DEMO_TENANT_ID, seedDemo } from './seed-demo.ts';
import { seedDemoBankAccounts } from './seed-demo-bank-accounts.ts';

// What a newcomer does after `npm start`: `pnpm kredo import FILE` of each statement fixture, no
// administration named. Each finds the demo administration its account is registered on.
const db = await createTestDatabase();
await seedDemo(db.orm);
await seedDemoBankAccounts(db.orm);
await seedDemoBankAccounts(db.orm);

const ownFixtures = new URL('../bank-statements/fixtures/', import.meta.url).pathname;
const sharedCamt = resolve(ownFixtures, '../../../../../shared/fixtures/camt053');
const files = [
  // An MT942 is no statement: refused whole (mt940-read.test.ts).
  ...readdirSync(ownFixtures)
    .filter((name) => !name.startsWith('mt942'))
    .map((name) => resolve(ownFixtures, name)),
  ...(existsSync(sharedCamt)
    ? readdirSync(sharedCamt)
        .filter((n) => n.endsWith('.xml'))
        .map((n) => resolve(sharedCamt, n))
    : []),
];
const [NL01, DE01] = DEMO_ADMINISTRATIONS;

describe('the demo tenant takes the statement fixtures', () => {
  it.each(files)('%s imports into a demo administration', async (file) => {
    const summary = await importStatements(readFileSync(file), { orm: db.orm, tenantId: DEMO_TENANT_ID });
    expect(summary.errors).toEqual([]);
    const expected = file.includes('commerzbank') ? DE01.id : NL01.id;
    for (const statement of summary.statements) expect(statement.administrationId).toBe(expected);
  });
});
