/** How many `cause`s deep an error is followed: enough for an ORM error around a driver error. */
const CAUSE_DEPTH = 3;

/**
 * An error as Kredo logs it: type, message, code, stack and cause, nothing else. pino's default
 * serializer copies every enumerable property, and a pg error carries its `client`: connection details,
 * the backend's cancel key, the statements it ran. None of that belongs in a log. A value that is not an
 * Error is described by its `message` alone, never its other properties; a Boom that wraps an error
 * (hapi's answer to a thrown TypeError) is logged as that error. What this returns comes back unchanged
 * from it, so an error already made loggable may pass a logger's `err` serializer again.
 */
export function loggableError(error: unknown, depth = 0): Record<string, unknown> {
  if (error === null || typeof error !== 'object') return { message: String(error) };
  const { data, isBoom } = error as { data?: unknown; isBoom?: unknown };
  if (isBoom === true && data instanceof Error) return loggableError(data, depth);
  const { name, type, message, code, stack, cause } = error as Record<string, unknown>;
  const kind = error instanceof Error ? name : (type ?? error.constructor?.name);
  return {
    ...(typeof kind === 'string' ? { type: kind } : {}),
    message: typeof message === 'string' ? message : 'a value that is not an Error was thrown',
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    ...(typeof stack === 'string' ? { stack } : {}),
    ...(cause !== undefined && depth < CAUSE_DEPTH ? { cause: loggableError(cause, depth + 1) } : {}),
  };
}
