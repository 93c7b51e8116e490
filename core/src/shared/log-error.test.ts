import pg from 'pg';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { kredoLogger } from './kredo-logger.ts';
import { loggableError } from './log-error.ts';

describe('errors in the log', () => {
  it('keep type, message, code and stack, never the pg client with its connection details', () => {
    const client = new pg.Client({ connectionString: 'postgres://kredo:s3cret-password@127.0.0.1:1/x' });
    const error = Object.assign(new Error('terminating connection due to administrator command'), {
      code: '57P01',
      client,
    });
    const lines: string[] = [];
    const logger = kredoLogger('info', { write: (line: string) => lines.push(line) });
    logger.warn({ err: error }, 'a job queue connection failed');
    expect(lines.join('')).toContain('57P01');
    expect(lines.join('')).not.toContain('connectionParameters');
    // What pino's default serializer writes: the whole client, connection details and all.
    const plain: string[] = [];
    pino({}, { write: (line: string) => plain.push(line) }).warn({ err: error }, 'x');
    expect(plain.join('')).toContain('connectionParameters');
    expect(loggableError('odd')).toEqual({ message: 'odd' });
  });

  it('describe a thrown non-Error by its message alone, follow causes, and pass twice unchanged', () => {
    expect(loggableError({ password: 's3cret' })).toEqual({
      type: 'Object',
      message: 'a value that is not an Error was thrown',
    });
    const error = new Error('could not import', {
      cause: Object.assign(new Error('deadlock'), { code: '40P01' }),
    });
    const once = loggableError(error);
    expect(once.cause).toMatchObject({ type: 'Error', message: 'deadlock', code: '40P01' });
    // The event worker logs `err: loggableError(e)` through kredoLogger, whose serializer applies it again.
    expect(loggableError(once)).toEqual(once);
  });
});
