import type { Mailer } from '../mail/mailer.ts';
import type { ComposeDeps } from './reminder-compose.ts';

/** What delivering actions needs: the database, the plugin runtime, the mailer (null: no SMTP configured). */
export interface DeliveryDeps extends ComposeDeps {
  mailer: Mailer | null;
}
