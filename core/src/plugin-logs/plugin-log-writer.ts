import type { Logger } from 'pino';
import type { Orm } from '../db/orm.ts';
import { withTenantClient } from '../db/tenant-scope.ts';
import type { PluginLogLevel } from '../plugin-host/index.ts';
import { plainText } from '../shared/plain-text.ts';
import { LogBudget } from './log-budget.ts';
import { insertLine, type PluginLogLine, pruneLines } from './plugin-log-store.ts';

export interface PluginLogLimits {
  /** Lines one installation may store a minute (`KREDO_PLUGIN_LOG_LINES_PER_MINUTE`). */
  linesPerMinute: number;
  /** Newest lines kept per installation (`KREDO_PLUGIN_LOG_KEEP_LINES`). */
  keepLines: number;
  /** Prune after every this many stored lines of an installation (and on its first in this process). */
  pruneEvery?: number;
}

/** Where a line comes from: who the tenant is and which call of which installation wrote it. */
export interface PluginLogSource {
  tenantId: string;
  installationId: string;
  hook: string | null;
}

/** Stores plugin log lines for the tenant to read; a runtime process holds one. */
export interface PluginLogWriter {
  /**
   * Never rejects: a line over the limit is counted and answers false; a line within it answers
   * true once written (a failed write goes to the server log).
   */
  write(source: PluginLogSource, level: PluginLogLevel, message: string): Promise<boolean>;
  /** Writes the pending drop markers and waits for every write under way. */
  close(): Promise<void>;
}

interface InstallationState {
  tenantId: string;
  /** Writes of one installation run one after another: lines keep their order, one connection at most. */
  tail: Promise<void>;
  /** Lines stored since the last prune; undefined before the first write in this process, which prunes. */
  sincePrune: number | undefined;
  markerTimer?: NodeJS.Timeout;
}

export function createPluginLogWriter(orm: Orm, logger: Logger, limits: PluginLogLimits): PluginLogWriter {
  const budget = new LogBudget(limits.linesPerMinute);
  const pruneEvery = limits.pruneEvery ?? 100;
  const states = new Map<string, InstallationState>();

  const marker = (installationId: string, dropped: number): PluginLogLine => ({
    installationId,
    level: 'warn',
    message: `${dropped} log line${dropped === 1 ? '' : 's'} dropped: over ${limits.linesPerMinute} a minute`,
    hook: null,
    dropped,
  });

  function stateOf(source: PluginLogSource): InstallationState {
    let state = states.get(source.installationId);
    if (state === undefined) {
      state = { tenantId: source.tenantId, tail: Promise.resolve(), sincePrune: undefined };
      states.set(source.installationId, state);
    }
    return state;
  }

  function enqueue(installationId: string, state: InstallationState, lines: PluginLogLine[]): Promise<void> {
    const prune = state.sincePrune === undefined || state.sincePrune + lines.length >= pruneEvery;
    state.sincePrune = prune ? 0 : (state.sincePrune ?? 0) + lines.length;
    state.tail = state.tail.then(async () => {
      try {
        await withTenantClient(orm, state.tenantId, async (client) => {
          for (const line of lines) await insertLine(client, line);
          if (prune) await pruneLines(client, installationId, limits.keepLines);
        });
      } catch (error) {
        logger.error(
          { err: error, tenantId: state.tenantId, installationId },
          'could not store a plugin log line',
        );
      }
    });
    return state.tail;
  }

  // The window ended: the drops since the last stored line get their marker even if the plugin went quiet.
  function flushMarker(installationId: string, state: InstallationState) {
    state.markerTimer = undefined;
    const dropped = budget.takeDropped(installationId);
    if (dropped > 0) void enqueue(installationId, state, [marker(installationId, dropped)]);
  }

  return {
    write(source, level, message) {
      const state = stateOf(source);
      const decision = budget.take(source.installationId);
      if (!decision.store) {
        if (decision.first && state.markerTimer === undefined) {
          state.markerTimer = setTimeout(() => flushMarker(source.installationId, state), decision.inMs);
          state.markerTimer.unref();
        }
        return Promise.resolve(false);
      }
      // The plugin's text, stored without line breaks, terminal escapes or bidi overrides.
      const line = {
        installationId: source.installationId,
        level,
        message: plainText(message),
        hook: source.hook,
      };
      const lines = decision.dropped > 0 ? [marker(source.installationId, decision.dropped), line] : [line];
      return enqueue(source.installationId, state, lines).then(() => true);
    },

    async close() {
      for (const [installationId, state] of states) {
        if (state.markerTimer === undefined) continue;
        clearTimeout(state.markerTimer);
        flushMarker(installationId, state);
      }
      await Promise.all([...states.values()].map((state) => state.tail));
    },
  };
}
