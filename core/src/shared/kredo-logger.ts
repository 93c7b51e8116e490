import pino, { type DestinationStream, type Logger } from 'pino';
import { loggableError } from './log-error.ts';

/** Kredo's server log: pino, with errors written as `loggableError` shows them (no secrets). */
export function kredoLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, serializers: { err: loggableError } };
  return destination ? pino(options, destination) : pino(options);
}
