import type { createTestApi, Json } from '../../app/test-api.ts';
import { readAsTenant } from '../../db/tenant-scope.ts';
import { onEntriesImported } from '../after-import.ts';
import { insertStatement, type TestEntry } from './test-entries.ts';

type TestApi = Awaited<ReturnType<typeof createTestApi>>;

/** A small ledger: debtors D1 and D2 with the invoices each test gives, through the API. */
export async function matchingLedger({ newTenant, db }: TestApi) {
  const { tenantId, api, administrationId } = await newTenant('Matching');
  const debtor = async (number: string) =>
    (await api('POST', '/api/v1/debtors', { administrationId, number, name: `Debtor ${number}` })).body
      .id as string;
  const d1 = await debtor('D1');
  const d2 = await debtor('D2');
  const invoice = async (debtorId: string, number: string, amount: number, extra: object = {}) => {
    const res = await api('POST', '/api/v1/invoices', {
      administrationId,
      debtorId,
      number,
      issueDate: '2026-01-05',
      amount,
      ...extra,
    });
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
    return res.body.id as string;
  };
  const get = async (id: string) => (await api('GET', `/api/v1/invoices/${id}`)).body;
  const payments = async (debtorId: string) =>
    (await api('GET', `/api/v1/payments?debtorId=${debtorId}&limit=100`)).body.data as Json[];
  const importEntries = async (entries: TestEntry[]) => {
    const entryIds = await insertStatement(db.orm, tenantId, administrationId, entries);
    const summary = await onEntriesImported({
      orm: db.orm,
      tenantId,
      administrationId,
      statementId: '',
      entryIds,
    });
    return { entryIds, summary };
  };
  const entry = (entryId: string) =>
    readAsTenant(db.orm, tenantId, async (em) => {
      const [row] = await em.execute<Json[]>(
        'select match_status, match_reason, match_proposal from bank_statement_entry where id = ?',
        [entryId],
      );
      const matches = await em.execute<Json[]>(
        'select payment_id, rule, confidence, reason, undone_at from statement_match where entry_id = ? order by id',
        [entryId],
      );
      return { ...(row as Json), matches } as Json;
    });
  return { tenantId, api, administrationId, d1, d2, invoice, get, payments, importEntries, entry };
}
