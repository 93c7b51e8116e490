import { type AuditActor, recordAudit } from '../audit/audit-log.ts';
import type { Queryable } from '../db/queryable.ts';
import { issueAccountToken } from './account-tokens.ts';
import { findMember, MEMBER_AUDIT_TYPES, type Member } from './members.ts';

/** Why an invitation cannot be sent again: the person has a password already, or is deactivated here. */
export type ResendRefusal = 'active' | 'disabled';

/**
 * A new invitation for a member who has not set a password yet: a fresh single-use token (issuing
 * it voids the earlier link, account-tokens.ts), for the caller to mail, audited
 * `invitation.resent`. Undefined when the account is not the tenant's member; a refusal when the
 * person has a password already (they reset a forgotten one themselves) or is deactivated here.
 */
export async function resendInvitation(
  db: Queryable,
  tenantId: string,
  accountId: string,
  by: AuditActor,
): Promise<{ member: Member; token: string; expiresAt: Date } | { refused: ResendRefusal } | undefined> {
  const member = await findMember(db, tenantId, accountId);
  if (!member) return undefined;
  if (member.disabled) return { refused: 'disabled' };
  if (member.status !== 'invited') return { refused: 'active' };
  const { token, expiresAt } = await issueAccountToken(db, { purpose: 'invitation', accountId, tenantId });
  await recordAudit(db, {
    type: MEMBER_AUDIT_TYPES.invitationResent,
    tenantId,
    actorId: by.actorId,
    subjectId: accountId,
    ip: by.ip,
    details: { email: member.email },
  });
  return { member, token, expiresAt };
}
