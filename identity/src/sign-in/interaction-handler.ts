import type { IncomingMessage, ServerResponse } from 'node:http';
import { findAccountById } from '../accounts/accounts.ts';
import {
  CLIENT_FIRST_PARTY,
  CLIENT_SCOPES,
  CLIENT_TENANT,
  CLIENT_THIRD_PARTY,
} from '../adapter/client-adapter.ts';
import { isLanguage, pickLanguage } from '../pages/language.ts';
import { MESSAGES } from '../pages/messages.ts';
import { originOf } from '../pages/respond.ts';
import { INTERACTION_PATH } from '../provider/provider-configuration.ts';
import { renderMessage, renderStep } from './render-step.ts';
import {
  clientIp,
  readForm,
  type SignInOptions,
  type SignInRequest,
  type ThirdPartyApp,
} from './sign-in-context.ts';
import { STEP_HANDLERS, showAfterSecondFactor } from './sign-in-flow.ts';
import { csrfMatches, loadSignIn, saveSignIn } from './sign-in-state.ts';

/**
 * The sign-in pages at /interaction/{uid}: GET shows the current step, POST answers it.
 * oidc-provider's interaction cookie (signed, path-bound to this uid) must name the uid in the URL,
 * and every post must carry the sign-in's CSRF token: the two together make the forms CSRF-safe.
 * Kredo's own clients sign people in without asking; a tenant's third-party applications after the
 * person consents (the consent step); any other client (an API client) is sent back with access_denied.
 */
export function interactionHandler(options: SignInOptions) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const uid = url.pathname.slice(INTERACTION_PATH.length);
    const browserLanguage = req.headers['accept-language'];
    const provider = options.provider();
    const interaction = await provider.interactionDetails(req, res).catch(() => undefined);
    if (!interaction || interaction.uid !== uid)
      return renderMessage(
        { res, language: pickLanguage(null, null, browserLanguage), formOrigin: undefined },
        400,
        (m) => m.expired,
      );
    const client = await provider.Client.find(String(interaction.params.client_id));
    const app =
      client?.[CLIENT_THIRD_PARTY] === true
        ? thirdPartyApp(client as unknown as Record<string, unknown>)
        : undefined;
    if (client?.[CLIENT_FIRST_PARTY] !== true && !app)
      return provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'only Kredo clients can sign people in' },
        { mergeWithLastSubmission: false },
      );

    // A session asked again (consent, a new client) is already signed in: it starts at the tenant.
    const sessionAccount =
      interaction.prompt.name === 'login' ? null : (interaction.session?.accountId ?? null);
    const state = await loadSignIn(options.db, uid, {
      step: sessionAccount ? 'tenant' : 'email',
      accountId: sessionAccount,
      expiresAt: new Date((interaction.exp ?? 0) * 1000),
    });
    const lang = url.searchParams.get('lang');
    if (req.method === 'GET' && isLanguage(lang)) {
      state.language = lang;
      await saveSignIn(options.db, state);
    }
    const account = state.accountId ? await findAccountById(options.db, state.accountId) : undefined;
    const r: SignInRequest = {
      options,
      req,
      res,
      provider,
      interaction,
      app,
      state,
      account,
      ip: clientIp(req, options.clientIpTrust),
      formOrigin: originOf(interaction.params.redirect_uri),
      language: pickLanguage(state.language, account?.language, browserLanguage),
      action: `${INTERACTION_PATH}${uid}`,
    };

    if (req.method === 'GET' || req.method === 'HEAD') return show(r);
    if (req.method !== 'POST') return void res.writeHead(405, { allow: 'GET, POST' }).end();
    const form = await readForm(req);
    if (!form) return void res.writeHead(415).end();
    if (!csrfMatches(state, form.get('csrf')))
      return renderStep(r, 403, { error: MESSAGES[r.language].formExpired });
    const step = form.get('step');
    if (step === 'restart' && interaction.prompt.name === 'login') {
      Object.assign(state, { step: 'email', accountId: null, tenantId: null, pendingTotp: null, amr: null });
      await saveSignIn(options.db, state);
      return void res.writeHead(303, { location: r.action }).end();
    }
    // A form of another step (the back button, a second tab): show where the sign-in is.
    if (step !== state.step) return void res.writeHead(303, { location: r.action }).end();
    return STEP_HANDLERS[state.step](r, form);
  };
}

function thirdPartyApp(client: Record<string, unknown>): ThirdPartyApp {
  return {
    clientId: String(client.clientId),
    name: String(client.clientName ?? client.clientId),
    tenantId: String(client[CLIENT_TENANT]),
    scopes: String(client[CLIENT_SCOPES] ?? '')
      .split(' ')
      .filter(Boolean),
  };
}

function show(r: SignInRequest): Promise<void> {
  const { step } = r.state;
  // The recovery codes were shown once, in the answer to the enrolment; the tenant and consent steps
  // decide afresh (a membership or a consent may have changed meanwhile).
  if (step === 'tenant' || step === 'recovery_codes' || step === 'consent') return showAfterSecondFactor(r);
  return renderStep(r, 200);
}
