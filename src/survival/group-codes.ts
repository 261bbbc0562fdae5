// Group labels for the survival methods: any column (numbers, strings, or the data layer's
// dictionary-encoded Categorical) becomes integer codes 0..G-1 and level names. Levels are sorted
// as R sorts a factor's levels: numerically when every value is a number, else by code point.
// Missing values (null, undefined, '', NaN, or code -1) get code -1; callers drop those rows.
import type { Categorical } from '../data/types.js';

export interface GroupCodes {
  codes: Int32Array;
  levels: string[];
}

/**
 * Integer codes and sorted level names for a grouping column.
 * @example groupCodes('logRank', ['b', 'a', 'b']) // {codes: [1, 0, 1], levels: ['a', 'b']}
 */
export function groupCodes(
  fn: string,
  group: ArrayLike<string | number | null | undefined> | Categorical,
  n: number,
): GroupCodes {
  const values: (string | number | null | undefined)[] = isCategorical(group)
    ? Array.from(group.codes, (c) => (c < 0 ? null : group.levels[c]))
    : Array.from(group);
  if (values.length !== n) {
    throw new Error(`${fn}: invalid group; expected ${n} values (one per time), got ${values.length}`);
  }
  const present = (v: unknown): boolean => v !== null && v !== undefined && v !== '' && !Number.isNaN(v);
  const distinct = [...new Set(values.filter(present).map((v) => String(v)))];
  const numeric = distinct.every((v) => v.trim() !== '' && Number.isFinite(Number(v)));
  distinct.sort(numeric ? (a, b) => Number(a) - Number(b) : (a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const index = new Map(distinct.map((v, i) => [v, i]));
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) codes[i] = present(values[i]) ? index.get(String(values[i]))! : -1;
  return { codes, levels: distinct };
}

function isCategorical(g: unknown): g is Categorical {
  return typeof g === 'object' && g !== null && 'codes' in g && 'levels' in g;
}
