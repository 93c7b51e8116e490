import { administrationsModule } from '../administrations/index.ts';
import { bankStatementsModule } from '../bank-statements/index.ts';
import { collectionModule } from '../collection/index.ts';
import { creditChecksModule } from '../credit-checks/index.ts';
import { creditCoverModule } from '../credit-cover/index.ts';
import { debtorsModule } from '../debtors/index.ts';
import { disputesModule } from '../disputes/index.ts';
import { dunningModule } from '../dunning/index.ts';
import { eventsModule } from '../events/index.ts';
import { httpModule } from '../http/http-module.ts';
import { identityAdminModule } from '../identity-admin/index.ts';
import { importsModule } from '../imports/index.ts';
import { insurerNoticesModule } from '../insurer-notices/index.ts';
import { invoiceCopiesModule } from '../invoice-copies/index.ts';
import { invoicesModule } from '../invoices/index.ts';
import { lateChargesModule } from '../late-charges/index.ts';
import { marketplaceModule } from '../marketplace/index.ts';
import { messagesModule } from '../messages/index.ts';
import { notesModule } from '../notes/index.ts';
import { payLinksModule } from '../pay-links/index.ts';
import { paymentsModule } from '../payments/index.ts';
import { pluginLogsModule } from '../plugin-logs/index.ts';
import { portalModule } from '../portal/index.ts';
import { promisesModule } from '../promises/index.ts';
import type { KredoModule } from '../shared/kredo-module.ts';
import { tasksModule } from '../tasks/index.ts';
import { tenantsModule } from '../tenants/index.ts';
import { timelineModule } from '../timeline/index.ts';
import { webhooksModule } from '../webhooks/index.ts';
import type { ModuleDeps } from './module-deps.ts';

/**
 * Every module Kredo runs: their routes make the API, their tasks and cron entries the job worker.
 * A new module is a folder whose `index.ts` exports its description, and one line here.
 */
export const modules: readonly KredoModule<ModuleDeps>[] = [
  tenantsModule,
  administrationsModule,
  debtorsModule,
  invoicesModule,
  importsModule,
  paymentsModule,
  bankStatementsModule,
  eventsModule,
  pluginLogsModule,
  marketplaceModule,
  webhooksModule,
  creditChecksModule,
  payLinksModule,
  invoiceCopiesModule,
  collectionModule,
  creditCoverModule,
  insurerNoticesModule,
  messagesModule,
  lateChargesModule,
  tasksModule,
  notesModule,
  timelineModule,
  disputesModule,
  promisesModule,
  dunningModule,
  identityAdminModule,
  portalModule,
  httpModule,
];
