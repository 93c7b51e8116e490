import {
  AccountInputError,
  invitePartner,
  isPublisherId,
  LANGUAGES,
  type Language,
  type PartnerInvitation,
} from '@kredo/identity';
import type pg from 'pg';
import type { Config } from '../config/load-config.ts';
import { sendInvitation } from '../identity-admin/invitation-mail.ts';
import { createMailer } from '../mail/mailer.ts';
import { UsageError } from './command.ts';

/** What `kredo identity partner invite` was told, checked as a usage error naming the flag. */
export function partnerInvitationOf(values: Record<string, string | boolean | undefined>): PartnerInvitation {
  const text = (flag: string) => (typeof values[flag] === 'string' ? (values[flag] as string).trim() : '');
  const publisherId = text('publisher');
  if (!isPublisherId(publisherId))
    throw new UsageError('--publisher must be a reversed domain the publisher owns, such as com.example');
  const email = text('email');
  if (!email) throw new UsageError('--email is required');
  const name = text('name');
  if (!name) throw new UsageError("--name is required (the partner's own name)");
  const language = (text('language') || 'en') as Language;
  if (!LANGUAGES.includes(language))
    throw new UsageError(`--language must be one of ${LANGUAGES.join(', ')}`);
  const publisherName = text('publisher-name') || undefined;
  return { publisherId, publisherName, email, name, language, admin: true };
}

/**
 * The operator invites a partner: identity makes the publisher (when new), the account and the
 * partner membership (an admin of the publisher: they may invite colleagues), and core's mailer sends
 * the invitation. Refusals come back as usage errors naming the flag; nothing is half-made.
 */
export async function invitePartnerAsOperator(
  pool: pg.Pool,
  config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'identityPublicUrl'>,
  invitation: PartnerInvitation,
) {
  let invited: Awaited<ReturnType<typeof invitePartner>>;
  try {
    invited = await invitePartner(pool, invitation, { actorId: null, ip: null });
  } catch (error) {
    if (error instanceof AccountInputError) throw new UsageError(refusal(error));
    throw error;
  }
  const mail = await sendInvitation(
    { mailer: createMailer(config), identityUrl: config.identityPublicUrl },
    { member: invitation, ...invited },
  );
  return { accountId: invited.accountId, expiresAt: invited.expiresAt, ...mail };
}

function refusal(error: AccountInputError): string {
  if (error.field === 'email' && error.problem === 'member')
    return '--email is already a partner of this publisher';
  if (error.field === 'publisherName')
    return '--publisher-name is required for a publisher the identity server does not know yet (1 to 200 characters)';
  const flags: Record<string, string> = { email: '--email', name: '--name', publisherId: '--publisher' };
  return `${flags[error.field] ?? error.field}: ${error.problem}`;
}
