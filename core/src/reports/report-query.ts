import { invalid } from '../shared/errors.ts';
import { Joi } from '../shared/joi.ts';
import type { ReportKind } from './report-kinds.ts';

/**
 * A report's query checked outside a route (a schedule's parameters, the CLI's flags): the kind's
 * joi keys with conversion, then its own checks. `forbid` refuses keys (a schedule's dated ones,
 * with why); a 400 names `prefix` + the field.
 */
export function checkReportQuery(
  kind: ReportKind,
  raw: Record<string, unknown>,
  options: { prefix?: string; forbid?: { keys: readonly string[]; why: string } } = {},
): Record<string, unknown> {
  const prefix = options.prefix ?? '';
  const forbidden = Joi.forbidden().messages({ 'any.unknown': options.forbid?.why ?? 'is not allowed' });
  const { value, error } = Joi.object({
    ...kind.query,
    ...Object.fromEntries((options.forbid?.keys ?? []).map((key) => [key, forbidden])),
  }).validate(raw, { convert: true });
  const detail = error?.details[0];
  if (detail) throw invalid(`${prefix}${detail.path.join('.')}`, detail.message);
  kind.check?.(value, prefix);
  return value as Record<string, unknown>;
}
