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
