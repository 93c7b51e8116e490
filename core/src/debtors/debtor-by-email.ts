import type { EntityManager } from '@mikro-orm/postgresql';

/** A debtor found by its e-mail address: who it is, whom it writes in, and whether it heads a group. */
export interface DebtorByEmail {
  id: string;
  number: string;
  name: string;
  administrationId: string;
  language: string | null;
  headsGroup: boolean;
}

/**
 * The tenant's debtors whose own e-mail address is `email` (compared case-insensitively; a contact's
 * address is not the debtor's), in number order: who may sign in to the portal with a link mailed there.
 */
export function debtorsWithEmail(em: EntityManager, email: string): Promise<DebtorByEmail[]> {
  return em.execute<DebtorByEmail[]>(
    `select d.id, d.number, d.name, d.administration_id as "administrationId", d.language,
            exists (select from debtor c where c.parent_id = d.id) as "headsGroup"
     from debtor d where lower(d.email) = lower(?) order by d.number, d.id limit 20`,
    [email],
  );
}
