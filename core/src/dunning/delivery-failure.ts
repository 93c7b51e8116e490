import { MailError } from '../mail/mailer.ts';
import { DomainError } from '../shared/errors.ts';

/** Why a delivery did not go, as data (STYLE 6): recognised by `code`, retried when `retryable`. */
export interface DeliveryError {
  code: string;
  message: string;
  retryable: boolean;
}

/** A failure delivery itself decides on (no address, no mailer): permanent unless it says otherwise. */
export class DeliveryFailure extends Error {
  override name = 'DeliveryFailure';
  constructor(
    readonly code: string,
    message: string,
    readonly retryable = false,
  ) {
    super(message);
  }
}

/**
 * What went wrong, and whether another attempt may go better: a 5xx from the SMTP server and a
 * request the plugin or core refused (4xx) are final; a 4xx or lost connection from the SMTP server,
 * a plugin out of time or unavailable, or a plugin's own retryable failure, are worth a retry; an
 * error nobody classified is retried too (a bug or an outage), until the attempts run out.
 */
export function deliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryFailure)
    return { code: error.code, message: error.message, retryable: error.retryable };
  if (error instanceof MailError) {
    return {
      code: error.permanent ? 'smtp_rejected' : 'smtp_unavailable',
      message: error.message,
      retryable: !error.permanent,
    };
  }
  if (error instanceof DomainError) {
    const pluginRetryable = error.code === 'plugin_failed' && error.details?.retryable === true;
    const retryable =
      error.code === 'plugin_unavailable' || error.code === 'plugin_timeout' || pluginRetryable;
    return { code: error.code, message: error.message, retryable };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'delivery_error', message: message.slice(0, 500), retryable: true };
}
