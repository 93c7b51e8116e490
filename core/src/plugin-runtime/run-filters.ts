import { pluginAnswer } from './plugin-answer.ts';
import type { PluginRuntime } from './plugin-runtime.ts';
import type { PluginRunError } from './run-result.ts';

/** Why a filter gave nothing: a runtime failure, or the plugin's own `fail(…)` (`plugin_failed`). */
export interface FilterError extends Omit<PluginRunError, 'code'> {
  code: PluginRunError['code'] | 'plugin_failed';
}

/** What one installation's filter gave: its value, or why it gave none. */
export type FilterOutcome =
  | { installationId: string; ok: true; value: unknown }
  | { installationId: string; ok: false; error: FilterError };

export interface RunFiltersOptions {
  /**
   * How long core waits for each plugin, in ms. The runtime's own wall-clock limit applies too, so a
   * plugin is cut off at whichever comes first.
   */
  deadlineMs: number;
  /** Stops after the first value this accepts (the first plugin with an invoice copy wins). */
  until?: (value: unknown) => boolean;
}

/**
 * Runs a filter hook inside a core operation: each enabled installation declaring `hook`, in run
 * order (priority, then install order), one after the other, each under the deadline. Never rejects
 * and never lets a plugin fail the operation: a refusal, a sandbox failure, a plugin's own `fail(…)`
 * and a plugin out of time all become `{ ok: false, error }` and the next plugin runs. The runtime
 * records each run's failure on the installation, where the tenant sees it; a plugin cut off here
 * before the runtime's own limit goes on in its sandbox, and the runtime records how it ends
 * (`timeout` at its limit). Plugins run one after the other, so the operation may wait up to the
 * deadline once per plugin.
 */
export async function runFilters(
  runtime: PluginRuntime,
  tenantId: string,
  hook: string,
  payload: unknown,
  options: RunFiltersOptions,
): Promise<FilterOutcome[]> {
  let installations: string[];
  try {
    installations = await runtime.hooksFor(tenantId, hook);
  } catch {
    // Without the list there is nothing to run; the operation goes on without enrichment.
    return [];
  }
  const outcomes: FilterOutcome[] = [];
  for (const installationId of installations) {
    const outcome = await runOne(runtime, tenantId, installationId, hook, payload, options.deadlineMs);
    outcomes.push(outcome);
    if (outcome.ok && options.until?.(outcome.value)) break;
  }
  return outcomes;
}

async function runOne(
  runtime: PluginRuntime,
  tenantId: string,
  installationId: string,
  hook: string,
  payload: unknown,
  deadlineMs: number,
): Promise<FilterOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), deadlineMs);
  });
  try {
    const ran = await Promise.race([runtime.invoke(tenantId, installationId, hook, payload), late]);
    if (ran === 'late') {
      const message = `${hook} did not answer within ${deadlineMs} ms`;
      return { installationId, ok: false, error: { code: 'timeout', message, retryable: true } };
    }
    const answer = pluginAnswer(ran);
    if (answer.ok) return { installationId, ok: true, value: answer.value };
    if (answer.source === 'runtime') return { installationId, ok: false, error: answer.error };
    const { code, message } = answer.error;
    const error = { code: 'plugin_failed' as const, message: `${code}: ${message}`, retryable: false };
    return { installationId, ok: false, error };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { installationId, ok: false, error: { code: 'runtime_unavailable', message, retryable: true } };
  } finally {
    clearTimeout(timer);
  }
}
