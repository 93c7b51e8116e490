import type { Request, ServerRoute } from '@hapi/hapi';
import { countMembers, isActiveMember, type Queryable } from '@kredo/identity';
import { principal } from '../http/request-context.ts';
import { invalid } from '../shared/errors.ts';

/**
 * Where staff users are named by id (a debtor's collector, a task's assignee): each route's
 * operationId and the payload fields holding a user id.
 */
export type StaffFields = Readonly<Record<string, readonly string[]>>;

/**
 * The rule: a user id set through the API must be an active member of the tenant (identity's
 * membership, not deactivated) — but only once the identity server knows the tenant's users, i.e.
 * the tenant has at least one member account. A tenant without any (run by API clients only, test data,
 * a demo tenant seeded with free-form subjects) keeps accepting any id. null (unassigned) is always
 * fine. Throws a 400 naming the field.
 */
export async function checkStaffUser(
  identityDb: Queryable,
  tenantId: string,
  field: string,
  userId: string,
): Promise<void> {
  if ((await countMembers(identityDb, tenantId)) === 0) return;
  if (!(await isActiveMember(identityDb, tenantId, userId)))
    throw invalid(field, `${userId} is not an active user of this tenant`);
}

/**
 * The routes with the staff check run before their handler (a hapi `pre`, after validation) on
 * the fields `fields` names for their operationId; the route files stay as they are.
 */
export function withStaffCheck(
  routes: ServerRoute[],
  identityDb: Queryable,
  fields: StaffFields,
): ServerRoute[] {
  return routes.map((route) => {
    const names = fields[String(route.options && 'id' in route.options ? route.options.id : '')];
    if (!names || typeof route.options !== 'object') return route;
    const check = async (request: Request) => {
      const payload = (request.payload ?? {}) as Record<string, unknown>;
      for (const field of names) {
        const value = payload[field];
        if (typeof value === 'string')
          await checkStaffUser(identityDb, principal(request).tenantId, field, value);
      }
      return true;
    };
    return {
      ...route,
      options: { ...route.options, pre: [...(route.options.pre ?? []), { method: check }] },
    };
  });
}
