import type { ServerRoute } from '@hapi/hapi';
import pino from 'pino';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { Orm } from '../db/orm.ts';
import { conflict, notFound } from '../shared/errors.ts';
import { Joi } from '../shared/joi.ts';
import { failures, pdfAnswer } from './answer-schemas.ts';
import { createServer } from './server.ts';

// The test server's answer check on routes made to break their contract; no database is reached.
const thing = Joi.object({ id: Joi.string().required() });
const route = (
  path: string,
  status: Record<number, unknown>,
  handler: ServerRoute['handler'],
): ServerRoute => ({
  method: 'GET',
  path,
  options: { id: path.slice(1), auth: false, response: { status: status as never } },
  handler,
});
const routes = [
  route('/declared', { 201: thing }, (_r, h) => h.response({ id: 'a' }).code(201)),
  route('/undeclared-status', { 201: thing }, () => ({ id: 'a' })),
  route('/extra-field', { 200: thing }, () => ({ id: 'a', secret: 'b' })),
  route('/pdf', { 200: pdfAnswer }, (_r, h) => h.response(Buffer.from('%PDF-1.7')).type('application/pdf')),
  route('/declared-failure', { 200: thing, ...failures({ 404: 'gone' }) }, () => {
    throw notFound('Debtor', 'a');
  }),
  route('/undeclared-failure', { 200: thing, ...failures({ 404: 'gone' }) }, () => {
    throw conflict('debtor_exists', 'taken');
  }),
];
const start = async (checkAnswers: boolean) => {
  const server = await createServer({
    orm: {} as Orm,
    logger: pino({ level: 'silent' }),
    verifier: undefined,
    routes,
    checkAnswers,
  });
  await server.initialize();
  afterAll(() => server.stop());
  return server;
};
const checked = await start(true);
const unchecked = await start(false);

describe('the test server checks every answer against its declaration', () => {
  vi.spyOn(console, 'error').mockImplementation(() => {});

  it('passes what was declared, JSON, PDF and failures alike', async () => {
    expect((await checked.inject('/declared')).statusCode).toBe(201);
    expect((await checked.inject('/pdf')).statusCode).toBe(200);
    const failed = await checked.inject('/declared-failure');
    expect(failed.statusCode).toBe(404);
    expect(failed.result).toMatchObject({ code: 'debtor_not_found' });
  });

  it.each([
    [
      '/undeclared-status',
      'GET /undeclared-status answered 200, which it does not declare (it declares 201,',
    ],
    ['/extra-field', 'GET /extra-field answered 200 outside its declared schema: "secret" is not allowed'],
    ['/undeclared-failure', 'GET /undeclared-failure answered 409, which it does not declare'],
  ])('turns %s into a 500 that says what broke', async (path, message) => {
    const res = await checked.inject(path);
    expect(res.statusCode).toBe(500);
    expect((res.result as { message: string }).message).toContain(message);
  });

  it('is off in production, where it would cost every request', async () => {
    expect((await unchecked.inject('/undeclared-status')).statusCode).toBe(200);
    expect((await unchecked.inject('/extra-field')).result).toEqual({ id: 'a', secret: 'b' });
  });
});
