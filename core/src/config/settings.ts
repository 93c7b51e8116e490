// Every setting Kredo reads, in one place: its environment variable, default and meaning.
// docs/configuration.md is generated from this table (`pnpm kredo config --markdown`).

import { isIP } from 'node:net';
import { type ProxyTrust, parseProxyTrust } from '@kredo/identity';
import { redactUrl } from '../db/database-url.ts';
import { parseOriginRoutes } from './origin-routes.ts';

export interface SettingDef<T> {
  env: string;
  /** One line for the configuration page. */
  doc: string;
  /** Default shown in the docs; `undefined` means unset. */
  default: T | undefined;
  parse: (raw: string) => T;
  /** Never printed: the docs show only whether it is set. */
  secret?: boolean;
  /** What `kredo config` may show of a secret's value; by default only that it is set. */
  masked?: (raw: string) => string;
}

const int = (min: number, max: number) => (raw: string) => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`must be a whole number from ${min} to ${max}`);
  return n;
};
const bool = (raw: string) => {
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off', ''].includes(raw.toLowerCase())) return false;
  throw new Error('must be 1/0, true/false, yes/no or on/off');
};
const text = (raw: string) => raw;
const oneOf =
  <T extends string>(...values: T[]) =>
  (raw: string) => {
    if (!values.includes(raw as T)) throw new Error(`must be one of ${values.join(', ')}`);
    return raw as T;
  };
const smtpUrl = (raw: string) => {
  const url = new URL(raw);
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:')
    throw new Error('must be an smtp:// or smtps:// URL');
  return raw;
};
const httpUrl = (raw: string) => {
  const url = URL.parse(raw);
  if (url?.protocol !== 'http:' && url?.protocol !== 'https:')
    throw new Error('must be an http:// or https:// URL');
  return raw;
};
const absoluteUri = (raw: string) => {
  if (!URL.canParse(raw)) throw new Error('must be an absolute URI (https://… or urn:…)');
  return raw;
};
const postgresUrl = (raw: string) => {
  const url = new URL(raw);
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')
    throw new Error('must be a postgres:// URL');
  return raw;
};

export const settings = {
  port: { env: 'KREDO_PORT', doc: 'HTTP port of the core API.', default: 3000, parse: int(0, 65535) },
  host: {
    env: 'KREDO_HOST',
    doc: 'Address the core API listens on (0.0.0.0 to accept connections from other hosts).',
    default: '127.0.0.1',
    parse: text,
  },
  publicUrl: {
    env: 'KREDO_PUBLIC_URL',
    doc: 'URL people and the portal use to reach core; defaults to http://{host}:{port}.',
    default: undefined,
    parse: text,
  },
  identityPort: {
    env: 'KREDO_IDENTITY_PORT',
    doc: 'HTTP port of the identity server (OpenID Connect), started by `kredo start` beside the API.',
    default: 3001,
    parse: int(0, 65535),
  },
  identityPublicUrl: {
    env: 'KREDO_IDENTITY_PUBLIC_URL',
    doc: "The identity server's public URL, its tokens' issuer: what clients and core reach it at, behind a proxy the proxy's https URL; defaults to http://localhost:{KREDO_IDENTITY_PORT}.",
    default: undefined,
    parse: (raw: string) => {
      const url = URL.parse(raw);
      if (
        !url ||
        (url.protocol !== 'https:' && url.protocol !== 'http:') ||
        url.pathname !== '/' ||
        url.search
      )
        throw new Error('must be an http(s) origin, such as https://id.example.com');
      return url.origin;
    },
  },
  identityTrustProxy: {
    env: 'KREDO_IDENTITY_TRUST_PROXY',
    doc: 'Trust X-Forwarded-Proto and X-Forwarded-Host on the identity server: only behind a reverse proxy that sets them (and that nothing else can reach the identity port around).',
    default: false,
    parse: bool,
  },
  trustProxy: {
    env: 'KREDO_TRUST_PROXY',
    doc: "Whose X-Forwarded-For gives a client's IP address (per-IP limits such as the portal's sign-in link, the audit log), on core and the identity server: `off`, a count of proxies in front (`1`: the nearest one's entry), or the proxies' addresses and CIDR ranges, comma-separated (`10.0.0.0/8,192.0.2.7`; also `loopback`, `linklocal`, `uniquelocal`). Anyone else's X-Forwarded-For is ignored. Unset with KREDO_IDENTITY_TRUST_PROXY on, the identity server believes the nearest proxy's entry.",
    default: false as ProxyTrust,
    parse: parseProxyTrust,
  },
  dnsServers: {
    env: 'KREDO_DNS_SERVERS',
    doc: "The DNS servers that verify a tenant's SSO domains (their TXT records): comma-separated IP addresses, each with an optional port (`192.0.2.53`, `192.0.2.53:5353`, `[2001:db8::53]:53`); unset: the system's resolvers.",
    default: [],
    parse: (raw: string) => {
      const servers = raw
        .split(',')
        .map((server) => server.trim())
        .filter(Boolean);
      for (const server of servers) {
        const host = /^\[(.+)\](?::\d{1,5})?$/.exec(server)?.[1] ?? server.replace(/:\d{1,5}$/, '');
        if (!isIP(host)) throw new Error(`"${server}" is not an IP address with an optional port`);
      }
      return servers;
    },
  },
  consoleRedirectUris: {
    env: 'KREDO_CONSOLE_REDIRECT_URIS',
    doc: "Where the identity server may send people back to the staff console (client `kredo-console`) after sign-in: comma-separated absolute http(s) URLs, each registered exactly; the console's sign-out returns to each one's origin + '/'.",
    default: ['http://localhost:5173/callback'],
    parse: (raw: string) => {
      const uris = raw
        .split(',')
        .map((uri) => uri.trim())
        .filter(Boolean);
      if (uris.length === 0) throw new Error('must name at least one URL');
      for (const uri of uris) httpUrl(uri);
      return uris;
    },
  },
  databaseUrl: {
    env: 'DATABASE_URL',
    doc: 'PostgreSQL (15 or newer) to use. Unset: an embedded PostgreSQL is started with its data under the data directory.',
    default: undefined,
    parse: postgresUrl,
    secret: true,
    masked: redactUrl,
  },
  dataDir: {
    env: 'KREDO_DATA_DIR',
    doc: 'Directory for local state: the embedded database and the development signing secret.',
    default: '.kredo (at the workspace root)',
    parse: text,
  },
  embeddedPostgresPort: {
    env: 'KREDO_EMBEDDED_PG_PORT',
    doc: 'Port of the embedded PostgreSQL (only used without DATABASE_URL).',
    default: 54329,
    parse: int(1, 65535),
  },
  dbPoolMax: {
    env: 'KREDO_DB_POOL_MAX',
    doc: 'Maximum connections in the database pool of one process.',
    default: 10,
    parse: int(1, 1000),
  },
  mode: {
    env: 'KREDO_MODE',
    doc: 'What this process is for: production, demo (what `kredo start --demo` sets) or test. Development-only settings are refused in production.',
    default: 'production',
    parse: oneOf('production', 'demo', 'test'),
  },
  identityIssuer: {
    env: 'KREDO_IDENTITY_ISSUER',
    doc: "The identity server's issuer URL: core accepts the access tokens it signs, checked against the keys its discovery document publishes. `kredo start` uses the identity server it starts (KREDO_IDENTITY_PUBLIC_URL) when unset; `startKredo` alone refuses to start without it in production mode.",
    default: undefined,
    parse: httpUrl,
  },
  apiResource: {
    env: 'KREDO_API_RESOURCE',
    doc: "Core's API as the identity server names it (the resource indicator): the audience (`aud`) an access token must carry; defaults to {KREDO_PUBLIC_URL}/api/v1.",
    default: undefined,
    parse: absoluteUri,
  },
  secretsKey: {
    env: 'KREDO_SECRETS_KEY',
    doc: 'Key (32 bytes, base64) that encrypts plugin secrets at rest; generated into the data directory when unset.',
    default: undefined,
    parse: (raw: string) => {
      if (Buffer.from(raw, 'base64').length !== 32) throw new Error('must be 32 bytes, base64-encoded');
      return raw;
    },
    secret: true,
  },
  logLevel: {
    env: 'KREDO_LOG_LEVEL',
    doc: 'Log level: fatal, error, warn, info, debug, trace or silent.',
    default: 'info',
    parse: oneOf('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'),
  },
  importMaxBytes: {
    env: 'KREDO_IMPORT_MAX_BYTES',
    doc: 'Largest file the import API accepts, in bytes.',
    default: 512 * 1024 * 1024,
    parse: int(1024, 8 * 1024 * 1024 * 1024),
  },
  bankMatchInlineMax: {
    env: 'KREDO_BANK_MATCH_INLINE_MAX',
    doc: 'A bank statement import through the API with at most this many new entries is matched before it answers; a larger one is matched by the job worker after it answers.',
    default: 2000,
    parse: int(0, 1_000_000),
  },
  pluginWorkers: {
    env: 'KREDO_PLUGIN_WORKERS',
    doc: 'Plugin-host processes that run plugin sandboxes, started on the first plugin call.',
    default: 2,
    parse: int(1, 64),
  },
  pluginWorkerSlots: {
    env: 'KREDO_PLUGIN_WORKER_SLOTS',
    doc: 'Plugin calls one plugin-host process runs at once; more wait in a queue served fairly, tenant by tenant.',
    default: 8,
    parse: int(1, 256),
  },
  pluginMaxConcurrentCalls: {
    env: 'KREDO_PLUGIN_MAX_CONCURRENT_CALLS',
    doc: 'Calls of one plugin installation running at once in this process; more wait their turn.',
    default: 8,
    parse: int(1, 10_000),
  },
  pluginQueueTimeoutMs: {
    env: 'KREDO_PLUGIN_QUEUE_TIMEOUT_MS',
    doc: 'Longest a plugin call waits for its turn before it answers overloaded (retryable, not counted against the plugin), in ms.',
    default: 5000,
    parse: int(1, 3_600_000),
  },
  pluginMaxQueuedPerTenant: {
    env: 'KREDO_PLUGIN_MAX_QUEUED_PER_TENANT',
    doc: 'Plugin calls one tenant may have waiting in this process; beyond it they answer overloaded at once.',
    default: 1000,
    parse: int(1, 1_000_000),
  },
  pluginWorkerMaxRssMb: {
    env: 'KREDO_PLUGIN_WORKER_MAX_RSS_MB',
    doc: 'Resident memory of one plugin-host process, in MiB: past three quarters it disposes idle sandboxes, past all of it the process is replaced.',
    default: 1024,
    parse: int(64, 1_048_576),
  },
  pluginOverrunGraceMs: {
    env: 'KREDO_PLUGIN_OVERRUN_GRACE_MS',
    doc: 'How far one stretch of plugin code may run past its CPU limit (work V8 cannot interrupt) before its plugin-host process is replaced, in ms.',
    default: 1000,
    parse: int(10, 600_000),
  },
  pluginMemoryMb: {
    env: 'KREDO_PLUGIN_MEMORY_MB',
    doc: 'Heap of one plugin isolate, in MiB; a plugin exceeding it fails with memory_limit.',
    default: 32,
    parse: int(8, 4096),
  },
  pluginCpuMs: {
    env: 'KREDO_PLUGIN_CPU_MS',
    doc: 'CPU time one plugin hook call may use, in ms (cpu_limit beyond it).',
    default: 50,
    parse: int(1, 60_000),
  },
  pluginDeadlineMs: {
    env: 'KREDO_PLUGIN_DEADLINE_MS',
    doc: 'Wall-clock deadline of one plugin hook call, awaited host calls included, in ms (timeout beyond it).',
    default: 2000,
    parse: int(1, 600_000),
  },
  pluginMaxPayloadBytes: {
    env: 'KREDO_PLUGIN_MAX_PAYLOAD_BYTES',
    doc: 'Largest JSON crossing the plugin sandbox boundary (payload, result, host call), in bytes.',
    default: 256 * 1024,
    parse: int(1024, 64 * 1024 * 1024),
  },
  pluginMaxRequests: {
    env: 'KREDO_PLUGIN_MAX_REQUESTS',
    doc: 'Outbound HTTP requests one plugin hook call may make.',
    default: 5,
    parse: int(0, 1000),
  },
  pluginStorageMaxKeys: {
    env: 'KREDO_PLUGIN_STORAGE_MAX_KEYS',
    doc: 'Most storage keys one plugin installation may hold.',
    default: 1000,
    parse: int(1, 10_000_000),
  },
  pluginStorageMaxBytes: {
    env: 'KREDO_PLUGIN_STORAGE_MAX_BYTES',
    doc: 'Most storage bytes (keys plus JSON values) one plugin installation may hold.',
    default: 1024 * 1024,
    parse: int(1, 1024 * 1024 * 1024),
  },
  pluginHttpTimeoutMs: {
    env: 'KREDO_PLUGIN_HTTP_TIMEOUT_MS',
    doc: 'Deadline of one outbound plugin HTTP request, connect to last byte, in ms.',
    default: 1500,
    parse: int(1, 600_000),
  },
  pluginHttpMaxResponseBytes: {
    env: 'KREDO_PLUGIN_HTTP_MAX_RESPONSE_BYTES',
    doc: 'Largest response body an outbound plugin HTTP request hands back, in bytes.',
    default: 192 * 1024,
    parse: int(1, 64 * 1024 * 1024),
  },
  pluginAllowPrivateNetworks: {
    env: 'KREDO_PLUGIN_ALLOW_PRIVATE_NETWORKS',
    doc: 'DANGEROUS, development and tests only: lets plugins reach loopback and private addresses over plain http.',
    default: false,
    parse: bool,
  },
  pluginOriginRoutes: {
    env: 'KREDO_PLUGIN_ORIGIN_ROUTES',
    doc: "Development and tests only, refused in production mode: manifest origins whose requests go to local fakes instead, as `https://api.mollie.com=http://127.0.0.1:4567` pairs separated by commas (needs KREDO_PLUGIN_ALLOW_PRIVATE_NETWORKS). `kredo start --demo` routes the reference plugins' origins to the fakes it starts.",
    default: undefined,
    parse: parseOriginRoutes,
  },
  pluginBreachesBeforeDisable: {
    env: 'KREDO_PLUGIN_BREACHES_BEFORE_DISABLE',
    doc: 'Consecutive limit breaches (timeout, cpu, memory, crash, oversized result) after which an installation is disabled.',
    default: 5,
    parse: int(1, 1000),
  },
  pluginLogLinesPerMinute: {
    env: 'KREDO_PLUGIN_LOG_LINES_PER_MINUTE',
    doc: "Log lines one plugin installation may store a minute, per runtime process (bursts up to a minute's worth); lines beyond it are dropped and counted in one marker line.",
    default: 120,
    parse: int(1, 100_000),
  },
  pluginLogKeepLines: {
    env: 'KREDO_PLUGIN_LOG_KEEP_LINES',
    doc: 'Newest log lines kept per plugin installation; older ones are deleted as new ones arrive.',
    default: 1000,
    parse: int(10, 1_000_000),
  },
  idempotencyKeepHours: {
    env: 'KREDO_IDEMPOTENCY_KEEP_HOURS',
    doc: 'Hours an Idempotency-Key and its stored response are kept; a retry after that runs the request again. Purged hourly by the job worker.',
    default: 48,
    parse: int(1, 24 * 365),
  },
  webhookRatePerMinute: {
    env: 'KREDO_WEBHOOK_RATE_PER_MINUTE',
    doc: "Inbound webhook requests one plugin installation accepts a minute, per API process (bursts up to a minute's worth); beyond it 429 with Retry-After, before any plugin runs.",
    default: 600,
    parse: int(1, 1_000_000),
  },
  worker: {
    env: 'KREDO_WORKER',
    doc: 'Run the job worker (event delivery to plugins) inside this process; turn off where separate worker processes run it.',
    default: true,
    parse: bool,
  },
  workerConcurrency: {
    env: 'KREDO_WORKER_CONCURRENCY',
    doc: 'Jobs the in-process worker runs at once.',
    default: 4,
    parse: int(1, 100),
  },
  eventMaxAttempts: {
    env: 'KREDO_EVENT_MAX_ATTEMPTS',
    doc: 'Attempts to deliver one event to one plugin (exponential backoff between them) before it is recorded as failed.',
    default: 10,
    parse: int(1, 100),
  },
  smtpUrl: {
    env: 'KREDO_SMTP_URL',
    doc: 'SMTP server reminders, acknowledgements, portal confirmations and invitations are sent through: smtp://user:pass@host:587 (STARTTLS when offered) or smtps://…:465. Unset: no mail is sent (in demo mode, the built-in mail catcher receives it).',
    default: undefined,
    parse: smtpUrl,
    secret: true,
    masked: redactUrl,
  },
  mailFrom: {
    env: 'KREDO_MAIL_FROM',
    doc: 'The From address of mail Kredo sends, e.g. "Acme Credit Control <credit@acme.example>"; an administration’s reply-to address answers replies.',
    default: 'Kredo <kredo@localhost>',
    parse: text,
  },
  mailMaxAttempts: {
    env: 'KREDO_MAIL_MAX_ATTEMPTS',
    doc: 'Attempts to send one message (exponential backoff between them) before it is recorded as failed on its action.',
    default: 8,
    parse: int(1, 100),
  },
} satisfies Record<string, SettingDef<unknown>>;

export type Settings = typeof settings;
