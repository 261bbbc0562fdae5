// A small interpreter of the JSON Schema keywords the summary's schema (schema.ts) uses, so the file
// is checked against the schema itself rather than a hand copy of it, with no code generation
// (ajv compiles validators with `new Function`, which a Content-Security-Policy without
// unsafe-eval forbids).
//
// Contract
// - Keywords: $ref (to '#/$defs/...'), type (one or a list; 'integer' a whole number), const,
//   enum, properties, required, additionalProperties (false or a schema), items, minItems,
//   minimum, maximum, exclusiveMinimum, exclusiveMaximum, pattern, anyOf. Others (title,
//   description, $id, $defs) are annotations and ignored. Draft 2020-12 semantics for these.
// - The schema at `#/$defs/count` is a count (every count in the summary's schema refers to it):
//   every value it accepts is reported to `onCount` with its path, so the caller can check counts
//   against the disclosure threshold. (Counts were once marked by a custom `x-count` keyword, which
//   JSON Schema validators in strict mode, ajv's, refuse as unknown.)
// - Output: problems in document order, each {path, message}; the path is a JSONPath such as
//   `$.rereferral.groups[2].nRisk[4]`. Under anyOf, the problems of the branch that matches the
//   value's type are reported (a clearer message than "no branch matched").
export interface SchemaProblem {
  path: string;
  message: string;
}

type Schema = Record<string, unknown>;

/** `$.a.b[2]["odd key"]`. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/** A value as a message quotes it (short). */
export function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function hasType(v: unknown, t: string): boolean {
  switch (t) {
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'object':
      return typeOf(v) === 'object';
    default:
      return typeOf(v) === t;
  }
}

const typeWords: Record<string, string> = {
  integer: 'a whole number',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  null: 'null',
  object: 'an object',
  array: 'an array',
};

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Check a value against a schema (see the file comment).
 * @example summarySchemaCheck({n: -3}, {type: 'object', properties: {n: {type: 'integer', minimum: 0}}})
 * // [{path: '$.n', message: 'expected a number >= 0, got -3'}]
 */
export function summarySchemaCheck(
  value: unknown,
  schema: Schema,
  onCount: (path: string, value: unknown) => void = () => {},
): SchemaProblem[] {
  const root = schema;
  const countSchema = (root['$defs'] as Record<string, Schema> | undefined)?.['count'];
  const isCount = (s: Schema) => countSchema !== undefined && s === countSchema;
  const resolve = (ref: string): Schema => {
    const m = /^#\/\$defs\/(.+)$/.exec(ref);
    const def = m ? (root['$defs'] as Record<string, Schema> | undefined)?.[m[1]!] : undefined;
    if (!def) throw new Error(`summarySchemaCheck: invalid schema; unknown $ref '${ref}'`);
    return def;
  };

  const check = (
    v: unknown,
    s: Schema,
    path: string,
    out: SchemaProblem[],
    counts: [string, unknown][],
  ): void => {
    if (typeof s['$ref'] === 'string') {
      check(v, resolve(s['$ref']), path, out, counts);
      return;
    }
    const before = out.length;
    if (Array.isArray(s['anyOf'])) {
      const branches = (s['anyOf'] as Schema[]).map((b) => {
        const o: SchemaProblem[] = [];
        const c: [string, unknown][] = [];
        check(v, b, path, o, c);
        return { o, c, b };
      });
      const ok = branches.find((b) => b.o.length === 0);
      if (ok) counts.push(...ok.c);
      else if (isCount(s))
        out.push({
          path,
          message: `expected a count (a whole number from 0, or c, z, x or low), got ${show(v)}`,
        });
      else {
        const typed = branches.filter(
          (b) => !b.o.some((p) => p.path === path && p.message.startsWith('expected ')),
        );
        if (typed.length === 1) out.push(...typed[0]!.o);
        else out.push({ path, message: `expected ${describe(s['anyOf'] as Schema[])}, got ${show(v)}` });
      }
    }
    if (s['type'] !== undefined) {
      const types = Array.isArray(s['type']) ? (s['type'] as string[]) : [s['type'] as string];
      if (!types.some((t) => hasType(v, t))) {
        out.push({
          path,
          message: `expected ${types.map((t) => typeWords[t] ?? t).join(' or ')}, got ${show(v)}`,
        });
        return;
      }
    }
    if ('const' in s && !same(v, s['const']))
      out.push({ path, message: `expected ${show(s['const'])}, got ${show(v)}` });
    if (Array.isArray(s['enum']) && !s['enum'].some((e) => same(e, v)))
      out.push({ path, message: `expected one of ${s['enum'].map(show).join(', ')}, got ${show(v)}` });
    if (typeof v === 'number') {
      const bound = (k: string, ok: (b: number) => boolean, words: string) => {
        const b = s[k];
        if (typeof b === 'number' && !ok(b))
          out.push({ path, message: `expected a number ${words} ${b}, got ${v}` });
      };
      bound('minimum', (b) => v >= b, '>=');
      bound('maximum', (b) => v <= b, '<=');
      bound('exclusiveMinimum', (b) => v > b, '>');
      bound('exclusiveMaximum', (b) => v < b, '<');
    }
    if (typeof v === 'string' && typeof s['pattern'] === 'string' && !new RegExp(s['pattern'], 'u').test(v))
      out.push({ path, message: `expected text matching ${s['pattern']}, got ${show(v)}` });
    if (Array.isArray(v)) {
      if (typeof s['minItems'] === 'number' && v.length < s['minItems'])
        out.push({ path, message: `expected at least ${s['minItems']} items, got ${v.length}` });
      if (s['items'] && typeof s['items'] === 'object')
        v.forEach((item, i) => check(item, s['items'] as Schema, childPath(path, i), out, counts));
    }
    if (typeOf(v) === 'object') {
      const obj = v as Record<string, unknown>;
      const props = (s['properties'] ?? {}) as Record<string, Schema>;
      for (const key of (s['required'] ?? []) as string[])
        if (!(key in obj)) out.push({ path: childPath(path, key), message: 'is missing (required)' });
      for (const [key, val] of Object.entries(obj)) {
        if (props[key]) check(val, props[key]!, childPath(path, key), out, counts);
        else if (s['additionalProperties'] === false)
          out.push({ path: childPath(path, key), message: 'is not a field of this object' });
        else if (s['additionalProperties'] && typeof s['additionalProperties'] === 'object')
          check(val, s['additionalProperties'] as Schema, childPath(path, key), out, counts);
      }
    }
    if (isCount(s) && out.length === before) counts.push([path, v]);
  };

  const out: SchemaProblem[] = [];
  const counts: [string, unknown][] = [];
  check(value, schema, '$', out, counts);
  for (const [p, v] of counts) onCount(p, v);
  return out;
}

function describe(branches: Schema[]): string {
  const words = branches.map((b) => {
    if (typeof b['type'] === 'string') return typeWords[b['type']] ?? b['type'];
    if (typeof b['$ref'] === 'string') return `a ${b['$ref'].replace('#/$defs/', '')} object`;
    if (Array.isArray(b['enum'])) return `one of ${b['enum'].map(show).join(', ')}`;
    return 'a value of another shape';
  });
  return words.join(' or ');
}
