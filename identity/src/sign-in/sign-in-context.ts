import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import type { Account, Language } from '../accounts/accounts.ts';
import type { RelyingParty } from '../accounts/passkeys.ts';
import type { Clock } from '../adapter/payload-adapter.ts';
import type { OnAudit } from '../audit-event.ts';
import type { Queryable } from '../db/queryable.ts';
import { clientAddress, type ProxyTrust } from '../server/client-address.ts';
import type { SendAccountMail } from './account-handler.ts';
import type { RoleScopes } from './first-party-grant.ts';
import type { SignInState } from './sign-in-state.ts';

/** The names of these tenants, by id (core's tenants): those it does not know are left out. */
export type TenantNames = (tenantIds: readonly string[]) => Promise<ReadonlyMap<string, string>>;

/** What the sign-in pages need from the server that runs them. */
export interface SignInOptions {
  db: Queryable;
  /** The public URL: the tenants' providers send people back under it (/sso/callback), and the
   * verification mail's link starts with it. */
  issuer: string;
  /** The oidc-provider instance in force (it is replaced when keys rotate). */
  provider: () => Provider;
  /** The passkeys' RP id and origin: the issuer's (accounts/passkeys.ts relyingPartyOf). */
  relyingParty: RelyingParty;
  /** Seals TOTP secrets at rest. */
  masterKey: Buffer;
  now: Clock;
  apiResource: string;
  apiScopes: readonly string[];
  roleScopes: RoleScopes;
  /** How long a grant (and so its tenant choice) lasts, in seconds. */
  grantTtlSeconds: number;
  /** Whose X-Forwarded-For gives the client's IP rather than the socket (KREDO_TRUST_PROXY). */
  clientIpTrust: ProxyTrust;
  onAudit?: OnAudit | undefined;
  /** For the tenant choice; without it (or for an id it does not name) the page shows the id. */
  tenantNames?: TenantNames | undefined;
  /** Mails an unproved address its verification link at sign-in; none: no mail. */
  sendMail?: SendAccountMail | undefined;
  onError?: ((error: Error) => void) | undefined;
}

type Interaction = Awaited<ReturnType<Provider['interactionDetails']>>;

/** A tenant's third-party application (clients/apps.ts) asking a person for access. */
export interface ThirdPartyApp {
  clientId: string;
  name: string;
  tenantId: string;
  /** The API scopes it may be given at most. */
  scopes: string[];
}

/** One request to the sign-in pages, with everything its step needs. */
export interface SignInRequest {
  options: SignInOptions;
  req: IncomingMessage;
  res: ServerResponse;
  provider: Provider;
  interaction: Interaction;
  /** Set when the client is a third-party application: the person consents, within its tenant. */
  app: ThirdPartyApp | undefined;
  state: SignInState;
  /** The account, once the password (or the session) proved it. */
  account: Account | undefined;
  ip: string;
  /** The client's redirect origin, allowed as a form-action (the redirects after the last post). */
  formOrigin: string | undefined;
  language: Language;
  /** This interaction's URL: every form posts here. */
  action: string;
}

/** The client's IP: the socket's, or behind trusted proxies the address they forwarded (client-address.ts). */
export function clientIp(req: IncomingMessage, trust: ProxyTrust): string {
  return clientAddress(req, trust);
}

const MAX_FORM_BYTES = 16 * 1024;

/** A posted form (application/x-www-form-urlencoded, at most 16 KiB); undefined for anything else. */
export async function readForm(req: IncomingMessage): Promise<URLSearchParams | undefined> {
  if (!req.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) return undefined;
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
