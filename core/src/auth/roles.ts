import { SCOPES } from './principal.ts';

/** The roles the identity server puts in a user's access token (`roles` claim). */
export const ROLES = ['admin', 'credit_manager', 'collector', 'viewer', 'partner'] as const;
export type Role = (typeof ROLES)[number];

const READS = [SCOPES.ledgerRead, SCOPES.dunningRead];
const DAILY_WORK = [...READS, SCOPES.dunningWrite];
const CREDIT_MANAGEMENT = [
  ...DAILY_WORK,
  SCOPES.ledgerWrite,
  SCOPES.importWrite,
  SCOPES.dunningManage,
  SCOPES.reportsManage,
];

/**
 * The one table of what each role may do, in the route scopes core checks (docs/authentication.md
 * explains each line). A viewer reads the ledger and dunning. A collector does the daily work on
 * top: tasks, notes, holds, disputes, promises, plans and dunning runs (`dunning:write`), but does not
 * change the ledger (`ledger:write` creates invoices and payments and asks plugins to act, e.g. hand a
 * debtor to collection) nor design dunning. A credit manager also writes the ledger, imports and
 * designs dunning (`dunning:manage`) and schedules the reports mailed to people (`reports:manage`). An admin is a credit manager who also manages the tenant's
 * plugins (`plugins:manage`), its API clients and users, and reads its audit log (`identity:manage`),
 * and the debtor portal: where it is embedded and sessions for debtors (`portal:sessions`, which is
 * mostly an API client's: the tenant's website backend mints the sessions). A partner publishes plugins and nothing else (`marketplace:publish`).
 */
export const ROLE_SCOPES: Readonly<Record<Role, readonly string[]>> = {
  viewer: READS,
  collector: DAILY_WORK,
  credit_manager: CREDIT_MANAGEMENT,
  admin: [...CREDIT_MANAGEMENT, SCOPES.pluginsManage, SCOPES.identityManage, SCOPES.portalSessions],
  partner: [SCOPES.marketplacePublish],
};

/** Scopes that reach no tenant's data: a token holding only these needs no `tenant` claim. */
export const TENANT_FREE_SCOPES: readonly string[] = [SCOPES.marketplacePublish];

/**
 * What a token may do. A user's token (one with `roles`) gets the scopes it was granted that one of
 * its roles allows: the client asked for them and the person may use them. Unknown roles add nothing,
 * so a role the identity server learns before core does grants no access. A token without `roles` (an
 * API client's, through client credentials) gets the scopes it was granted, as the tenant admin who
 * created the client chose them.
 */
export function effectiveScopes(granted: readonly string[], roles: readonly string[] | undefined): string[] {
  const unique = [...new Set(granted)];
  if (roles === undefined) return unique;
  const allowed = new Set(roles.filter(isRole).flatMap((role) => ROLE_SCOPES[role]));
  return unique.filter((scope) => allowed.has(scope));
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
