// Group labels for the survival methods: any column (numbers, strings, or the data layer's
// dictionary-encoded column: LevelCodes) becomes integer codes 0..G-1 and level names. Levels are
// sorted as R sorts a factor's levels: numerically when every value is a number, else as R's sort()
// in an English locale (src/math/level-order.ts).
// Missing values (null, undefined, '', NaN, or code -1) get code -1; callers drop those rows.
import type { LevelCodes } from '../math/level-codes.js';
import { sortLevels } from '../math/level-order.js';

export interface GroupCodes {
  codes: Int32Array;
  levels: string[];
}

/**
 * Integer codes and sorted level names for a grouping column. O(n) with one map lookup per row.
 * @example groupCodes('logRank', ['b', 'a', 'b'], 3) // {codes: [1, 0, 1], levels: ['a', 'b']}
 */
export function groupCodes(
  fn: string,
  group: ArrayLike<string | number | null | undefined> | LevelCodes,
  n: number,
): GroupCodes {
  const categorical = isLevelCodes(group);
  const length = categorical ? group.codes.length : group.length;
  if (length !== n)
    throw new Error(`${fn}: invalid group; expected ${n} values (one per time), got ${length}`);
  // First pass: a provisional code per distinct raw value (or the level codes' own, read where they
  // are: a copy of millions of codes is fresh memory, a page fault every 4 KB).
  let raw: ArrayLike<number>;
  let names: string[];
  if (categorical) {
    raw = group.codes;
    names = group.levels.map(String);
  } else {
    const provisional = new Int32Array(n);
    raw = provisional;
    const seen = new Map<string | number, number>();
    names = [];
    for (let i = 0; i < n; i++) {
      const v = group[i];
      if (v === null || v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v))) {
        provisional[i] = -1;
        continue;
      }
      let c = seen.get(v);
      if (c === undefined) {
        c = names.length;
        seen.set(v, c);
        names.push(String(v));
      }
      provisional[i] = c;
    }
  }
  const present = new Uint8Array(names.length);
  for (let i = 0; i < n; i++) if (raw[i] >= 0) present[raw[i]] = 1;
  const distinct = [...new Set(names.filter((_, c) => present[c] === 1))];
  const sorted = sortLevels(distinct);
  distinct.splice(0, distinct.length, ...sorted);
  const index = new Map(distinct.map((v, i) => [v, i]));
  const remap = Int32Array.from(names, (name, c) => (present[c] ? index.get(name)! : -1));
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) codes[i] = raw[i] < 0 ? -1 : remap[raw[i]];
  return { codes, levels: distinct };
}

function isLevelCodes(g: unknown): g is LevelCodes {
  return typeof g === 'object' && g !== null && 'codes' in g && 'levels' in g;
}
