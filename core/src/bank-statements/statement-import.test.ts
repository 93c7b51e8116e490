import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createTestApi, type Json } from '../app/test-api.ts';
import { withTenantClient } from '../db/tenant-scope.ts';

// Bank statement files through the front door: POST /bank-statements with the file as the body,
// then the read routes, on a real PostgreSQL under row-level security.
const { db, newTenant, caller } = await createTestApi();
const acme = await newTenant('Statements BV');
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const xml = { 'content-type': 'application/xml' };
const text = { 'content-type': 'text/plain' };

async function importFile(name: string | Buffer, query = '', api = acme.api) {
  const body = typeof name === 'string' ? fixture(name) : name;
  const headers = typeof name === 'string' && name.endsWith('.xml') ? xml : text;
  return api('POST', `/api/v1/bank-statements${query}`, body, headers);
}

async function storedCount(table: 'bank_statement' | 'bank_statement_entry', tenantId = acme.tenantId) {
  const { rows } = await withTenantClient(db.orm, tenantId, (client) =>
    client.query<{ n: string }>(`select count(*) as n from ${table}`),
  );
  return Number(rows[0]?.n);
}

const outcomes = (body: Json) =>
  body.statements.map((s: Json) => [s.statementRef, s.outcome, s.created, s.unchanged, s.rejected]);

describe('importing bank statements', () => {
  it('refuses a statement for an account no administration has, naming it, and writes nothing', async () => {
    const res = await importFile('mt940-ing.sta');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ format: 'mt940', created: 0, rejected: 4 });
    expect(res.body.errors).toEqual([
      {
        line: 4,
        field: 'account',
        message: expect.stringMatching(
          /^statement P261215000000001\/00349\/2026-12-15: account NL20INGB0001234567 is not registered on any administration/,
        ),
      },
    ]);
    expect(await storedCount('bank_statement')).toBe(0);
  });

  it('imports into the administration the account is registered on; importing again changes nothing', async () => {
    const registered = await acme.api('PUT', '/api/v1/bank-accounts/NL20%20INGB%200001%20234567', {
      administrationId: acme.administrationId,
      name: 'ING zakelijk',
    });
    expect(registered.status).toBe(200);
    expect(registered.body).toMatchObject({
      account: 'NL20INGB0001234567',
      administrationId: acme.administrationId,
    });

    const first = await importFile('mt940-ing.sta');
    expect(first.status).toBe(200);
    expect(outcomes(first.body)).toEqual([['P261215000000001/00349/2026-12-15', 'created', 4, 0, 0]]);
    expect(first.body).toMatchObject({ created: 4, unchanged: 0, rejected: 0, errors: [], warnings: [] });

    const again = await importFile('mt940-ing.sta');
    expect(outcomes(again.body)).toEqual([['P261215000000001/00349/2026-12-15', 'known', 0, 4, 0]]);
    expect(again.body.statements[0].statementId).toBe(first.body.statements[0].statementId);
    expect(await storedCount('bank_statement_entry')).toBe(4);
  });

  it('finds an administration by its own IBAN, or takes the one named in the call', async () => {
    const patched = await acme.api('PATCH', `/api/v1/administrations/${acme.administrationId}`, {
      iban: 'NL91ABNA0417164300',
    });
    expect(patched.status).toBe(200);
    const abn = await importFile('mt940-abnamro.sta');
    expect(outcomes(abn.body)).toEqual([['ABN AMRO BANK NV/34501/1/2026-12-15', 'created', 3, 0, 0]]);

    const rabo = await importFile(
      'mt940-rabobank.swi',
      `?administrationId=${acme.administrationId}&format=mt940`,
    );
    expect(outcomes(rabo.body)).toEqual([
      ['940S261215/0/2026-12-15', 'created', 3, 0, 0],
      ['940S261216/0/2026-12-16', 'created', 1, 0, 0],
    ]);
  });

  it('imports CAMT.053 of versions 2, 5 and 8: batches as one entry per transaction, five decimals kept', async () => {
    const v2 = await importFile('camt053-v2-rabobank.xml', `?administrationId=${acme.administrationId}`);
    expect(v2.body).toMatchObject({
      format: 'camt053',
      formatVersion: 'camt.053.001.02',
      created: 6,
      warnings: [],
    });
    const v5 = await importFile('camt053-v5-ing.xml');
    expect(v5.body).toMatchObject({ formatVersion: 'camt.053.001.05', created: 3, errors: [] });
    const v8 = await importFile('camt053-v8-commerzbank.xml', `?administrationId=${acme.administrationId}`);
    expect(v8.body).toMatchObject({ formatVersion: 'camt.053.001.08', created: 2, errors: [] });

    const id = v2.body.statements[0].statementId as string;
    const statement = await acme.api('GET', `/api/v1/bank-statements/${id}`);
    expect(statement.body).toMatchObject({
      account: 'NL39RABO0300065264',
      statementRef: 'RABO-0300065264-2026-12-16',
      currency: 'EUR',
      openingBalance: 1_000_000,
      closingBalance: 1_287_001,
      closingBalanceDate: '2026-12-16',
      entryCount: 4,
    });
    const entries = await acme.api('GET', `/api/v1/bank-statements/${id}/entries`);
    expect(
      entries.body.data.map((e: Json) => [e.position, e.amount.amount, e.amountText, e.matchStatus]),
    ).toEqual([
      // Matched on import (bank-statements/matching): this ledger has no invoices, so all wait in the queue.
      [1, 121_000, '1210.00', 'queued'],
      [2, 60_500, '605.00', 'queued'],
      [3, 43_500, '435.00', 'queued'],
      [4, 62_001, '620.00500', 'queued'],
    ]);
    expect(entries.body.data[0]).toMatchObject({
      creditorReference: 'RF64NL01INV20260003',
      creditorReferenceType: 'SCOR/ISO',
      counterparty: { name: 'Bakkerij De Gouden Korenaar B.V.', iban: 'NL36INGB0007654321', bic: 'INGBNL2A' },
    });
  });

  it('lists statements newest first and entries by page, filtered by direction and match status', async () => {
    const page = await acme.api('GET', '/api/v1/bank-statements?limit=2');
    expect(page.body.data).toHaveLength(2);
    const next = await acme.api('GET', `/api/v1/bank-statements?limit=50&cursor=${page.body.nextCursor}`);
    const all = [...page.body.data, ...next.body.data];
    expect(all.map((s: Json) => s.statementRef)).toContain('P261215000000001/00349/2026-12-15');
    expect(new Set(all.map((s: Json) => s.id)).size).toBe(all.length);
    const ing = all.find((s: Json) => s.format === 'mt940' && s.account === 'NL20INGB0001234567');
    // Each listed statement says where its entries stand, as the statement's own card does.
    const card = await acme.api('GET', `/api/v1/bank-statements/${ing.id}`);
    expect(ing.matching).toEqual(card.body.matching);
    expect(ing.matching.queued).toBeGreaterThan(0);
    expect(all.every((s: Json) => Object.values(s.matching).every((n) => Number.isInteger(n)))).toBe(true);
    const credits = await acme.api(
      'GET',
      `/api/v1/bank-statements/${ing.id}/entries?creditDebit=credit&matchStatus=queued`,
    );
    expect(credits.body.data.map((e: Json) => e.amount.amount)).toEqual([121_000, 48_400]);
    const debits = await acme.api(
      'GET',
      `/api/v1/bank-statements/${ing.id}/entries?creditDebit=debit&limit=1`,
    );
    expect(debits.body.data).toHaveLength(1);
    const rest = await acme.api(
      'GET',
      `/api/v1/bank-statements/${ing.id}/entries?creditDebit=debit&cursor=${debits.body.nextCursor}`,
    );
    expect(rest.body.data.map((e: Json) => [e.reversal, e.additionalInfo])).toEqual([
      [true, 'return reason MD06'],
    ]);
  });

  it('refuses a whole statement with an unreadable entry, naming statement, entry and line', async () => {
    const broken = fixture('camt053-v8-commerzbank.xml')
      .toString()
      .replace('CBK-0532013000-2026-350', 'CBK-0532013000-2026-351')
      .replace('<Amt Ccy="EUR">238.40</Amt>', '<Amt Ccy="EUR">238,40</Amt>');
    const before = await storedCount('bank_statement_entry');
    const res = await importFile(Buffer.from(broken), `?administrationId=${acme.administrationId}`);
    expect(res.body).toMatchObject({ created: 0, rejected: 2 });
    expect(res.body.statements[0]).toMatchObject({ outcome: 'rejected', statementId: null });
    expect(res.body.errors).toEqual([
      {
        line: expect.any(Number),
        field: 'Ntry/Amt',
        message: 'statement CBK-0532013000-2026-351, entry 2: amount "238,40" is not an unsigned decimal',
      },
    ]);
    expect(broken.split('\n')[res.body.errors[0].line - 1]).toContain('<Ntry>');
    expect(await storedCount('bank_statement_entry')).toBe(before);
  });

  it('refuses a statement whose ids are longer than the tables hold', async () => {
    const long = fixture('camt053-v8-commerzbank.xml')
      .toString()
      .replace('CBK-0532013000-2026-350', 'X'.repeat(201));
    const res = await importFile(Buffer.from(long), `?administrationId=${acme.administrationId}`);
    expect(res.status).toBe(200);
    expect(res.body.errors.map((e: Json) => e.message)).toEqual([
      `statement ${'X'.repeat(60)}: the statement id is longer than 200 characters`,
    ]);
    expect(res.body).toMatchObject({ created: 0, rejected: 2 });
  });

  it('refuses a statement whose bank reference is known with another amount, and rolls it back', async () => {
    const changed = fixture('mt940-ing.sta')
      .toString()
      .replace(':20:P261215000000001', ':20:P261215000000009')
      .replace('C1210,00NTRF', 'C1211,00NTRF');
    const before = await storedCount('bank_statement');
    const res = await importFile(Buffer.from(changed));
    expect(res.body.statements[0]).toMatchObject({ outcome: 'rejected', created: 0 });
    expect(res.body.errors[0]).toMatchObject({
      line: 8,
      field: 'entry_key',
      message: expect.stringContaining(
        'was imported before for credit EUR 121000 (minor units), not credit EUR 121100',
      ),
    });
    expect(await storedCount('bank_statement')).toBe(before);
  });

  it('keeps two entries to which the bank gave one reference, the same way on every import', async () => {
    const twice = fixture('mt940-ing.sta')
      .toString()
      .replace(':25:NL20INGB0001234567EUR', ':25:NL36INGB0007654321EUR')
      .replace('//00000000001006', '//00000000001005');
    const first = await importFile(Buffer.from(twice), `?administrationId=${acme.administrationId}`);
    expect(first.body).toMatchObject({ created: 4, errors: [] });
    const entries = await acme.api(
      'GET',
      `/api/v1/bank-statements/${first.body.statements[0].statementId}/entries`,
    );
    expect(entries.body.data.slice(0, 2).map((e: Json) => e.entryKey)).toEqual([
      'ref:2026-12-15:00000000001005',
      'ref:2026-12-15:00000000001005~2',
    ]);
    const again = await importFile(Buffer.from(twice), `?administrationId=${acme.administrationId}`);
    expect(again.body).toMatchObject({ created: 0, unchanged: 4 });
  });

  it('answers a file that is no statement with 422, and keeps tenants and scopes apart', async () => {
    const csv = await importFile(Buffer.from('debtor_number,name\n1,A\n'));
    expect(csv.status).toBe(422);
    expect(csv.body.code).toBe('not_bank_statement');

    const other = await newTenant('Other BV');
    const [mine] = (await acme.api('GET', '/api/v1/bank-statements?limit=1')).body.data;
    expect((await other.api('GET', `/api/v1/bank-statements/${mine.id}`)).status).toBe(404);
    expect((await other.api('GET', '/api/v1/bank-statements')).body.data).toEqual([]);
    // The same account registered by another tenant is that tenant's own.
    const theirs = await other.api('PUT', '/api/v1/bank-accounts/NL20INGB0001234567', {
      administrationId: other.administrationId,
    });
    expect(theirs.status).toBe(200);
    expect((await importFile('mt940-ing.sta', '', other.api)).body).toMatchObject({
      created: 4,
      unchanged: 0,
    });

    const reader = await caller(acme.tenantId, ['ledger:read']);
    expect((await importFile('mt940-ing.sta', '', reader)).status).toBe(403);
    expect(
      (
        await reader('PUT', '/api/v1/bank-accounts/NL44RABO0123456789', {
          administrationId: acme.administrationId,
        })
      ).status,
    ).toBe(403);
  });

  it('keeps a registered account on one administration, and checks IBANs', async () => {
    const second = await acme.api('POST', '/api/v1/administrations', {
      code: 'two',
      name: 'Two',
      country: 'NL',
      paymentTermDays: 14,
    });
    const taken = await acme.api('PUT', '/api/v1/bank-accounts/NL20INGB0001234567', {
      administrationId: second.body.id,
    });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('bank_account_taken');
    const wrong = await acme.api('PUT', '/api/v1/bank-accounts/NL21INGB0001234567', {
      administrationId: second.body.id,
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toMatch(/check digit/);
    // A statement of an account registered elsewhere cannot be pushed into another administration.
    const pushed = await importFile('mt940-ing.sta', `?administrationId=${second.body.id}`);
    expect(pushed.body.errors[0].message).toMatch(/belongs to administration adm_/);
    const list = await acme.api('GET', `/api/v1/bank-accounts?administrationId=${acme.administrationId}`);
    expect(list.body.data.map((a: Json) => a.account)).toEqual(['NL20INGB0001234567']);
    expect((await acme.api('DELETE', '/api/v1/bank-accounts/NL20INGB0001234567')).status).toBe(204);
    expect((await acme.api('DELETE', '/api/v1/bank-accounts/NL20INGB0001234567')).status).toBe(404);
  });
});

// genkgo/camt's files (../shared/fixtures, outside the repository): each imports, and again changes nothing.
const sharedCamt = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/fixtures/camt053');
const haveShared = existsSync(sharedCamt);

describe.skipIf(!haveShared)(`importing genkgo/camt's CAMT.053 files (skipped without ${sharedCamt})`, () => {
  it('imports every file and re-imports none of its entries', async () => {
    const tenant = await newTenant('Genkgo BV');
    await tenant.api('PUT', '/api/v1/bank-accounts/NL26VAYB8060476890', {
      administrationId: tenant.administrationId,
    });
    for (const name of readdirSync(sharedCamt).filter((n) => n.endsWith('.xml'))) {
      const body = readFileSync(resolve(sharedCamt, name));
      const first = await tenant.api('POST', '/api/v1/bank-statements', body, xml);
      expect(first.status, name).toBe(200);
      expect(first.body.errors, name).toEqual([]);
      const again = await tenant.api('POST', '/api/v1/bank-statements', body, xml);
      expect(again.body.created, name).toBe(0);
      expect(again.body.unchanged, name).toBe(first.body.created + first.body.unchanged);
    }
  });
});
