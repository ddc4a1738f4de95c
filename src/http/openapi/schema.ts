import { z } from 'zod';

/** A JSON Schema (draft 2020-12) object, as the OpenAPI 3.1 document embeds it. */
export type JsonSchema = { [key: string]: unknown };

/** Shared schemas collected while converting, keyed by their name under `#/components/schemas`. */
export type SchemaDefs = Record<string, JsonSchema>;

const componentName = (s: string): string => s.replace(/[^A-Za-z0-9._-]/g, '_');

function convert(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  return z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
}

/** Replaces every `$ref` the conversion wrote with its place in the document's components. */
function rewriteRefs(value: unknown, refFor: (ref: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => rewriteRefs(v, refFor));
  if (value === null || typeof value !== 'object') return value;
  const out: JsonSchema = {};
  for (const [k, v] of Object.entries(value)) out[k] = k === '$ref' && typeof v === 'string' ? refFor(v) : rewriteRefs(v, refFor);
  return out;
}

const hasRootRef = (value: unknown): boolean => {
  if (Array.isArray(value)) return value.some(hasRootRef);
  if (value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(([k, v]) => (k === '$ref' && v === '#') || hasRootRef(v));
};

/**
 * Converts a zod schema with zod's own JSON Schema output. It never throws:
 * when one side (input or output) cannot be converted the other is tried,
 * and failing both the schema becomes `{}` (any value). Named and recursive
 * parts are moved into `defs` under `<name>_<part>` so that their references
 * still resolve inside the OpenAPI document.
 */
export function toJsonSchema(schema: z.ZodType, io: 'input' | 'output', defs: SchemaDefs, name: string): JsonSchema {
  let raw: JsonSchema;
  try {
    raw = convert(schema, io);
  } catch {
    try {
      raw = convert(schema, io === 'input' ? 'output' : 'input');
    } catch {
      return {};
    }
  }
  const { $schema: _dialect, $defs, ...rest } = raw;
  const base = componentName(name);
  const selfRef = hasRootRef(rest);
  const refFor = (ref: string): string => {
    if (ref === '#') return `#/components/schemas/${base}`;
    const m = /^#\/\$defs\/(.+)$/.exec(ref);
    return m?.[1] ? `#/components/schemas/${base}_${componentName(m[1])}` : ref;
  };
  if ($defs && typeof $defs === 'object') {
    for (const [key, def] of Object.entries($defs)) defs[`${base}_${componentName(key)}`] = rewriteRefs(def, refFor) as JsonSchema;
  }
  const body = rewriteRefs(rest, refFor) as JsonSchema;
  if (!selfRef) return body;
  defs[base] = body;
  return { $ref: `#/components/schemas/${base}` };
}

const alternatives = (s: JsonSchema): JsonSchema[] =>
  [s.anyOf, s.oneOf].flatMap((list) => (Array.isArray(list) ? (list as JsonSchema[]) : []));

/** Whether a value of this schema may be a list. */
export function isArraySchema(s: JsonSchema): boolean {
  if (s.type === 'array' || (Array.isArray(s.type) && s.type.includes('array'))) return true;
  return alternatives(s).some(isArraySchema);
}

/**
 * A query parameter that takes "one value or a list" becomes a plain list:
 * with `style: form, explode: true` a single `?a=x` is already a list of one.
 */
export function asRepeatable(s: JsonSchema): JsonSchema {
  const alts = alternatives(s);
  const list = alts.find((a) => a.type === 'array');
  if (!list || alts.length !== 2) return s;
  const single = alts.find((a) => a !== list) as JsonSchema;
  const items = (list.items ?? {}) as JsonSchema;
  if (single.type !== items.type || single.type === 'object' || single.type === 'array') return s;
  const { anyOf: _a, oneOf: _o, ...rest } = s;
  return { ...rest, type: 'array', items };
}

/** Whether a body can also be sent as an HTML form: an object whose fields are all plain text. */
export function isFormFriendly(s: JsonSchema): boolean {
  if (s.type !== 'object' || typeof s.properties !== 'object' || s.properties === null) return false;
  const fields = Object.values(s.properties as Record<string, JsonSchema>);
  return fields.length > 0 && fields.every((f) => f.type === 'string');
}

/** A short, readable name for a schema's type: `string`, `integer`, `string[]`, `"a" | "b"`. */
export function typeLabel(s: JsonSchema | undefined): string {
  if (!s) return 'any';
  if (typeof s.$ref === 'string') return s.$ref.split('/').pop() ?? 'object';
  if (Array.isArray(s.enum)) return s.enum.map((v) => JSON.stringify(v)).join(' | ');
  if ('const' in s) return JSON.stringify(s.const);
  const alts = alternatives(s);
  if (alts.length) return [...new Set(alts.map(typeLabel))].join(' or ');
  const types = Array.isArray(s.type) ? (s.type as string[]) : typeof s.type === 'string' ? [s.type] : [];
  if (!types.length) return 'any';
  return types
    .map((t) => {
      if (t === 'array') return `${typeLabel(s.items as JsonSchema | undefined)}[]`;
      if (t === 'string' && typeof s.format === 'string') return `string (${s.format})`;
      return t;
    })
    .join(' or ');
}
