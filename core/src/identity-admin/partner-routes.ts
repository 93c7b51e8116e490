import type { ServerRoute } from '@hapi/hapi';
import { AccountInputError, invitePartner, type Language, listPartners } from '@kredo/identity';
import { PUBLISHER_ID } from '@kredo/sdk';
import type pg from 'pg';
import { SCOPES } from '../auth/principal.ts';
import { failures } from '../http/answer-schemas.ts';
import { input, principal } from '../http/request-context.ts';
import type { Mailer } from '../mail/mailer.ts';
import { assertActsFor } from '../marketplace/publisher-keys.ts';
import { conflict, DomainError, invalid } from '../shared/errors.ts';
import { Joi } from '../shared/joi.ts';
import { named } from '../shared/schemas.ts';
import { actorOf } from './api-client-routes.ts';
import { sendInvitation } from './invitation-mail.ts';
import { invitationView, userIdSchema } from './user-view.ts';

export interface PartnerRouteDeps {
  identityDb: pg.Pool;
  mailer: Mailer | null;
  identityUrl: string;
}

const tags = ['api', 'marketplace'];
const access = { scope: [SCOPES.marketplacePublish] };
export const publisherParams = Joi.object({
  id: Joi.string().max(64).pattern(PUBLISHER_ID, 'reverse-DNS name').required().description('The publisher'),
});
const actsFor = { 403: 'The token does not act for this publisher (`publisher_mismatch`)' };

const partnerFields = {
  id: userIdSchema.required(),
  email: Joi.string().required(),
  name: Joi.string().required(),
  admin: Joi.boolean().required().description("May invite colleagues to the publisher's partners"),
  status: Joi.string()
    .valid('invited', 'active')
    .required()
    .description('invited until the person has set a password through the invitation'),
};
const partnerView = named('Partner', Joi.object(partnerFields));
const invitedPartnerView = named(
  'InvitedPartner',
  Joi.object({
    ...partnerFields,
    invitation: invitationView.required(),
  }),
);

/**
 * A publisher's partners, kept by the identity server: its admins invite colleagues (the operator
 * invites a publisher's first partner with `kredo identity partner invite`), every partner of the
 * publisher lists them. Only for the publisher the token acts for.
 */
export function partnerRoutes(deps: PartnerRouteDeps): ServerRoute[] {
  return [
    {
      method: 'POST',
      path: '/api/v1/marketplace/publishers/{id}/partners',
      options: {
        tags,
        id: 'invitePartner',
        description: "Invite a colleague to publish for the token's publisher (a partner admin only)",
        notes:
          'Makes the account (if new) and the partner membership, and mails a link to set a password (once, for 7 days). A retry of an invitation that was made is 409 `partner_exists`: invitations are not doubled.',
        auth: { access },
        response: {
          status: {
            201: invitedPartnerView,
            ...failures(
              {
                403: 'The token does not act for this publisher (`publisher_mismatch`), or its partner is not the publisher’s admin (`partner_admin_required`)',
              },
              { 409: 'The e-mail is already a partner of this publisher (`partner_exists`)' },
            ),
          },
        },
        validate: {
          params: publisherParams,
          payload: Joi.object({
            email: Joi.string().trim().email({ tlds: false }).max(320).required(),
            name: Joi.string().trim().min(1).max(200).required(),
            language: Joi.string()
              .valid('nl', 'en', 'de', 'fr')
              .default('en')
              .description('Of the pages and mails'),
            admin: Joi.boolean().default(false).description('May invite colleagues in turn'),
          }),
        },
      },
      handler: async (request, h) => {
        const { id } = input<{ id: string }>(request.params);
        assertActsFor(principal(request), id);
        const body = input<{ email: string; name: string; language: Language; admin: boolean }>(
          request.payload,
        );
        const invited = await partnerCall(() =>
          invitePartner(deps.identityDb, { ...body, publisherId: id }, actorOf(request)),
        );
        const mailed = await sendInvitation(deps, { member: body, ...invited });
        const partner = (await listPartners(deps.identityDb, id)).find((p) => p.id === invited.accountId);
        return h
          .response({ ...partner, invitation: { expiresAt: invited.expiresAt.toISOString(), ...mailed } })
          .code(201);
      },
    },
    {
      method: 'GET',
      path: '/api/v1/marketplace/publishers/{id}/partners',
      options: {
        tags,
        id: 'listPartners',
        description: "The publisher's partners, invited ones included, by id",
        auth: { access },
        response: {
          status: { 200: Joi.object({ data: Joi.array().items(partnerView) }), ...failures(actsFor) },
        },
        validate: { params: publisherParams },
      },
      handler: async (request) => {
        const { id } = input<{ id: string }>(request.params);
        assertActsFor(principal(request), id);
        return { data: await listPartners(deps.identityDb, id) };
      },
    },
  ];
}

/** Identity's refusals as core's answers. */
async function partnerCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof AccountInputError)) throw error;
    if (error.problem === 'member')
      throw conflict('partner_exists', 'The e-mail is already a partner of this publisher');
    if (error.problem === 'forbidden')
      throw new DomainError(
        'partner_admin_required',
        403,
        "Only the publisher's admin partners invite colleagues",
      );
    throw invalid(error.field, error.problem);
  }
}
