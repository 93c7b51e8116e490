/**
 * What the sign-in flow tells the audit log. The identity server emits these through the injected
 * `onAudit` callback only; the recorder that stores them (identity/src/audit/) is wired to it by
 * the caller, so sign-in never writes audit rows itself.
 */
export type AuditEventType =
  | 'sign_in.ok'
  | 'sign_in.failed'
  | 'lockout'
  | 'client_auth.failed'
  | 'totp.enrolled'
  | 'totp.removed'
  | 'recovery_code.used'
  | 'passkey.enrolled'
  | 'passkey.removed'
  | 'invitation.accepted'
  | 'password.reset';

export interface AuditEvent {
  type: AuditEventType | (string & {});
  /** The tenant the event belongs to; null when none is known yet (a failed sign-in). */
  tenantId: string | null;
  /** Who acted: the signed-in account, or null (an unknown e-mail). */
  actorId: string | null;
  /** Whom it concerns: the account signing in. */
  subjectId: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}

export type OnAudit = (event: AuditEvent) => Promise<void>;
