import type { Member } from '@kredo/identity';
import { Joi } from '../shared/joi.ts';
import { instant, named } from '../shared/schemas.ts';
import { STAFF_ROLES } from './role-grants.ts';

/** A person's account id at the identity server: `usr_` and random hex (development ids are freer). */
export const userIdSchema = Joi.string()
  .pattern(/^usr_[\w-]{1,60}$/)
  .description('User (account) id, usr_…');

export const rolesSchema = Joi.array()
  .items(Joi.string().valid(...STAFF_ROLES))
  .min(1)
  .unique()
  .description('The roles, each one the caller may give (no escalation)');

export const administrationsSchema = Joi.array()
  .items(Joi.string().trim().min(1).max(64))
  .unique()
  .allow(null)
  .description('The administrations (ids) the person may see; null or absent: all of the tenant’s');

const userFields = {
  id: userIdSchema.required(),
  email: Joi.string().required(),
  name: Joi.string().required(),
  language: Joi.string().valid('nl', 'en', 'de', 'fr').required(),
  roles: Joi.array().items(Joi.string()).required(),
  administrations: Joi.array().items(Joi.string()).allow(null).required(),
  totpEnrolled: Joi.boolean().required().description('Whether the person has enrolled a TOTP second factor'),
  emailVerified: Joi.boolean()
    .required()
    .description(
      'Whether the e-mail address is proved (a mailed link was used: invitation, reset, verification)',
    ),
  disabled: Joi.boolean().required().description('Deactivated in this tenant (or the account disabled)'),
  status: Joi.string()
    .valid('invited', 'active')
    .required()
    .description('invited until the person has set a password through the invitation'),
  createdAt: instant.required().description('When the person became the tenant’s member'),
};

export const userView = named('User', Joi.object(userFields));

/** The invitation just made: its expiry, and whether it was mailed (a staff member's or a partner's). */
export const invitationView = Joi.object({
  expiresAt: instant.required().description('When the mailed link stops working'),
  mailed: Joi.boolean().required().description('Whether the SMTP server accepted the invitation mail'),
  problem: Joi.string()
    .allow(null)
    .required()
    .description('Why it was not mailed (no KREDO_SMTP_URL, a refusal)'),
});

export const invitedUserView = named(
  'InvitedUser',
  Joi.object({
    ...userFields,
    invitation: invitationView.required(),
  }),
);

export function presentUser(member: Member) {
  return {
    id: member.id,
    email: member.email,
    name: member.name,
    language: member.language,
    roles: member.roles,
    administrations: member.administrations,
    totpEnrolled: member.totpEnrolled,
    emailVerified: member.emailVerified,
    disabled: member.disabled,
    status: member.status,
    createdAt: member.createdAt.toISOString(),
  };
}
