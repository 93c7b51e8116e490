/**
 * An error as Kredo logs it: type, message, code and stack, nothing else. pino's default serializer
 * copies every enumerable property, and a pg error carries its `client`: connection details, the
 * backend's cancel key, the statements it ran. None of that belongs in a log.
 */
export function loggableError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const { code } = error as { code?: unknown };
  return {
    type: error.name,
    message: error.message,
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    ...(error.stack ? { stack: error.stack } : {}),
  };
}
