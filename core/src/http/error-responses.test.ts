import type { ServerRoute } from '@hapi/hapi';
import { describe, expect, it } from 'vitest';
import { createTestApi, type Json } from '../app/test-api.ts';
import { DomainError } from '../shared/errors.ts';
import { kredoLogger } from '../shared/kredo-logger.ts';

// Only a 4xx tells the client more than what failed: its details help the client correct the request.
// A 5xx is Kredo's own failure; its answer names it (code, message) and gives the request id under
// which the log line holds the rest.
const lines: Json[] = [];
const logger = kredoLogger('info', { write: (line: string) => lines.push(JSON.parse(line)) });

const failing = (path: string, error: () => Error): ServerRoute => ({
  method: 'GET',
  path,
  options: { auth: false },
  handler: () => {
    throw error();
  },
});
const routes = [
  failing(
    '/test/plugin-failed',
    () =>
      new DomainError('plugin_failed', 502, 'dev.kredo.agency could not handOff: agency down', {
        installationId: 'ins_1',
        pluginCode: 'agency_down',
        field: 'debtorId',
      }),
  ),
  failing(
    '/test/overloaded',
    () => new DomainError('plugin_unavailable', 503, 'busy; try again shortly', { retryAfter: 1 }),
  ),
  failing(
    '/test/conflict',
    () => new DomainError('debtor_exists', 409, 'Debtor D1 already exists', { id: 'dbt_1', field: 'number' }),
  ),
  failing('/test/bug', () => new TypeError('cannot read properties of undefined')),
  failing('/test/rls', () =>
    Object.assign(new Error('new row violates row-level security policy for table "debtor"'), {
      code: '42501',
    }),
  ),
  failing('/test/grant', () =>
    Object.assign(new Error('permission denied for table debtor'), { code: '42501' }),
  ),
];
const { server } = await createTestApi({ routes: () => routes, logger });

async function get(path: string) {
  const res = await server.inject(path);
  return { status: res.statusCode, headers: res.headers, body: JSON.parse(res.payload) as Json };
}
const logOf = (requestId: string) => lines.filter((line) => line.requestId === requestId);

describe('error answers', () => {
  it('answer a 5xx domain error with its code, message and request id, and log its details', async () => {
    const res = await get('/test/plugin-failed');
    expect(res.body).toEqual({
      statusCode: 502,
      error: 'Bad Gateway',
      code: 'plugin_failed',
      message: 'dev.kredo.agency could not handOff: agency down',
      requestId: res.headers['x-request-id'],
    });
    expect(logOf(res.body.requestId)).toEqual([
      expect.objectContaining({
        level: 50,
        status: 502,
        err: expect.objectContaining({ type: 'DomainError', code: 'plugin_failed' }),
        details: { installationId: 'ins_1', pluginCode: 'agency_down', field: 'debtorId' },
      }),
    ]);
  });

  it('keep Retry-After on a 5xx, out of the body', async () => {
    const res = await get('/test/overloaded');
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('1');
    expect(Object.keys(res.body).sort()).toEqual(['code', 'error', 'message', 'requestId', 'statusCode']);
  });

  it('answer a 500 with the request id alone', async () => {
    const res = await get('/test/bug');
    expect(res.body).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'An internal server error occurred',
      requestId: res.headers['x-request-id'],
    });
  });

  it('give a 4xx its field and details', async () => {
    const res = await get('/test/conflict');
    expect(res.body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      code: 'debtor_exists',
      message: 'Debtor D1 already exists',
      field: 'number',
      details: { id: 'dbt_1', field: 'number' },
    });
  });

  it('answer a write row-level security refused with 403, and a missing grant (a bug) with 500', async () => {
    expect(await get('/test/rls')).toMatchObject({
      status: 403,
      body: { code: 'administration_not_allowed' },
    });
    expect((await get('/test/grant')).status).toBe(500);
  });
});
