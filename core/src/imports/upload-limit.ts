import type { Readable } from 'node:stream';
import type { Lifecycle } from '@hapi/hapi';
import { DomainError } from '../shared/errors.ts';

/** The import is larger than KREDO_IMPORT_MAX_BYTES: 413, and nothing of it is written. */
export function importTooLarge(maxBytes: number): DomainError {
  return new DomainError(
    'import_too_large',
    413,
    `the file is larger than the ${maxBytes} bytes an import may have (KREDO_IMPORT_MAX_BYTES)`,
    { maxBytes },
  );
}

/**
 * A route extension (onPreAuth, before hapi reads any of the body) that answers a declared
 * Content-Length over the limit at once. Left to hapi, the 413 would wait until the whole body had been
 * read and thrown away, and a client that sends `Expect: 100-continue` would first be told to send it.
 */
export function refuseDeclaredOversize(maxBytes: number): Lifecycle.Method {
  return (request, h) => {
    const declared = Number(request.headers['content-length']);
    if (declared > maxBytes) throw importTooLarge(maxBytes);
    return h.continue;
  };
}

/**
 * The request body as it arrives, counted: past `maxBytes` it throws importTooLarge, whatever the
 * framing (a chunked upload declares no length). The body stream is left open when reading stops
 * early, so hapi can still send the answer on its connection.
 */
export async function* limitedBody(body: Readable, maxBytes: number): AsyncGenerator<Buffer> {
  let received = 0;
  for await (const chunk of body.iterator({ destroyOnReturn: false })) {
    received += (chunk as Buffer).length;
    if (received > maxBytes) throw importTooLarge(maxBytes);
    yield chunk as Buffer;
  }
}
