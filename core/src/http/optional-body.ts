import type { Server } from '@hapi/hapi';
import type { Schema } from '../shared/joi.ts';

const acceptsEmpty = new WeakMap<Schema, boolean>();

/**
 * A POST without a body, to a route whose body may be empty (every field optional), is that route's
 * `{}`: hapi hands validation `null` for an absent body, which an object schema refuses ("must be
 * of type object"). Routes whose schema refuses `{}` still refuse an absent body.
 */
export function registerOptionalBody(server: Server): void {
  server.ext('onPostAuth', (request, h) => {
    const schema = request.route.settings.validate?.payload as Schema | undefined;
    if (request.payload !== null || !schema || typeof schema.validate !== 'function') return h.continue;
    let empty = acceptsEmpty.get(schema);
    if (empty === undefined) {
      empty = schema.validate({}).error === undefined;
      acceptsEmpty.set(schema, empty);
    }
    // hapi's types say read-only; the lifecycle replaces the payload the same way after validation.
    if (empty) (request as { payload: unknown }).payload = {};
    return h.continue;
  });
}
