// Building blocks of the summary's JSON Schema (schema.ts, schema-demand.ts): plain objects of the
// keywords summary-schema-check.ts interprets.
export const num = { type: 'number' } as const;
export const int = { type: 'integer' } as const;
export const str = { type: 'string' } as const;
export const bool = { type: 'boolean' } as const;
export const nullableNumber = { type: ['number', 'null'] } as const;
export const nullableString = { type: ['string', 'null'] } as const;
export const count = { $ref: '#/$defs/count' } as const;
export const arrayOf = (items: object) => ({ type: 'array', items }) as const;
export const object = (properties: Record<string, object>, required: string[] = Object.keys(properties)) =>
  ({ type: 'object', properties, required }) as const;

/**
 * `schema` (an object schema) with a description of its own and of the fields named in `fields`:
 * the descriptions a reader of dist/summary.schema.json (or an editor using it) sees. Annotations
 * only: they change nothing a validator accepts.
 */
export function described<S extends { properties: Record<string, object> }>(
  schema: S,
  description: string,
  fields: Partial<Record<keyof S['properties'], string>> = {},
): S & { description: string } {
  const properties: Record<string, object> = { ...schema.properties };
  for (const [key, text] of Object.entries(fields) as [string, string | undefined][]) {
    if (!(key in properties))
      throw new Error(`described: invalid field; expected one of the schema's properties, got '${key}'`);
    if (text) properties[key] = { description: text, ...properties[key] };
  }
  return { ...schema, description, properties };
}
