import cliProgress from 'cli-progress';

export interface Progress {
  update(bytes: number, rows: number): void;
  stop(): void;
}

/**
 * A byte-based progress bar with the rows read so far, on a terminal only (CI logs and pipes get none).
 * `unit` names what is counted (`rows`, `entries matched`).
 */
export function progressBar(label: string, totalBytes: number, unit = 'rows'): Progress | undefined {
  if (!process.stderr.isTTY) return undefined;
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {rows} ${unit} | {eta_formatted} left`,
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(totalBytes, 0, { rows: 0 });
  return {
    update(bytes, rows) {
      bar.update(Math.min(bytes, totalBytes), { rows: rows.toLocaleString('en') });
    },
    stop() {
      bar.stop();
    },
  };
}
