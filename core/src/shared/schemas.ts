import { Joi, type Schema } from './joi.ts';

// Field schemas shared by routes: one definition of what a currency, date or id looks like.
export const currency = Joi.string()
  .pattern(/^[A-Z]{3}$/)
  .description('ISO 4217 code, e.g. EUR');
export const country = Joi.string()
  .pattern(/^[A-Z]{2}$/)
  .description('ISO 3166-1 alpha-2 code, e.g. NL');
export const language = Joi.string()
  .pattern(/^[a-z]{2}$/)
  .description('ISO 639-1 code: nl, en, de, fr …');
export const isoDate = Joi.string()
  .pattern(/^\d{4}-\d{2}-\d{2}$/)
  .custom((value: string, helpers) =>
    Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ||
    new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value
      ? helpers.error('date.format')
      : value,
  )
  .messages({ 'date.format': '{{#label}} must be a real calendar date (YYYY-MM-DD)' })
  .description('Business date, YYYY-MM-DD');
export const timeZone = Joi.string()
  .max(64)
  .custom((value: string, helpers) =>
    Intl.supportedValuesOf('timeZone').includes(value) || value === 'UTC'
      ? value
      : helpers.error('any.invalid'),
  )
  .description('IANA time zone, e.g. Europe/Amsterdam');
export const minorUnits = Joi.number()
  .integer()
  .min(-(2 ** 53 - 1))
  .max(2 ** 53 - 1)
  .description('Amount in minor units (cents), signed integer');
export const externalKey = Joi.string().trim().min(1).max(64);
export const prefixedId = (prefix: string) =>
  Joi.string()
    .pattern(new RegExp(`^${prefix}_[0-9a-z]{26}$`))
    .description(`Kredo id (${prefix}_…)`);
export const instant = Joi.date().iso().description('Instant, ISO 8601 in UTC');

/** The meta key `named` sets: the name of the schema in the OpenAPI document's components. */
export const COMPONENT = 'x-component';

/**
 * Names a schema in the OpenAPI document (`components.schemas.<name>`), so a generated client has a
 * type of that name. `.required()` and `.allow(null)` of it keep the name; anything else is another schema.
 */
export function named<T extends Schema>(name: string, schema: T): T {
  return schema.meta({ [COMPONENT]: name }) as T;
}

/** An amount with its currency, as answers carry it. */
export const money = named(
  'Money',
  Joi.object({ amount: minorUnits.required(), currency: currency.required() }),
);

/** Escapes LIKE wildcards in user text. */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
