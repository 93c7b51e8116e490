import { ROLE_SCOPES, type Role } from '../auth/roles.ts';
import { invalid } from '../shared/errors.ts';

/** The roles a tenant's staff can hold (a partner publishes plugins and is no tenant's staff). */
export const STAFF_ROLES = [
  'admin',
  'credit_manager',
  'collector',
  'viewer',
] as const satisfies readonly Role[];
export type StaffRole = (typeof STAFF_ROLES)[number];

/**
 * No escalation: a caller gives a role only when it holds every scope the role carries, so nobody
 * makes a user who can do more than they can. An admin holds them all and may give any staff role.
 * Throws naming the first role at fault (`roles[i]`). Pure.
 */
export function checkRoleGrants(requested: readonly string[], held: readonly string[]): void {
  const own = new Set(held);
  requested.forEach((role, i) => {
    const scopes = ROLE_SCOPES[role as Role] ?? [];
    const missing = scopes.find((scope) => !own.has(scope));
    if (missing)
      throw invalid(
        `roles[${i}]`,
        `${role} carries ${missing}, which you do not hold: you give no more than you have`,
      );
  });
}

/**
 * The administrations a member is given must exist, and the caller must reach them: a caller limited
 * to some administrations gives no more than those (not "all", which is what none named means).
 * `visible` are the requested ids the caller's session sees (row-level security applies the caller's
 * own limit). Throws naming the first one at fault (`administrations[i]`). Pure.
 */
export function checkAdministrationGrants(
  requested: readonly string[] | null | undefined,
  callerLimit: readonly string[] | undefined,
  visible: ReadonlySet<string>,
): void {
  if (requested === undefined || requested === null) {
    if (callerLimit !== undefined)
      throw invalid('administrations', 'you reach only some administrations: name the ones to give');
    return;
  }
  requested.forEach((id, i) => {
    if (!visible.has(id)) throw invalid(`administrations[${i}]`, `no administration ${id} that you reach`);
  });
}
