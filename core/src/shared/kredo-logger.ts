import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { loggableError } from './log-error.ts';

/** Kredo's server log: pino, with errors written as `loggableError` shows them (no secrets). */
export function kredoLogger(
  level: string,
  destination?: DestinationStream,
  hooks?: LoggerOptions['hooks'],
): Logger {
  const options = { level, serializers: { err: loggableError }, ...(hooks && { hooks }) };
  return destination ? pino(options, destination) : pino(options);
}
