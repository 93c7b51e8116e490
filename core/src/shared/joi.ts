import BaseJoi from 'joi';
import { unstorableCharacter } from './storable-text.ts';

/**
 * Joi as every Kredo schema uses it: `Joi.string()` also refuses characters PostgreSQL cannot store
 * (shared/storable-text.ts), so no route can forget the rule for one of its fields. Import Joi from
 * here, never from 'joi' (the linter refuses that).
 */
export const Joi: BaseJoi.Root = BaseJoi.extend((joi: BaseJoi.Root) => ({
  type: 'string',
  base: joi.string(),
  messages: { 'string.storable': '{{#label}} contains {{#character}}, which cannot be stored' },
  validate(value: unknown, helpers: BaseJoi.CustomHelpers) {
    const character = typeof value === 'string' ? unstorableCharacter(value) : undefined;
    return character ? { value, errors: helpers.error('string.storable', { character }) } : { value };
  },
}));

export type { CustomHelpers, ObjectSchema, Schema } from 'joi';
