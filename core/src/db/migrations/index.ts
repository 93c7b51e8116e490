import { Migration20261122000000Ledger } from './Migration20261122000000Ledger.ts';
import { Migration20261122010000Marketplace } from './Migration20261122010000Marketplace.ts';
import { Migration20261122020000PluginStorage } from './Migration20261122020000PluginStorage.ts';
import { Migration20261122030000PluginRuntime } from './Migration20261122030000PluginRuntime.ts';
import { Migration20261122040000Outbox } from './Migration20261122040000Outbox.ts';
import { Migration20261122050000Webhooks } from './Migration20261122050000Webhooks.ts';
import { Migration20261122060000OverdueEvents } from './Migration20261122060000OverdueEvents.ts';
import { Migration20261122070000PayLinksAndCreditReports } from './Migration20261122070000PayLinksAndCreditReports.ts';
import { Migration20261122080000CollectionAndCover } from './Migration20261122080000CollectionAndCover.ts';
import { Migration20261122090000PluginLog } from './Migration20261122090000PluginLog.ts';
import { Migration20261122100000EmptyDebtorLists } from './Migration20261122100000EmptyDebtorLists.ts';
import { Migration20261122110000InsurerNotices } from './Migration20261122110000InsurerNotices.ts';
import { Migration20261122120000InstallationGrant } from './Migration20261122120000InstallationGrant.ts';
import { Migration20261206000000InstallationChanges } from './Migration20261206000000InstallationChanges.ts';
import { Migration20261207020000LateChargeRates } from './Migration20261207020000LateChargeRates.ts';
import { Migration20261213000000TenantKeys } from './Migration20261213000000TenantKeys.ts';
import { Migration20261214000000Dunning } from './Migration20261214000000Dunning.ts';
import { Migration20261214020000AdministrationSender } from './Migration20261214020000AdministrationSender.ts';
import { Migration20261214030000Notes } from './Migration20261214030000Notes.ts';
import { Migration20261214040000DisputesPromisesPlans } from './Migration20261214040000DisputesPromisesPlans.ts';
import { Migration20261215000000ClaimedCharges } from './Migration20261215000000ClaimedCharges.ts';
import { Migration20261216000000AdministrationAccess } from './Migration20261216000000AdministrationAccess.ts';
import { Migration20261217000000PortalSessions } from './Migration20261217000000PortalSessions.ts';
import { Migration20261218010000PortalConfirmations } from './Migration20261218010000PortalConfirmations.ts';
import { Migration20261218020000PortalGroupAndLink } from './Migration20261218020000PortalGroupAndLink.ts';
import { Migration20261218030000BankStatements } from './Migration20261218030000BankStatements.ts';
import { Migration20261218040000Reconciliation } from './Migration20261218040000Reconciliation.ts';
import { Migration20261218050000Insight } from './Migration20261218050000Insight.ts';
import { Migration20261218060000RiskAndForecast } from './Migration20261218060000RiskAndForecast.ts';
import { Migration20261218070000Reports } from './Migration20261218070000Reports.ts';
import { Migration20261219020000MatchFailures } from './Migration20261219020000MatchFailures.ts';
import { Migration20261219040000ReportLanguage } from './Migration20261219040000ReportLanguage.ts';
import { Migration20261220010000MatchRetries } from './Migration20261220010000MatchRetries.ts';

/** Every migration, in order. Listed explicitly so they run the same from source and from a bundle. */
export const migrations = [
  Migration20261122000000Ledger,
  Migration20261122010000Marketplace,
  Migration20261122020000PluginStorage,
  Migration20261122030000PluginRuntime,
  Migration20261122040000Outbox,
  Migration20261122050000Webhooks,
  Migration20261122060000OverdueEvents,
  Migration20261122070000PayLinksAndCreditReports,
  Migration20261122080000CollectionAndCover,
  Migration20261122090000PluginLog,
  Migration20261122100000EmptyDebtorLists,
  Migration20261122110000InsurerNotices,
  Migration20261122120000InstallationGrant,
  Migration20261206000000InstallationChanges,
  Migration20261207020000LateChargeRates,
  Migration20261213000000TenantKeys,
  Migration20261214000000Dunning,
  Migration20261214020000AdministrationSender,
  Migration20261214030000Notes,
  Migration20261214040000DisputesPromisesPlans,
  Migration20261215000000ClaimedCharges,
  Migration20261216000000AdministrationAccess,
  Migration20261217000000PortalSessions,
  Migration20261218010000PortalConfirmations,
  Migration20261218020000PortalGroupAndLink,
  Migration20261218030000BankStatements,
  Migration20261218040000Reconciliation,
  Migration20261218050000Insight,
  Migration20261218060000RiskAndForecast,
  Migration20261218070000Reports,
  Migration20261219020000MatchFailures,
  Migration20261219040000ReportLanguage,
  Migration20261220010000MatchRetries,
];
