import { once } from 'node:events';
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { createTestApi, type Json } from '../app/test-api.ts';
import { withTenantClient } from '../db/tenant-scope.ts';

// Imports over real HTTP, as a client on the network sends them: chunked, with and without
// Content-Length, with `Expect: 100-continue`, in encodings other than UTF-8.
const LIMIT = 1024 * 1024;
const { server, db, newTenant, tokenFor } = await createTestApi({ listen: true, importMaxBytes: LIMIT });
const acme = await newTenant('Upload BV');
const token = await tokenFor(acme.tenantId);

interface Answer {
  status: number;
  body: Json;
  /** Bytes of the body the client had written when the answer came. */
  written: number;
}

/**
 * POSTs `chunks` to the import route, writing each as the socket takes it, and stops writing as soon
 * as an answer arrives, as a client that streams a large file does.
 */
async function send(
  query: string,
  chunks: Iterable<Buffer>,
  headers: Record<string, string>,
): Promise<Answer> {
  const request = http.request({
    host: '127.0.0.1',
    port: server.info.port,
    method: 'POST',
    path: `/api/v1/imports?administrationId=${acme.administrationId}&${query}`,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv', ...headers },
  });
  let written = 0;
  const answer = new Promise<Answer>((resolve, reject) => {
    request.on('response', async (response) => {
      const parts: Buffer[] = [];
      for await (const part of response) parts.push(part as Buffer);
      resolve({
        status: response.statusCode ?? 0,
        body: JSON.parse(Buffer.concat(parts).toString()),
        written,
      });
    });
    // Writes after the server closed fail; only a failure before any answer counts.
    request.on('error', (error) => setTimeout(() => reject(error), 1000));
  });
  let answered = false;
  answer.then(
    () => (answered = true),
    () => (answered = true),
  );
  request.flushHeaders();
  for (const chunk of chunks) {
    if (answered || request.destroyed) break;
    written += chunk.length;
    if (!request.write(chunk)) await Promise.race([once(request, 'drain'), answer, once(request, 'close')]);
  }
  if (!answered && !request.destroyed) request.end();
  return answer;
}

function* debtorRows(prefix: string, bytes: number): Generator<Buffer> {
  yield Buffer.from('debtor_number,name\n');
  let sent = 0;
  for (let i = 0; sent < bytes; i++) {
    const rows = Array.from(
      { length: 500 },
      (_, j) => `${prefix}-${i * 500 + j},Debtor ${i * 500 + j}\n`,
    ).join('');
    sent += rows.length;
    yield Buffer.from(rows);
  }
}

async function debtorsNumbered(prefix: string): Promise<number> {
  const { rows } = await withTenantClient(db.orm, acme.tenantId, (client) =>
    client.query('select count(*)::int as n from debtor where number like $1', [`${prefix}-%`]),
  );
  return rows[0].n;
}

describe('the import size limit (KREDO_IMPORT_MAX_BYTES)', () => {
  it('holds for a chunked upload: 413 import_too_large, and no row of it written', async () => {
    const res = await send('format=debtors', debtorRows('CHUNKED', 3 * LIMIT), {
      'transfer-encoding': 'chunked',
    });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'import_too_large', details: { maxBytes: LIMIT } });
    expect(await debtorsNumbered('CHUNKED')).toBe(0);
  });

  it('imports a chunked upload under the limit', async () => {
    const res = await send('format=debtors', debtorRows('SMALL', LIMIT / 4), {
      'transfer-encoding': 'chunked',
    });
    expect(res.status).toBe(200);
    expect(res.body.created).toBeGreaterThan(1000);
    expect(await debtorsNumbered('SMALL')).toBe(res.body.created);
  });

  it.each([
    ['without Expect', {}],
    ['with Expect: 100-continue, not waiting for it', { expect: '100-continue' }],
  ])('answers a Content-Length over the limit at once, %s', async (_case, headers) => {
    const started = Date.now();
    const res = await send('format=debtors', debtorRows('DECLARED', 3 * LIMIT), {
      'content-length': String(40 * LIMIT),
      ...headers,
    });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'import_too_large' });
    expect(res.written).toBeLessThan(40 * LIMIT);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await debtorsNumbered('DECLARED')).toBe(0);
  });
});

describe('CSV files in other encodings, over HTTP', () => {
  // "Müller € Söhne" as Excel on Windows saves it: ü and ö as in Latin-1, € at 0x80.
  const latin1 = Buffer.concat([
    Buffer.from('debtor_number,name\nENC-1,M'),
    Buffer.from([0xfc]),
    Buffer.from('ller '),
    Buffer.from([0x80]),
    Buffer.from(' S'),
    Buffer.from([0xf6]),
    Buffer.from('hne\n'),
  ]);

  it('reads Windows-1252, detected, and says so in the report', async () => {
    const res = await send('format=debtors', [latin1], { 'transfer-encoding': 'chunked' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 1, rejected: 0, encoding: 'windows-1252' });
    expect(res.body.warnings.join()).toMatch(/read as Windows-1252/);
    const found = await acme.api('GET', '/api/v1/debtors?q=ENC-1');
    expect(found.body.data[0].name).toBe('Müller € Söhne');
  });

  it('reads UTF-16 with a byte-order mark, and a declared charset without a warning', async () => {
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('debtor_number;name\nENC-2;Zoë\n', 'utf16le'),
    ]);
    const res = await send('format=debtors', [utf16], {});
    expect(res.body).toMatchObject({ created: 1, encoding: 'utf-16le', warnings: [] });
    const declared = await send(
      'format=debtors',
      [Buffer.from('debtor_number,name\nENC-3,Gr\xfc\xdf Gott\n', 'latin1')],
      {
        'content-type': 'text/csv; charset=ISO-8859-1',
      },
    );
    expect(declared.body).toMatchObject({ created: 1, encoding: 'windows-1252', warnings: [] });
  });

  it('answers a binary file with 422 not_text naming the line, and an unknown charset with 415', async () => {
    const xlsx = Buffer.concat([
      Buffer.from('PK\x03\x04\x14\x00\x06\x00', 'latin1'),
      Buffer.alloc(4000, 0xa5),
    ]);
    const res = await send('format=debtors', [xlsx], { 'transfer-encoding': 'chunked' });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'not_text', details: { line: 1 } });
    const unknown = await send('format=debtors', [latin1], { 'content-type': 'text/csv; charset=shift_jis' });
    expect(unknown.status).toBe(415);
    expect(unknown.body).toMatchObject({ code: 'unsupported_charset' });
  });

  it('answers a UBL document that is not UTF-8, or binary, with 422 (never a hung request)', async () => {
    const xml = Buffer.from(
      '<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">Zoë</Invoice>',
      'latin1',
    );
    for (const body of [xml, Buffer.alloc(5000, 0xfe)]) {
      const res = await send('format=ubl', [body], {
        'content-type': 'application/xml',
        'transfer-encoding': 'chunked',
      });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'not_utf8' });
    }
  });

  it('answers a file that is not UTF-8 where it said it was with 422 not_utf8 and the line', async () => {
    const res = await send('format=debtors', [latin1], { 'content-type': 'text/csv; charset=utf-8' });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'not_utf8', details: { line: 2 } });
  });
});
