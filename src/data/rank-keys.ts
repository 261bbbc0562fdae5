// Group equal keys and number the groups in order of first appearance, without a hash table the size
// of the data. Contract:
// - input: n keys of three int32 words each, interleaved in `keys` (key i is keys[3i..3i+2]);
// - output: `level[i]`, the group of key i, groups numbered 0, 1, ... in order of their first key
//   (so level[0] = 0 and a new level is always one more than the largest before it), and
//   `first[l]`, the index of the first key of level l; `count` levels;
// - exact: keys are compared word by word; a 32-bit hash only spreads them.
// Why: a national file has millions of distinct child ids; one hash table of them (tens of MB)
// misses the cache and the TLB on nearly every row (about 0.4 us a lookup on the 2-core machines,
// a virtual machine where a TLB miss is dear). Here every pass walks memory in order, or through at
// most 256 sequential streams:
// 1. hash each key; count keys per partition (the hash's top bits: up to 256 partitions);
// 2. scatter keys and hashes to their partitions, stably (each partition keeps index order);
// 3. per partition, a small hash table (in cache) numbers its groups in order of first appearance,
//    marking each key as a group's first or naming its group;
// 4. in index order (a merge: the next key of partition p is always at p's cursor), each group's
//    first key gets the next global level;
// 5. per partition, every key takes its group's global level (a table of a few KB, in cache);
// 6. in index order again, the levels are gathered back.
// Measured on the bench file's ids (3.6 million keys, 2.67 million distinct): see id-dictionary.ts.

/** One MurmurHash3 round: mix word k into h. */
function round(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/**
 * Hash of three words (MurmurHash3's rounds and finaliser). A plain sum of products of the words
 * gave 320,000 collisions among 3.6 million ids of the form LA1234567 (the bytes vary in few bits);
 * this gives 1,455, as a random function would (n^2 / 2^33 = 1,508).
 */
function hash3(a: number, b: number, c: number): number {
  let h = round(round(round(0x2545f491, a), b), c);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Levels in order of first appearance for n three-word keys (see file comment). */
export function rankKeys(
  keys: Int32Array,
  n: number,
): { level: Int32Array; first: Int32Array; count: number } {
  // Up to 256 partitions of at least 4,096 keys: more streams than that thrash the TLB.
  let bits = 0;
  while (bits < 8 && n >> (bits + 12) > 0) bits++;
  const shift = 31 - bits; // partition of hash h: (h >>> 1) >>> shift, the top `bits` bits
  const parts = 1 << bits;
  const hash = new Int32Array(n);
  const start = new Int32Array(parts + 1);
  hashAll(keys, n, hash, start, shift);
  for (let p = 0, sum = 0; p <= parts; p++) {
    const c = start[p]!;
    start[p] = sum;
    sum += c;
  }
  const entries = new Int32Array(4 * n);
  scatter(keys, n, hash, start, shift, entries);
  const group = new Int32Array(n);
  let most = 0;
  for (let p = 0; p < parts; p++) most = Math.max(most, start[p + 1]! - start[p]!);
  let size = 2;
  while (size < 2 * most) size *= 2;
  const table = new Int32Array(size);
  for (let p = 0; p < parts; p++) groupPartition(entries, start[p]!, start[p + 1]!, table, group);
  // The entries are done with: their room holds each group's level (at its partition's slots) and
  // the first index of each level.
  const levels = entries.subarray(0, n);
  const first = entries.subarray(n, 2 * n);
  const count = numberGroups(hash, n, start, shift, group, levels, first);
  for (let p = 0; p < parts; p++) spreadLevels(start[p]!, start[p + 1]!, group, levels);
  const level = gather(hash, n, start, shift, group);
  return { level, first: first.subarray(0, count), count };
}

/** Pass 1: hash[i], and the number of keys of each partition p in start[p]. */
function hashAll(keys: Int32Array, n: number, hash: Int32Array, start: Int32Array, shift: number): void {
  for (let i = 0; i < n; i++) {
    const h = hash3(keys[3 * i]!, keys[3 * i + 1]!, keys[3 * i + 2]!);
    hash[i] = h;
    start[(h >>> 1) >>> shift]!++;
  }
}

/** Pass 2: entries[4q..4q+3] = the key and its hash, q running through each partition in index order. */
function scatter(
  keys: Int32Array,
  n: number,
  hash: Int32Array,
  start: Int32Array,
  shift: number,
  entries: Int32Array,
): void {
  const cursor = start.slice();
  for (let i = 0; i < n; i++) {
    const h = hash[i]!;
    const q = 4 * cursor[(h >>> 1) >>> shift]!++;
    entries[q] = keys[3 * i]!;
    entries[q + 1] = keys[3 * i + 1]!;
    entries[q + 2] = keys[3 * i + 2]!;
    entries[q + 3] = h;
  }
}

/**
 * Pass 3, one partition: group[q] = -(g + 1) when entry q opens local group g (numbered in order of
 * first appearance in the partition), else g. `table` holds entry index + 1 of each group's first.
 */
function groupPartition(
  entries: Int32Array,
  from: number,
  to: number,
  table: Int32Array,
  group: Int32Array,
): void {
  let size = 2;
  while (size < 2 * (to - from)) size *= 2;
  const mask = size - 1;
  table.fill(0, 0, size);
  let groups = 0;
  for (let q = from; q < to; q++) {
    const w0 = entries[4 * q]!;
    const w1 = entries[4 * q + 1]!;
    const w2 = entries[4 * q + 2]!;
    let slot = entries[4 * q + 3]! & mask;
    for (;;) {
      const f = table[slot]! - 1;
      if (f < 0) {
        table[slot] = q + 1;
        group[q] = -++groups;
        break;
      }
      if (entries[4 * f] === w0 && entries[4 * f + 1] === w1 && entries[4 * f + 2] === w2) {
        group[q] = -group[f]! - 1; // f opened the group: its mark -(g + 1) names g
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
}

/**
 * Pass 4: in index order, each group's first key takes the next level, written at its partition's
 * slot for that group (`levels[start[p] + g]`), and its index at first[level]. Returns the number of
 * levels.
 */
function numberGroups(
  hash: Int32Array,
  n: number,
  start: Int32Array,
  shift: number,
  group: Int32Array,
  levels: Int32Array,
  first: Int32Array,
): number {
  const cursor = start.slice();
  let count = 0;
  for (let i = 0; i < n; i++) {
    const p = (hash[i]! >>> 1) >>> shift;
    const g = group[cursor[p]!++]!;
    if (g < 0) {
      levels[start[p]! - g - 1] = count;
      first[count++] = i;
    }
  }
  return count;
}

/** Pass 5, one partition: group[q] becomes the global level of its group. */
function spreadLevels(from: number, to: number, group: Int32Array, levels: Int32Array): void {
  for (let q = from; q < to; q++) {
    const g = group[q]!;
    group[q] = levels[from + (g < 0 ? -g - 1 : g)]!;
  }
}

/** Pass 6: the levels back in index order. */
function gather(
  hash: Int32Array,
  n: number,
  start: Int32Array,
  shift: number,
  group: Int32Array,
): Int32Array {
  const level = new Int32Array(n);
  const cursor = start.slice();
  for (let i = 0; i < n; i++) level[i] = group[cursor[(hash[i]! >>> 1) >>> shift]!++]!;
  return level;
}
