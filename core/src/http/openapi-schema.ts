import { createRequire } from 'node:module';
import { isDeepStrictEqual } from 'node:util';
import type { Schema } from '../shared/joi.ts';
import { COMPONENT } from '../shared/schemas.ts';

export type JsonSchema = Record<string, unknown> & {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  description?: string;
  nullable?: boolean;
};

type Description = { type?: string; metas?: Record<string, unknown>[]; patterns?: Pattern[] };
type Pattern = { schema?: Description; regex?: string; rule?: Description };
interface Parser {
  parse(description: Description, definitions?: object, level?: number): JsonSchema;
}
type ParserClass = new () => Parser & {
  _setObjectProperties(schema: JsonSchema, spec: Description, definitions: object, level: number): void;
  _setAnyProperties(schema: JsonSchema): void;
};

// joi-to-json's OpenAPI 3.0 parser (pinned: these are its extension points), with what it lacks:
// maps (`Joi.object().pattern(Joi.string(), value)`) as `additionalProperties`, where it drops them,
// `Joi.any()` as a schema that takes anything, and named schemas hoisted into components.
const OpenApiParser = createRequire(import.meta.url)('joi-to-json/lib/parsers/open-api.js') as ParserClass;

/**
 * Turns joi schemas into OpenAPI 3.0 schemas. A schema marked with `named('Debtor', …)` becomes
 * `components.schemas.Debtor` and a `$ref` wherever it is used; two different schemas of one name are
 * a programming error, thrown at start-up.
 */
export class OpenApiSchemas {
  readonly components: Record<string, JsonSchema> = {};
  readonly #parser: Parser;

  constructor() {
    const components = this.components;
    class KredoParser extends OpenApiParser {
      override parse(spec: Description, definitions = {}, level = 0): JsonSchema {
        const json = super.parse(spec, definitions, level);
        const name = spec.metas?.findLast((meta) => COMPONENT in meta)?.[COMPONENT];
        return typeof name === 'string' ? hoist(components, name, json) : json;
      }

      override _setObjectProperties(
        schema: JsonSchema,
        spec: Description,
        definitions: object,
        level: number,
      ) {
        super._setObjectProperties(schema, spec, definitions, level);
        const map = spec.patterns?.find((pattern) => pattern.schema && pattern.rule);
        if (schema.type === 'object' && map?.rule) {
          schema.additionalProperties = this.parse(map.rule, definitions, level + 1);
        }
      }

      override _setAnyProperties(schema: JsonSchema) {
        if (schema.type === 'any') delete schema.type;
      }
    }
    this.#parser = new KredoParser();
  }

  toJson(schema: Schema): JsonSchema {
    const { schemas: _, ...json } = this.#parser.parse(schema.describe() as Description);
    return json;
  }
}

/**
 * A named schema's place in the components, and the `$ref` to it. Where it is used with `.allow(null)`
 * or its own `.description(…)`, the reference carries them (`allOf` with one member, as OpenAPI 3.0
 * ignores siblings of a `$ref`).
 */
function hoist(components: Record<string, JsonSchema>, name: string, json: JsonSchema): JsonSchema {
  const { nullable, description, [COMPONENT]: _, ...component } = json;
  const known = components[name];
  if (known && !isDeepStrictEqual(known, component)) {
    throw new Error(`Two different schemas are named ${name}: name one of them otherwise`);
  }
  components[name] = component;
  const ref = { $ref: `#/components/schemas/${name}` };
  if (!nullable && description === undefined) return ref;
  return {
    ...(description === undefined ? {} : { description }),
    ...(nullable ? { nullable } : {}),
    allOf: [ref],
  };
}
