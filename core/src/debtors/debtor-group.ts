import type { EntityManager } from '@mikro-orm/postgresql';

/** A member of a debtor group as others name it: enough to say whose an invoice is. */
export interface GroupMember {
  id: string;
  number: string;
  name: string;
}

/**
 * A debtor and everything below it (its children, theirs …), the debtor first: who a debtor group
 * is today. Read at each call, so a child moved out of the group is out at once. The parent check
 * (debtor-service.ts) keeps a group inside one administration and 20 levels deep; the depth bound
 * here is the same guard for the query.
 */
export async function debtorGroupMembers(em: EntityManager, parentId: string): Promise<GroupMember[]> {
  return em.execute<GroupMember[]>(
    `with recursive down (id, depth) as (
       select id, 0 from debtor where id = ?
       union all
       select d.id, down.depth + 1 from debtor d join down on d.parent_id = down.id where down.depth < 20)
     select d.id, d.number, d.name from debtor d join down using (id)
     order by down.depth, d.number, d.id`,
    [parentId],
  );
}
