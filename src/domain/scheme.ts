// A scheme of demand categories: the named latent classes that `model = national` estimates on local
// data, started from and kept aligned with the scheme's profiles so the labels stay put from year to
// year. The kit ships the national 12-category scheme (national-scheme.ts); a user may supply their
// own, for example one exported from last year's local fit.
// Contract of `validateScheme(input)`:
// - input: a parsed JSON value or the JSON text of a scheme file;
// - output: a clean copy: factor codes normalised (`03b` -> `3B`), shares normalised to sum to 1,
//   `source`, `note` and `description` defaulting to '';
// - throws `validateScheme: invalid <field>; expected ..., got ...` naming the category and the code,
//   for: a missing or mistyped field, a duplicate id or name, an id that is not a slug, a share
//   outside [0, 1] or shares not summing to 1 within 0.02 (rounded published shares sum to 0.97-1.03
//   only when they say so: pass them normalised), a probability outside [0, 1], a code the CIN
//   dictionary lacks (src/domain/cin-codes.ts), or categories whose profiles cover different codes.
import { isKnownFactor, normaliseFactorCode } from './cin-codes.js';

export { NATIONAL_SCHEME } from './national-scheme.js';

export type { Scheme, SchemeCategory } from './scheme-types.js';
import type { Scheme, SchemeCategory } from './scheme-types.js';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function fail(field: string, expected: string, got: unknown): never {
  const shown = typeof got === 'string' ? `'${got}'` : JSON.stringify(got);
  throw new Error(`validateScheme: invalid ${field}; expected ${expected}, got ${shown ?? String(got)}`);
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function text(obj: Record<string, unknown>, key: string, where: string, optional: boolean): string {
  const v = obj[key];
  if (v === undefined && optional) return '';
  if (typeof v !== 'string' || (!optional && v.trim() === '')) {
    fail(`${where}${key}`, optional ? 'a string' : 'a non-empty string', v);
  }
  return v;
}

function probability(v: unknown, field: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1) fail(field, 'a number from 0 to 1', v);
  return v;
}

function profileOf(raw: unknown, where: string): Record<string, number> {
  if (!isRecord(raw) || Object.keys(raw).length === 0) {
    fail(`${where}profile`, 'an object of factor code -> probability, such as {"3B": 0.9}', raw);
  }
  const profile: Record<string, number> = {};
  for (const [rawCode, p] of Object.entries(raw)) {
    const code = normaliseFactorCode(rawCode);
    if (!isKnownFactor(code))
      fail(`${where}profile code`, 'a factor code of the CIN census dictionary', rawCode);
    if (code in profile) fail(`${where}profile code`, 'each code once', rawCode);
    profile[code] = probability(p, `${where}profile['${rawCode}']`);
  }
  return profile;
}

/**
 * Check a scheme (parsed JSON or its text) and return a clean copy with normalised codes and shares.
 * @param input a value shaped as `Scheme`, or the JSON text of one
 * @returns the scheme, shares summing to 1 exactly
 * @throws Error `validateScheme: invalid categories[2].share; expected a number from 0 to 1, got 1.5`
 * @example validateScheme(NATIONAL_SCHEME).categories.length // 12
 */
export function validateScheme(input: unknown): Scheme {
  let json = input;
  if (typeof input === 'string') {
    try {
      json = JSON.parse(input);
    } catch (e) {
      fail('JSON', 'the text of a scheme file', (e as Error).message);
    }
  }
  if (!isRecord(json)) fail('scheme', 'an object with version, source, note and categories', json);
  const version = text(json, 'version', '', false);
  const source = text(json, 'source', '', true);
  const note = text(json, 'note', '', true);
  const rawCategories = json['categories'];
  if (!Array.isArray(rawCategories) || rawCategories.length === 0) {
    fail('categories', 'a non-empty array of categories', rawCategories);
  }
  const ids = new Set<string>();
  const names = new Set<string>();
  let codes: string[] | undefined;
  const categories = rawCategories.map((raw: unknown, i: number): SchemeCategory => {
    const where = `categories[${i}].`;
    if (!isRecord(raw)) fail(`categories[${i}]`, 'an object with id, name, share and profile', raw);
    const id = text(raw, 'id', where, false);
    if (!SLUG.test(id)) fail(`${where}id`, 'a slug of lower-case letters, digits and hyphens', id);
    if (ids.has(id)) fail(`${where}id`, 'ids that differ between categories', id);
    ids.add(id);
    const name = text(raw, 'name', where, false);
    if (names.has(name)) fail(`${where}name`, 'names that differ between categories', name);
    names.add(name);
    const share = probability(raw['share'], `${where}share`);
    const profile = profileOf(raw['profile'], `categories[${i}] ('${id}') `);
    const own = Object.keys(profile).sort();
    if (codes === undefined) codes = own;
    else {
      const missing = codes.find((c) => !(c in profile)) ?? own.find((c) => !codes!.includes(c));
      if (missing !== undefined) {
        fail(`categories[${i}] ('${id}') profile`, `the same factor codes as every other category`, missing);
      }
    }
    const category: SchemeCategory = {
      id,
      name,
      share,
      description: text(raw, 'description', where, true),
      profile,
    };
    if (raw['publishedShare'] !== undefined) {
      category.publishedShare = probability(raw['publishedShare'], `${where}publishedShare`);
    }
    return category;
  });
  const total = categories.reduce((s, c) => s + c.share, 0);
  if (Math.abs(total - 1) > 0.02)
    fail('shares', 'shares summing to 1 (within 0.02)', Number(total.toFixed(6)));
  for (const c of categories) c.share /= total;
  return { version, source, note, categories };
}
