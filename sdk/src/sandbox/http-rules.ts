/** The methods `ctx.http.fetch` may use. */
export const fetchMethods: ReadonlySet<string> = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Headers the host owns, which a plugin may not set: framing and connection handling, the pinned
 * Host, and identity encoding (so scrubbing sees plain text). Shared by production's fetch and the
 * test kit's, so a plugin that passes its tests is not refused in production.
 */
export const reservedHeaders: ReadonlySet<string> = new Set([
  'host',
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'upgrade',
  'te',
  'trailer',
  'expect',
  'accept-encoding',
  'proxy-authorization',
  'proxy-connection',
]);
