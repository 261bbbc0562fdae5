// Dictionary encoding straight from bytes: a repeated value (a gender, an ethnicity, a referral
// source) is found from its bytes without making a string. Contract:
// - levels are numbered 0, 1, ... in order of first appearance; `levels` decodes them to strings on
//   first use (after the parse), in one pass over the pool of level bytes (decode-levels.ts);
// - values of up to 4 bytes (codes such as M, WBRI, N1, RC3, Yes) are their own key: packed into one
//   integer, compared without touching the pool; values of 5 to 11 bytes are packed into three
//   integers (the length in the top byte of the third) stored inline in their table; longer values
//   are hashed (FNV-1a) and compared byte by byte with the pool. Open addressing, linear probing,
//   load factor at most one half.
// For the category columns (a few to a few thousand levels: the tables stay in cache). Id columns,
// with millions of distinct values, go through id-dictionary.ts, which numbers them by sorting; it
// uses this class only for ids of more than 11 bytes.

import { decodeLevels } from './decode-levels.js';

const ENCODER = new TextEncoder();
const SHORT = 4;
const MEDIUM = 11;

/** Spread a packed key's bits (Fibonacci hashing, high bits folded down). */
function mix(x: number): number {
  const h = Math.imul(x, 0x9e3779b1);
  return h ^ (h >>> 15);
}

/** Hash three packed words (a medium key). */
function mix3(a: number, b: number, c: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b) ^ Math.imul(c, 0xc2b2ae35);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 13);
}

/** Maps byte strings to level indices (see file comment). */
export class ByteDictionary {
  private count = 0;
  /** Level of the last long value looked up (-1 before any). */
  private last = -1;
  private decoded: string[] = [];
  /** Long values: interleaved [hash, level + 1] pairs (0 = empty), one cache line per probe. */
  private table = new Int32Array(256);
  private mask = 127;
  private longCount = 0;
  /** Short values: interleaved [packed bytes, length, level + 1]. */
  private small = new Int32Array(3 * 64);
  private smallMask = 63;
  private smallCount = 0;
  /** Medium values: [word 0, word 1, word 2 | length << 24, level + 1], 16 bytes a slot. */
  private medium = new Int32Array(4 * 64);
  private mediumMask = 63;
  private mediumCount = 0;
  /** The last medium value looked up and its level (-1 before any). */
  private lastW0 = 0;
  private lastW1 = 0;
  private lastW2 = 0;
  private lastMedium = -1;
  private offsets = new Int32Array(257);
  private pool = new Uint8Array(4096);

  /** @param decode turns the bytes of a level into its string (the file's encoding). */
  constructor(private readonly decode: (b: Uint8Array, s: number, e: number) => string) {}

  /** The levels as strings, in order of first appearance. */
  get levels(): string[] {
    if (this.decoded.length < this.count) this.decodeNew();
    return this.decoded;
  }

  /** The level of b[s, e), adding it when new; with `add` false, -1 when new (nothing added). */
  lookup(b: Uint8Array, s: number, e: number, add = true): number {
    const len = e - s;
    if (len <= SHORT) {
      let key = 0;
      for (let i = e - 1; i >= s; i--) key = (key << 8) | b[i]!;
      return this.lookupShort(key, b, s, e, add);
    }
    if (len <= MEDIUM) return this.lookupMedium(b, s, e, len, add);
    // The same value as last time (a child's assessments usually sit together in an extract):
    // compare with its bytes, still in cache, before hashing.
    const last = this.last;
    if (last >= 0) {
      const o = this.offsets[last]!;
      if (this.offsets[last + 1]! - o === len) {
        const pool = this.pool;
        let i = 0;
        while (i < len && pool[o + i] === b[s + i]) i++;
        if (i === len) return last;
      }
    }
    let h = 0x811c9dc5;
    for (let i = s; i < e; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
    const table = this.table;
    let slot = h & this.mask;
    for (;;) {
      const level = table[2 * slot + 1]! - 1;
      if (level < 0) break;
      if (table[2 * slot] === h) {
        const o = this.offsets[level]!;
        if (this.offsets[level + 1]! - o === len) {
          const pool = this.pool;
          let i = 0;
          while (i < len && pool[o + i] === b[s + i]) i++;
          if (i === len) return (this.last = level);
        }
      }
      slot = (slot + 1) & this.mask;
    }
    if (!add) return -1;
    const level = this.add(b, s, e);
    this.last = level;
    table[2 * slot] = h;
    table[2 * slot + 1] = level + 1;
    if (++this.longCount * 2 > this.mask + 1) this.rehash(this.grown(this.mask + 1));
    return level;
  }

  /**
   * lookup for a value of at most 4 bytes, given packed (`key`: byte i in bits 8i..8i+7), as a reader
   * that packs while it scans can give it.
   */
  lookupShort(key: number, b: Uint8Array, s: number, e: number, add = true): number {
    const len = e - s;
    const t = this.small;
    let slot = mix(key ^ len) & this.smallMask;
    for (;;) {
      const level = t[3 * slot + 2]! - 1;
      if (level < 0) break;
      if (t[3 * slot] === key && t[3 * slot + 1] === len) return level;
      slot = (slot + 1) & this.smallMask;
    }
    if (!add) return -1;
    const level = this.add(b, s, e);
    t[3 * slot] = key;
    t[3 * slot + 1] = len;
    t[3 * slot + 2] = level + 1;
    if (++this.smallCount * 2 > this.smallMask + 1) this.rehashSmall();
    return level;
  }

  /** lookup for a value of SHORT + 1 to MEDIUM bytes: packed into three words, compared inline. */
  private lookupMedium(b: Uint8Array, s: number, e: number, len: number, add: boolean): number {
    const w0 = b[s]! | (b[s + 1]! << 8) | (b[s + 2]! << 16) | (b[s + 3]! << 24);
    let w1 = b[s + 4]!;
    let w2 = len << 24;
    let i = s + 5;
    const e1 = len >= 8 ? s + 8 : e;
    for (let sh = 8; i < e1; i++, sh += 8) w1 |= b[i]! << sh;
    for (let sh = 0; i < e; i++, sh += 8) w2 |= b[i]! << sh;
    if (this.lastMedium >= 0 && w0 === this.lastW0 && w1 === this.lastW1 && w2 === this.lastW2)
      return this.lastMedium;
    const t = this.medium;
    let slot = mix3(w0, w1, w2) & this.mediumMask;
    for (;;) {
      const q = 4 * slot;
      const level = t[q + 3]! - 1;
      if (level < 0) break;
      if (t[q] === w0 && t[q + 1] === w1 && t[q + 2] === w2) return this.remember(w0, w1, w2, level);
      slot = (slot + 1) & this.mediumMask;
    }
    if (!add) return -1;
    const level = this.add(b, s, e);
    const q = 4 * slot;
    t[q] = w0;
    t[q + 1] = w1;
    t[q + 2] = w2;
    t[q + 3] = level + 1;
    this.remember(w0, w1, w2, level);
    if (++this.mediumCount * 2 > this.mediumMask + 1) this.rehashMedium(this.grown(this.mediumMask + 1));
    return level;
  }

  /** Keep a medium value as the last one looked up; returns its level. */
  private remember(w0: number, w1: number, w2: number, level: number): number {
    this.lastW0 = w0;
    this.lastW1 = w1;
    this.lastW2 = w2;
    return (this.lastMedium = level);
  }

  /** The size a full table of `size` slots grows to. */
  private grown(size: number): number {
    return size * 2;
  }

  /** The level of a string (JSON rows, tests), adding it when new unless not `add` (then -1). */
  lookupString(text: string, add = true): number {
    const b = ENCODER.encode(text);
    return this.lookup(b, 0, b.length, add);
  }

  /** Append the bytes of a new level to the pool; returns its number. */
  private add(b: Uint8Array, s: number, e: number): number {
    const level = this.count++;
    if (level + 2 >= this.offsets.length) {
      const offsets = new Int32Array(this.offsets.length * 2);
      offsets.set(this.offsets);
      this.offsets = offsets;
    }
    const o = this.offsets[level]!;
    const len = e - s;
    if (o + len > this.pool.length) {
      const pool = new Uint8Array(Math.max(this.pool.length * 2, o + len));
      pool.set(this.pool.subarray(0, o));
      this.pool = pool;
    }
    const pool = this.pool;
    for (let i = 0; i < len; i++) pool[o + i] = b[s + i]!;
    this.offsets[level + 1] = o + len;
    return level;
  }

  /** Decode the levels added since the last call. */
  private decodeNew(): void {
    this.decoded = decodeLevels(
      this.pool,
      this.offsets,
      this.decoded.length,
      this.count,
      this.decode,
      this.decoded,
    );
  }

  /** The bytes of a level (a view of the pool, valid until the next new level). */
  bytesOf(level: number): Uint8Array {
    return this.pool.subarray(this.offsets[level]!, this.offsets[level + 1]!);
  }

  private rehash(size: number): void {
    const old = this.table;
    this.table = new Int32Array(2 * size);
    this.mask = size - 1;
    for (let i = 0; i < old.length; i += 2) {
      if (old[i + 1] === 0) continue;
      let slot = old[i]! & this.mask;
      while (this.table[2 * slot + 1] !== 0) slot = (slot + 1) & this.mask;
      this.table[2 * slot] = old[i]!;
      this.table[2 * slot + 1] = old[i + 1]!;
    }
  }

  private rehashMedium(size: number): void {
    const old = this.medium;
    this.medium = new Int32Array(4 * size);
    this.mediumMask = size - 1;
    const t = this.medium;
    for (let i = 0; i < old.length; i += 4) {
      if (old[i + 3] === 0) continue;
      let slot = mix3(old[i]!, old[i + 1]!, old[i + 2]!) & this.mediumMask;
      while (t[4 * slot + 3] !== 0) slot = (slot + 1) & this.mediumMask;
      t.set(old.subarray(i, i + 4), 4 * slot);
    }
  }

  private rehashSmall(): void {
    const old = this.small;
    const size = (this.smallMask + 1) * 2;
    this.small = new Int32Array(3 * size);
    this.smallMask = size - 1;
    for (let i = 0; i < old.length; i += 3) {
      if (old[i + 2] === 0) continue;
      let slot = mix(old[i]! ^ old[i + 1]!) & this.smallMask;
      while (this.small[3 * slot + 2] !== 0) slot = (slot + 1) & this.smallMask;
      this.small.set(old.subarray(i, i + 3), 3 * slot);
    }
  }
}
