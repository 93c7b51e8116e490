import http from 'node:http';
import Boom from '@hapi/boom';
import type { ServerRoute } from '@hapi/hapi';
import { describe, expect, it } from 'vitest';
import { createTestApi, type Json } from '../app/test-api.ts';
import { kredoLogger } from '../shared/kredo-logger.ts';

const lines: Json[] = [];
const logger = kredoLogger('info', { write: (line: string) => lines.push(JSON.parse(line)) });

let release: () => void = () => {};
let started: () => void = () => {};
const routes: ServerRoute[] = [
  {
    method: 'GET',
    path: '/test/db-failure',
    options: { auth: false },
    handler: () => {
      // What a pg error looks like: its client holds the connection string.
      throw Object.assign(new Error('relation "ledger" does not exist'), {
        code: '42P01',
        client: { connectionString: 'postgres://kredo:s3cret@db/kredo' },
      });
    },
  },
  {
    method: 'GET',
    path: '/test/not-an-error',
    options: { auth: false },
    handler: () => {
      throw { password: 's3cret' };
    },
  },
  {
    method: 'GET',
    path: '/test/wrapped',
    options: { auth: false },
    handler: () => {
      throw Boom.badImplementation('wrapped', new TypeError('cannot read properties of undefined'));
    },
  },
  {
    method: 'GET',
    path: '/test/slow',
    options: { auth: false },
    handler: async () => {
      started();
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      return { late: true };
    },
  },
];
const { server } = await createTestApi({ routes: () => routes, logger, listen: true });

const logOf = (requestId: string) => lines.filter((line) => line.requestId === requestId);

describe('the request log', () => {
  it('logs a 500 with its cause and the request id that the answer and its header carry', async () => {
    const res = await server.inject('/test/db-failure');
    expect(res.statusCode).toBe(500);
    const body = JSON.parse(res.payload);
    expect(body.requestId).toMatch(/^req_[0-9a-z]{26}$/);
    expect(res.headers['x-request-id']).toBe(body.requestId);
    expect(res.payload).not.toMatch(/ledger|42P01/);
    const [line, ...more] = logOf(body.requestId);
    expect(more).toEqual([]);
    expect(line).toMatchObject({ level: 50, msg: 'request failed', status: 500, route: '/test/db-failure' });
    expect(line?.err).toMatchObject({
      type: 'Error',
      message: 'relation "ledger" does not exist',
      code: '42P01',
    });
    expect(line?.err.stack).toMatch(/request-log\.test\.ts/);
    expect(JSON.stringify(lines)).not.toMatch(/s3cret|\[object Object\]/);
  });

  it('logs what was thrown when it is not an Error, without its properties', async () => {
    const res = await server.inject('/test/not-an-error');
    const [line] = logOf(JSON.parse(res.payload).requestId);
    // hapi answers a thrown non-Error with an Error of its own, which is what is logged.
    expect(line?.err.message).toBe('Cannot throw non-error object');
    expect(JSON.stringify(lines)).not.toMatch(/s3cret|\[object Object\]/);
  });

  it('logs the error a Boom wraps', async () => {
    const res = await server.inject('/test/wrapped');
    const [line] = logOf(JSON.parse(res.payload).requestId);
    expect(line?.err).toMatchObject({
      type: 'TypeError',
      message: expect.stringMatching(/cannot read properties/),
    });
  });

  it('gives every answer a request id, and logs it on the request line', async () => {
    const res = await server.inject('/health');
    const requestId = res.headers['x-request-id'] as string;
    expect(requestId).toMatch(/^req_/);
    expect(logOf(requestId)).toEqual([expect.objectContaining({ level: 30, msg: 'request', status: 200 })]);
  });

  it('logs a request the client abandoned as "client closed request", not as an error', async () => {
    const before = lines.length;
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    const client = http.get(`http://127.0.0.1:${server.info.port}/test/slow`);
    client.on('error', () => {});
    await running;
    client.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    release();
    await expect.poll(() => lines.slice(before).find((line) => line.route === '/test/slow')).toBeDefined();
    const logged = lines.slice(before).filter((line) => line.route === '/test/slow');
    expect(logged).toEqual([
      expect.objectContaining({ level: 30, msg: 'client closed request', status: 499 }),
    ]);
    expect(lines.slice(before).filter((line) => line.level >= 50)).toEqual([]);
  });
});
