/** The parts of the OpenAPI document (http/openapi.ts) the route table shows. */
interface Document {
  tags: { name: string }[];
  paths: Record<string, Record<string, Operation>>;
}
interface Operation {
  operationId: string;
  summary?: string;
  tags?: string[];
  'x-required-scopes'?: string[];
  responses: Record<string, unknown>;
}

/**
 * docs/api.md's table of routes, made from the OpenAPI document: by tag, then path. Each row names
 * the operationId a generated client calls it by, the scope, what it does and its answers (the
 * success in bold; every route may also answer 500).
 */
export function apiRouteTable(document: Document): string {
  const rows = Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => ({ path, method, operation })),
  );
  const order = document.tags.map((tag) => tag.name);
  const tagIndex = (operation: Operation) => order.indexOf(operation.tags?.[0] ?? '');
  rows.sort(
    (a, b) =>
      tagIndex(a.operation) - tagIndex(b.operation) ||
      a.path.localeCompare(b.path) ||
      METHODS.indexOf(a.method) - METHODS.indexOf(b.method),
  );
  return [
    '| Method and path | operationId | Scope | What it does | Answers |',
    '|---|---|---|---|---|',
    ...rows.map(({ path, method, operation }) => {
      const scopes = operation['x-required-scopes'];
      const scope = scopes ? scopes.map((s) => `\`${s}\``).join(' or ') : 'none';
      const statuses = Object.keys(operation.responses).filter((s) => s !== '500');
      const answers = statuses.map((s) => (/^[23]/.test(s) ? `**${s}**` : s)).join(' ');
      return `| \`${method.toUpperCase()} ${path}\` | \`${operation.operationId}\` | ${scope} | ${operation.summary ?? ''} | ${answers} |`;
    }),
  ].join('\n');
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
