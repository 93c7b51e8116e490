/** What `kredo plugins` prints for people: plain tables, one row per thing. */

interface VersionView {
  pluginId: string;
  version: string;
  name: string;
  publisher: { name: string };
  capabilities: readonly string[];
  scopes: readonly string[];
  origins: readonly string[];
  secretOrigins: Readonly<Record<string, readonly string[]>>;
}

interface InstallationView {
  id: string;
  pluginId: string;
  version: string;
  grantedScopes: string[];
  grant: { origins: readonly string[]; secretOrigins: Readonly<Record<string, readonly string[]>> };
  config: Record<string, unknown>;
  secrets: Record<string, 'set'>;
  enabled: boolean;
  disabledReason: string | null;
  lastError: { code: string; message: string } | null;
}

export function catalogueTable(versions: VersionView[]): string {
  if (versions.length === 0) return 'No plugin versions are published yet.\n';
  return table(
    [
      'PLUGIN',
      'VERSION',
      'NAME',
      'PUBLISHER',
      'CAPABILITIES',
      'SCOPES ASKED FOR',
      'CONNECTS TO',
      'SECRETS GO TO',
    ],
    versions.map((v) => [
      v.pluginId,
      v.version,
      v.name,
      v.publisher.name,
      list(v.capabilities),
      list(v.scopes),
      list(v.origins),
      bindings(v.secretOrigins),
    ]),
  );
}

export function installationsTable(installations: InstallationView[]): string {
  if (installations.length === 0) return 'No plugins installed.\n';
  return table(
    ['ID', 'PLUGIN', 'ENABLED', 'GRANTED SCOPES', 'SETTINGS', 'SECRETS', 'DISABLED REASON', 'LAST ERROR'],
    installations.map((i) => [
      i.id,
      `${i.pluginId}@${i.version}`,
      i.enabled ? 'yes' : 'no',
      list(i.grantedScopes),
      settings(i.config),
      secrets(i.secrets),
      i.disabledReason ?? '',
      i.lastError ? `${i.lastError.code}: ${i.lastError.message}` : '',
    ]),
  );
}

/** One installation, as `key  value` lines. */
export function installationDetail(i: InstallationView): string {
  const rows: [string, string][] = [
    ['id', i.id],
    ['plugin', `${i.pluginId}@${i.version}`],
    ['enabled', i.enabled ? 'yes' : 'no'],
    ['granted scopes', list(i.grantedScopes)],
    ['connects to', list(i.grant.origins)],
    ['secrets go to', bindings(i.grant.secretOrigins)],
    ['settings', settings(i.config) || '-'],
    ['secrets', secrets(i.secrets) || '-'],
  ];
  if (i.disabledReason) rows.push(['disabled reason', i.disabledReason]);
  if (i.lastError) rows.push(['last error', `${i.lastError.code}: ${i.lastError.message}`]);
  const width = Math.max(...rows.map(([key]) => key.length));
  return `${rows.map(([key, value]) => `${key.padEnd(width)}  ${value}`).join('\n')}\n`;
}

const list = (values: readonly string[]) => (values.length === 0 ? '-' : values.join(', '));

/** `apiKey → https://api.mollie.com`: each secret with the only origins it is sent to. */
const bindings = (secretOrigins: Readonly<Record<string, readonly string[]>>) =>
  Object.keys(secretOrigins).length === 0
    ? '-'
    : Object.entries(secretOrigins)
        .map(([secret, origins]) => `${secret} → ${origins.join(' ')}`)
        .join('; ');

const settings = (config: Record<string, unknown>) =>
  Object.entries(config)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(', ');

/** Only the names: a secret's value never reaches this module. */
const secrets = (values: Record<string, 'set'>) =>
  Object.keys(values)
    .map((key) => `${key}=set`)
    .join(', ');

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, col) => Math.max(h.length, ...rows.map((r) => (r[col] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, col) => cell.padEnd(widths[col] ?? 0))
      .join('  ')
      .trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}
