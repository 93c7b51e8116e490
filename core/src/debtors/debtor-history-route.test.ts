import { describe, expect, it } from 'vitest';
import { createTestApi } from '../app/test-api.ts';
import { collectionRoutes } from '../collection/index.ts';
import { creditCheckRoutes } from '../credit-checks/index.ts';
import { insurerNoticeRoutes } from '../insurer-notices/index.ts';
import { messageRoutes } from '../messages/index.ts';
import { payLinkRoutes } from '../pay-links/index.ts';
import type { PluginRuntime } from '../plugin-runtime/index.ts';
import { newId } from '../shared/ids.ts';

// The lists only read their own tables: no plugin runtime is reached, so none is started.
const { newTenant } = await createTestApi({
  routes: ({ orm }) => {
    const deps = { orm, runtime: undefined as unknown as PluginRuntime };
    return [
      ...messageRoutes(deps),
      ...creditCheckRoutes(deps),
      ...payLinkRoutes({ ...deps, publicUrl: () => 'http://localhost' }),
      ...collectionRoutes(deps),
      insurerNoticeRoutes(),
    ];
  },
});
const acme = await newTenant('History BV');
const other = await newTenant('Elsewhere BV');
const lists = ['messages', 'credit-reports', 'pay-links', 'collection-cases', 'insurer-notices'];

const created = await acme.api('POST', '/api/v1/debtors', {
  administrationId: acme.administrationId,
  number: 'H-1',
  name: 'Known BV',
});
const known = created.body.id as string;

describe("a debtor's history lists", () => {
  it.each(lists)('%s answers an empty page for a known debtor', async (list) => {
    const res = await acme.api('GET', `/api/v1/debtors/${known}/${list}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([]);
  });

  it.each(lists)('%s answers 404 debtor_not_found for a debtor that does not exist', async (list) => {
    const res = await acme.api('GET', `/api/v1/debtors/${newId('debtor')}/${list}`);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('debtor_not_found');
  });

  it.each(lists)("%s answers 404 for another tenant's debtor, as GET /debtors/{id} does", async (list) => {
    const res = await other.api('GET', `/api/v1/debtors/${known}/${list}`);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('debtor_not_found');
    expect((await other.api('GET', `/api/v1/debtors/${known}`)).status).toBe(404);
  });
});
