// Matching one dictionary's levels to another's: for each string of `from`, its index in `into`, as
// a Map from into's strings to their index (the last one for a string listed twice) would give it.
// Contract: returns Int32Array(from.length), -1 where `into` lacks the string. Exact (keys are
// compared whole); O(from + into) in time, with no hash table the size of the data.
// Why: joining pupils to assessments by child id matches millions of ids. A Map of 2.7 million
// strings (about 150 MB) misses the cache and the TLB on nearly every insert and lookup: 13 s of a
// national summary on the 2-core machine. Here a string of up to 11 characters below U+0100 (every
// id of the CIN census) is packed into three int32 words as id-dictionary.ts packs bytes, and
// rank-keys.ts groups the words partition by partition in cache; other strings are numbered through
// a Map of their own first (there are few, if any) and stand as that number.
import { rankKeys } from './rank-keys.js';

const LONG = -1; // third word of a string that is not packed: its number is the first word

/**
 * The index in `into` of each string of `from`, -1 when absent.
 * @example matchLevels(['b', 'x', 'a'], ['a', 'b']) // Int32Array [1, -1, 0]
 */
export function matchLevels(from: readonly string[], into: readonly string[]): Int32Array {
  const nInto = into.length;
  const n = nInto + from.length;
  const keys = new Int32Array(3 * n);
  const other = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const text = i < nInto ? into[i]! : from[i - nInto]!;
    pack(text, keys, 3 * i, other);
  }
  const { level, count } = rankKeys(keys, n);
  // A string listed twice in `into` maps to its last index, as Map.set would leave it.
  const lastInto = new Int32Array(count).fill(-1);
  for (let i = 0; i < nInto; i++) lastInto[level[i]!] = i;
  const out = new Int32Array(from.length);
  for (let j = 0; j < from.length; j++) out[j] = lastInto[level[nInto + j]!]!;
  return out;
}

/** Write the three words of `text` at keys[o..o+2]. */
function pack(text: string, keys: Int32Array, o: number, other: Map<string, number>): void {
  const len = text.length;
  let w0 = 0;
  let w1 = 0;
  let w2 = len << 24;
  let packed = len <= 11;
  for (let i = 0; packed && i < len; i++) {
    const c = text.charCodeAt(i);
    if (c > 0xff) packed = false;
    else if (i < 4) w0 |= c << (8 * i);
    else if (i < 8) w1 |= c << (8 * (i - 4));
    else w2 |= c << (8 * (i - 8));
  }
  if (!packed) {
    let k = other.get(text);
    if (k === undefined) other.set(text, (k = other.size));
    w0 = k;
    w1 = 0;
    w2 = LONG;
  }
  keys[o] = w0;
  keys[o + 1] = w1;
  keys[o + 2] = w2;
}
