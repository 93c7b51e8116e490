import type { Logger } from 'pino';
import type { Orm } from '../db/orm.ts';
import { readAsTenant } from '../db/tenant-scope.ts';
import { findCapabilityInstallation } from '../marketplace/index.ts';
import { registerPayLinkPayment } from './register-pay-link-payment.ts';

/**
 * The webhook route's payment recorder: a payment reported by an installation that is not a pay-link
 * plugin is ignored and logged; one that is goes to `registerPayLinkPayment`.
 */
export function payLinkPaymentRecorder(orm: Orm, logger: Logger) {
  return async (tenantId: string, installationId: string, payment: unknown) => {
    const installation = await readAsTenant(orm, tenantId, (em) =>
      findCapabilityInstallation(em, 'payLink', installationId),
    );
    if (!installation) {
      logger.warn({ tenantId, installationId }, 'a plugin without the payLink capability reported a payment');
      return 'ignored' as const;
    }
    return registerPayLinkPayment(orm, logger, tenantId, installation, payment);
  };
}
