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
});
