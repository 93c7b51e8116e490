import { join } from 'node:path';
import pino, { type DestinationStream, type Level, type Logger, type LoggerOptions } from 'pino';
import type { Config } from '../config/load-config.ts';
import { kredoLogger } from '../shared/kredo-logger.ts';

export interface StartLog {
  logger: Logger;
  /** Where the JSON lines go instead of stdout (the demo), if anywhere. */
  file?: string;
}

/**
 * The log of `kredo start`: JSON lines on stdout at KREDO_LOG_LEVEL, as operators collect them.
 * With --demo they go to `<data dir>/kredo.log` instead, and the terminal shows only warnings and
 * errors, one readable line each on stderr, so the banner stays readable while you try the API.
 * With the embedded PostgreSQL, connections lost because that server is stopping are logged at debug:
 * Ctrl-C in a terminal reaches the server too (a child in the terminal's process group), which closes
 * every connection while Kredo is still stopping, and nothing is wrong.
 */
export function startLog(
  config: Pick<Config, 'logLevel' | 'dataDir' | 'databaseUrl'>,
  options: { demo: boolean; terminal?: { write(text: string): unknown } },
): StartLog {
  const hooks = config.databaseUrl ? undefined : embeddedShutdownHooks();
  if (!options.demo) return { logger: kredoLogger(config.logLevel, undefined, hooks) };
  const file = join(config.dataDir, 'kredo.log');
  const streams: pino.StreamEntry[] = [
    { level: 'warn', stream: readableLines(options.terminal ?? process.stderr) },
  ];
  if (config.logLevel !== 'silent') {
    const level = config.logLevel as Level;
    streams.push({ level, stream: pino.destination({ dest: file, mkdir: true, sync: true }) });
  }
  const lowest = streams.reduce((low, s) => Math.min(low, pino.levels.values[s.level as Level] ?? 60), 60);
  const logger = kredoLogger(pino.levels.labels[lowest] ?? 'warn', pino.multistream(streams), hooks);
  return { logger, file };
}

const WARN = 40;
const LEVEL_NAMES: Record<number, string> = { [WARN]: 'warning', 50: 'error', 60: 'fatal' };

/** A log line as a person reads it: `kredo warning: <message>: <the error's message>`. */
function readableLines(out: { write(text: string): unknown }): DestinationStream {
  return {
    write(line: string) {
      const { level, msg, err } = JSON.parse(line) as {
        level: number;
        msg?: string;
        err?: { message?: string };
      };
      const cause = err?.message && err.message !== msg ? `: ${err.message}` : '';
      out.write(`kredo ${LEVEL_NAMES[level] ?? 'log'}: ${msg ?? ''}${cause}\n`);
    },
  };
}

// PostgreSQL ending connections as it shuts down (by code, or by message where only that was kept),
// and what node-postgres and the job queue then say about those connections and about reconnecting.
const SHUTDOWN = /57P01|57P02|terminating connection due to administrator command/;
const AFTER_SHUTDOWN = /Connection terminated|not queryable|ECONNREFUSED|ECONNRESET|shutting down|57P03/;

/**
 * Lost connections at debug once the embedded server was seen shutting down. A request that failed
 * meanwhile keeps its error line: its client got a 5xx.
 */
function embeddedShutdownHooks(): LoggerOptions['hooks'] {
  let shuttingDown = false;
  return {
    logMethod(args, method, level) {
      const [first] = args as unknown[];
      const line = (first ?? {}) as { requestId?: unknown; err?: { code?: unknown; message?: unknown } };
      const { err } = line;
      if (level >= WARN && err !== undefined && line.requestId === undefined) {
        const said = `${err.code} ${err.message}`;
        if (SHUTDOWN.test(said)) shuttingDown = true;
        if (shuttingDown && (SHUTDOWN.test(said) || AFTER_SHUTDOWN.test(said))) {
          this.debug(...(args as [object, string]));
          return;
        }
      }
      method.apply(this, args);
    },
  };
}
