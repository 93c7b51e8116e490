import { Liquid } from 'liquidjs';
import { getAdministration } from '../administrations/index.ts';
import type { Orm } from '../db/orm.ts';
import { tenantEm } from '../db/tenant-scope.ts';
import { debtorsWithEmail } from '../debtors/index.ts';
import { forEachTenant } from '../jobs/for-each-tenant.ts';
import { MailError, type Mailer } from '../mail/mailer.ts';
import { SIGN_IN_LANGUAGES, SIGN_IN_MESSAGES, type SignInLanguage } from './portal-sign-in-messages.ts';
import {
  claimSignInRequests,
  newLinkToken,
  recordSignInMail,
  SIGN_IN_LINK_MINUTES,
  type SignInRequestRow,
} from './portal-sign-in-store.ts';

export interface SignInMailRun {
  sent: number;
  noDebtor: number;
  notSent: number;
  failed: number;
}

// The mail's texts are Kredo's own (portal-sign-in-messages.ts); strict, so a misspelt name fails loudly.
const liquid = new Liquid({ strictVariables: true, strictFilters: true, ownPropertyOnly: true });

/**
 * Mails the links asked for on the hosted sign-in page, every tenant in turn (or `only` one):
 * 1. claim the requests still pending whose link would still work (`skip locked`);
 * 2. look up the debtors with the address: none, and nothing is sent (the page said the same either way);
 * 3. store the hash of a new token, then mail the link in the first debtor's language, from its
 *    administration's sender name; a refusal clears the hash (the debtor asks again: a link is
 *    short-lived, so there is no retry).
 * Without a mailer (KREDO_SMTP_URL unset) each is recorded `not_sent`.
 */
export async function sendSignInLinks(deps: {
  orm: Orm;
  mailer: Mailer | null;
  publicUrl: string;
  only?: string | undefined;
}): Promise<SignInMailRun> {
  const run: SignInMailRun = { sent: 0, noDebtor: 0, notSent: 0, failed: 0 };
  await forEachTenant(
    deps.orm,
    async ({ tenantId }) => {
      const em = tenantEm(deps.orm, tenantId);
      for (const request of await claimSignInRequests(em)) {
        const status = await mailOne({ ...deps, tenantId }, request);
        run[status === 'no_debtor' ? 'noDebtor' : status === 'not_sent' ? 'notSent' : status] += 1;
      }
    },
    { only: deps.only },
  );
  return run;
}

async function mailOne(
  deps: { orm: Orm; mailer: Mailer | null; publicUrl: string; tenantId: string },
  request: SignInRequestRow,
): Promise<'sent' | 'no_debtor' | 'not_sent' | 'failed'> {
  const em = tenantEm(deps.orm, deps.tenantId);
  const debtors = await debtorsWithEmail(em, request.email);
  const first = debtors[0];
  let status: 'sent' | 'no_debtor' | 'not_sent' | 'failed' = 'no_debtor';
  if (first && !deps.mailer) status = 'not_sent';
  if (first && deps.mailer) {
    const { token, hash } = newLinkToken();
    await recordSignInMail(em, request.id, 'claimed', hash);
    const administration = await getAdministration(em, first.administrationId);
    const language = mailLanguage(first.language, request.language);
    const view = {
      creditor: administration.senderName ?? administration.name,
      link: `${deps.publicUrl}/portal/sign-in/${deps.tenantId}/${token}?lang=${language}`,
      minutes: SIGN_IN_LINK_MINUTES,
    };
    const m = SIGN_IN_MESSAGES[language];
    try {
      await deps.mailer.send({
        to: request.email,
        fromName: view.creditor,
        subject: await liquid.parseAndRender(m.mailSubject, view),
        text: await liquid.parseAndRender(m.mailText, view),
        messageId: `<${request.id}.sign-in@kredo>`,
        language,
      });
      status = 'sent';
    } catch (error) {
      if (!(error instanceof MailError)) throw error;
      status = 'failed';
    }
  }
  await recordSignInMail(em, request.id, status, status === 'sent' ? undefined : null);
  return status;
}

/** The debtor's language where the pages have it, else the one the page was read in. */
function mailLanguage(debtorLanguage: string | null, pageLanguage: string | null): SignInLanguage {
  for (const language of [debtorLanguage, pageLanguage])
    if (SIGN_IN_LANGUAGES.includes(language as SignInLanguage)) return language as SignInLanguage;
  return 'en';
}
