import pg from 'pg';
import type { Logger } from 'pino';

/** The channel the `installation` triggers notify on commit (Migration20261206000000InstallationChanges). */
export const INSTALLATION_CHANNEL = 'kredo_installation';

export interface ChangeListener {
  close(): Promise<void>;
}

const firstRetryMs = 500;
const maxRetryMs = 30_000;

/**
 * Calls `onChange(installationId, revision)` whenever an installation is changed (`revision`: what it
 * is now) or removed (no revision), in any process, once the change commits. A lost connection is opened again with backoff; meanwhile nothing is
 * unsafe, only slower to free: a changed installation's calls already go to a new sandbox (its key
 * carries the revision), and an unused old one is disposed when it has been idle long enough.
 */
export function listenForInstallationChanges(
  connectionString: string,
  onChange: (installationId: string, revision: string | undefined) => void,
  logger: Logger,
): ChangeListener {
  let client: pg.Client | undefined;
  let retryMs = firstRetryMs;
  let retry: NodeJS.Timeout | undefined;
  let closed = false;

  const connect = async () => {
    const next = new pg.Client({ connectionString });
    next.on('notification', (message) => {
      if (message.channel !== INSTALLATION_CHANNEL || !message.payload) return;
      const [installationId = '', revision] = message.payload.split(' ');
      onChange(installationId, revision);
    });
    next.on('error', (error) => {
      logger.warn({ err: { message: error.message } }, 'installation change listener lost its connection');
      void next.end().catch(() => {});
      if (client === next) client = undefined;
      schedule();
    });
    try {
      await next.connect();
      await next.query(`listen ${INSTALLATION_CHANNEL}`);
    } catch (error) {
      await next.end().catch(() => {});
      if (!closed) {
        logger.warn(
          { err: { message: (error as Error).message } },
          'could not listen for installation changes',
        );
        schedule();
      }
      return;
    }
    if (closed) {
      await next.end().catch(() => {});
      return;
    }
    client = next;
    retryMs = firstRetryMs;
  };

  const schedule = () => {
    if (closed || retry !== undefined) return;
    retry = setTimeout(() => {
      retry = undefined;
      void connect();
    }, retryMs);
    retry.unref();
    retryMs = Math.min(retryMs * 2, maxRetryMs);
  };

  void connect();
  return {
    async close() {
      closed = true;
      clearTimeout(retry);
      await client?.end().catch(() => {});
      client = undefined;
    },
  };
}
