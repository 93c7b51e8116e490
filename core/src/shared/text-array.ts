/**
 * A PostgreSQL text[] literal of `values`, each quoted (quotes and backslashes escaped), for a
 * parameter cast with `?::text[]`: the ORM's `execute` would spread a JavaScript array into a list.
 */
export function textArrayLiteral(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}
