import * as z from 'zod/mini';

export type JsonSchema = z.core.JSONSchema.BaseSchema;

/** Which side of a schema the document shows: what a request sends, or what an answer holds. */
export type Side = 'input' | 'output';

const componentPrefix = '#/components/schemas/';

type Override = { zodSchema: z.core.$ZodType; jsonSchema: JsonSchema };

/** Whether a string schema has a regular expression of its own (`regex`), beside its format. */
function hasOwnPattern(schema: z.core.$ZodType): boolean {
  const def = schema._zod.def as { format?: string; checks?: z.core.$ZodCheck[] };
  const formatOf = (check: z.core.$ZodCheck) => (check._zod.def as { format?: string }).format;
  return [def.format, ...(def.checks ?? []).map(formatOf)].includes('regex');
}

/**
 * Keeps the document as it has always been written where zod's JSON Schema says the same thing
 * more verbosely: an integer's implied safe-integer bounds, a record's string keys (JSON keys
 * are strings), a single allowed value as `enum` rather than `const`, and a string format's
 * long equivalent regular expression beside the format itself.
 */
function plain({ zodSchema, jsonSchema: json }: Override): void {
  if (json.minimum === Number.MIN_SAFE_INTEGER) delete json.minimum;
  if (json.maximum === Number.MAX_SAFE_INTEGER) delete json.maximum;
  if (JSON.stringify(json.propertyNames) === '{"type":"string"}') delete json.propertyNames;
  if (json.const !== undefined) {
    json.enum = [json.const];
    delete json.const;
  }
  if (json.format && json.pattern && !hasOwnPattern(zodSchema)) delete json.pattern;
}

/**
 * An answer is built by its handler, not parsed by zod on its way out, so nothing strips keys
 * from it: unlike zod's output side, the document does not close its objects (strict ones
 * excepted, which say so themselves).
 */
function answer(override: Override): void {
  plain(override);
  const def = override.zodSchema._zod.def as { type: string; catchall?: unknown };
  if (def.type === 'object' && !def.catchall && override.jsonSchema.additionalProperties === false)
    delete override.jsonSchema.additionalProperties;
}

/** Points zod's `#/$defs/Name` references at the document's components. */
function relinked<T>(value: T): T {
  if (Array.isArray(value)) return value.map(relinked) as T;
  if (!value || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value))
    copy[key] =
      key === '$ref' && typeof inner === 'string'
        ? inner.replace(/^#\/\$defs\//, componentPrefix)
        : relinked(inner);
  return copy as T;
}

/**
 * Writes zod schemas as OpenAPI 3.1 schema objects (JSON Schema 2020-12). A schema registered
 * with an `id` (`.register(z.globalRegistry, { id })`) becomes a component, referenced wherever
 * it is used; everything else is written in place.
 */
export class SchemaWriter {
  readonly components: Record<string, JsonSchema> = {};

  write(schema: z.core.$ZodType, side: Side): JsonSchema {
    const {
      $schema: _dialect,
      $defs,
      ...json
    } = z.toJSONSchema(schema, {
      target: 'draft-2020-12',
      io: side,
      override: side === 'output' ? answer : plain,
    });
    for (const [name, def] of Object.entries($defs ?? {})) this.#add(name, relinked(def));
    return relinked(json);
  }

  #add(name: string, def: JsonSchema): void {
    const known = this.components[name];
    // One name, one schema: a component written differently from two places is a naming mistake.
    if (known && JSON.stringify(known) !== JSON.stringify(def))
      throw new Error(`Two different schemas are named ${name} in the API document`);
    this.components[name] = def;
  }
}
