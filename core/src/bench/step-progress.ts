import { progressBar } from '../cli/progress-bar.ts';

export interface StepProgress {
  /** `done` counts toward `total` (bytes or rows); `rows` is what the bar shows beside it. */
  update(done: number, rows: number): void;
  stop(): void;
}

/**
 * Progress of one long step on stderr: the CLI's bar on a terminal, and a line every tenth of the
 * way otherwise, so a bench run in CI or redirected to a file still shows it is alive.
 */
export function stepProgress(label: string, total: number, log: (line: string) => void): StepProgress {
  const bar = progressBar(label, total);
  if (bar) return bar;
  let reported = 0;
  return {
    update(done, rows) {
      const tenths = Math.floor((10 * done) / Math.max(total, 1));
      if (tenths <= reported) return;
      reported = tenths;
      log(`${label}: ${Math.min(tenths * 10, 100)} % (${rows.toLocaleString('en')} rows)`);
    },
    stop() {},
  };
}
