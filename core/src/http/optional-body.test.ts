import { afterAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../app/test-api.ts';
import { collectionRoutes } from '../collection/index.ts';
import { loadConfig } from '../config/load-config.ts';
import { creditCheckRoutes } from '../credit-checks/index.ts';
import { payLinkRoutes } from '../pay-links/index.ts';
import { createPluginRuntime, type PluginRuntime } from '../plugin-runtime/index.ts';
import { newId } from '../shared/ids.ts';

// No plugin is installed: the runtime is never asked, so its processes never start.
let runtime: PluginRuntime | undefined;
const { newTenant } = await createTestApi({
  routes: ({ orm, secretsKey }) => {
    runtime = createPluginRuntime({ orm, config: loadConfig({}), secretsKey });
    const deps = { orm, runtime };
    return [
      ...creditCheckRoutes(deps),
      ...payLinkRoutes({ ...deps, publicUrl: () => 'https://kredo.test' }),
      ...collectionRoutes(deps),
    ];
  },
});
afterAll(() => runtime?.close());

const { api, administrationId } = await newTenant('Acme');
const debtor = await api('POST', '/api/v1/debtors', {
  administrationId,
  number: 'D-1',
  name: 'Acme B.V.',
  addresses: [{ line1: 'Dam 1', country: 'NL' }],
});

describe('a POST without a body', () => {
  it.each([
    ['credit-checks', 409, 'capability_not_installed'],
    ['pay-links', 422, 'nothing_to_pay'],
    ['collection-cases', 422, 'nothing_overdue'],
  ])('to /debtors/{id}/%s, whose fields are all optional, is read as {}', async (what, status, code) => {
    const res = await api('POST', `/api/v1/debtors/${debtor.body.id}/${what}`);
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
  });

  it('to a route without a body schema (a delivery retry) goes on to the route', async () => {
    const installationId = newId('installation');
    const res = await api(
      'POST',
      `/api/v1/plugins/installations/${installationId}/deliveries/${newId('event')}/retry`,
    );
    expect({ status: res.status, code: res.body.code }).toEqual({
      status: 404,
      code: 'installation_not_found',
    });
  });

  it('to a route that needs one is still refused', async () => {
    const res = await api('POST', '/api/v1/debtors');
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('"value" must be of type object');
  });
});
