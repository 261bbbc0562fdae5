// Dictionary encoding for id columns (child_id, pupil_id): millions of distinct values, each seen
// once or a few times. Contract:
// - `push(b, s, e)` records a value and returns its position in the sequence of values pushed
//   (0, 1, ...), not a level: levels are settled once, by `resolve()`, after the last push;
// - `resolve()` returns the level of every position, levels numbered in order of first appearance
//   among all values pushed (excluded rows' values too), exactly as ByteDictionary numbers them;
//   `levels` then gives their strings (decoded as ByteDictionary does: decode-levels.ts);
// - a value of up to 11 bytes is packed into three int32 words (bytes in the first 2.75 words, the
//   length in the top byte of the third), so equal words mean equal bytes; a longer value is numbered
//   by a ByteDictionary and stands as its number with the length byte 255.
// Why (bench/parse.ts: 3.6 million assessments, 2.67 million distinct child ids): ByteDictionary's
// hash table for those ids took 128 MB and missed the cache (and the TLB) on nearly every lookup:
// 1.4 s of a 6.2 s load, and 1.5-1.7 s for the lookups alone in a micro-benchmark. Here each row
// writes 12 bytes in sequence (0.1 s), the grouping (rank-keys.ts: partitions small enough for a
// hash table in cache) takes 0.22-0.25 s (a radix sort of the hashes took 0.41-0.46 s), the pool of
// level bytes 0.05 s and the 2.67 million level strings 0.3 s (most of it the garbage collector
// moving them; decode-levels.ts); the sequence takes 44 MB, the grouping about 100 MB more while it
// runs.
import { ByteDictionary } from './byte-dictionary.js';
import { decodeLevels } from './decode-levels.js';
import { rankKeys } from './rank-keys.js';

const LONG = -1; // third word of a long value: length byte 255

/** Collects id values in sequence, then numbers them (see file comment). */
export class IdDictionary {
  private keys = new Int32Array(3 * 1024);
  private n = 0;
  private readonly long: ByteDictionary;
  private pool = new Uint8Array(0);
  private offsets = new Int32Array(1);
  private count = 0;
  private decoded: string[] = [];
  private resolved = false;

  /** @param decode turns the bytes of a level into its string (the file's encoding). */
  constructor(private readonly decode: (b: Uint8Array, s: number, e: number) => string) {
    this.long = new ByteDictionary(decode);
  }

  /** Expect about `values` pushes: the sequence is sized once. */
  reserve(values: number): void {
    if (3 * Math.ceil(values) > this.keys.length) this.resize(3 * Math.ceil(values));
  }

  /** Record the value b[s, e); returns its position in the sequence. */
  push(b: Uint8Array, s: number, e: number): number {
    const n = this.n;
    if (3 * n + 3 > this.keys.length) this.resize(this.keys.length * 2);
    const len = e - s;
    let w0 = 0;
    let w1 = 0;
    let w2 = LONG;
    if (len <= 11) {
      w2 = len << 24;
      let i = s;
      const e0 = len < 4 ? e : s + 4;
      for (let sh = 0; i < e0; i++, sh += 8) w0 |= b[i]! << sh;
      const e1 = len < 8 ? e : s + 8;
      for (let sh = 0; i < e1; i++, sh += 8) w1 |= b[i]! << sh;
      for (let sh = 0; i < e; i++, sh += 8) w2 |= b[i]! << sh;
    } else {
      w0 = this.long.lookup(b, s, e);
    }
    const k = this.keys;
    k[3 * n] = w0;
    k[3 * n + 1] = w1;
    k[3 * n + 2] = w2;
    this.resolved = false;
    return this.n++;
  }

  /** Values pushed so far (a mark for `truncate`). */
  get size(): number {
    return this.n;
  }

  /** Forget the values pushed after the first `size` (a record the fast path gave back). */
  truncate(size: number): void {
    if (size < this.n) this.n = size;
  }

  /**
   * The level of every value pushed (index = position), numbered in order of first appearance; the
   * level strings are kept for `levels` and the sequence is released. Call once, after the last push.
   */
  resolve(): Int32Array {
    const { level, first, count } = rankKeys(this.keys, this.n);
    // The bytes of each level's first value, back to back in level order.
    const k = this.keys;
    const offsets = new Int32Array(count + 1);
    let size = 0;
    for (let l = 0; l < count; l++) {
      const w2 = k[3 * first[l]! + 2]!;
      size += w2 === LONG ? this.long.bytesOf(k[3 * first[l]!]!).length : w2 >>> 24;
      offsets[l + 1] = size;
    }
    // A packed value is written as its three words whole (12 bytes, little-endian like the packing);
    // the bytes past its length are overwritten by the next level, and 12 bytes of slack take the
    // last one's.
    const pool = new Uint8Array(size + 12);
    const view = new DataView(pool.buffer);
    for (let l = 0; l < count; l++) {
      const q = 3 * first[l]!;
      const o = offsets[l]!;
      const w2 = k[q + 2]!;
      if (w2 === LONG) {
        pool.set(this.long.bytesOf(k[q]!), o);
        continue;
      }
      view.setInt32(o, k[q]!, true);
      view.setInt32(o + 4, k[q + 1]!, true);
      view.setInt32(o + 8, w2, true);
    }
    this.pool = pool;
    this.offsets = offsets;
    this.count = count;
    this.decoded = [];
    this.keys = new Int32Array(0);
    this.n = 0;
    this.resolved = true;
    return level;
  }

  /** The levels as strings, in order of first appearance (after `resolve`). */
  get levels(): string[] {
    if (!this.resolved) throw new Error('IdDictionary: levels before resolve()');
    if (this.decoded.length < this.count)
      this.decoded = decodeLevels(
        this.pool,
        this.offsets,
        this.decoded.length,
        this.count,
        this.decode,
        this.decoded,
      );
    return this.decoded;
  }

  private resize(size: number): void {
    const keys = new Int32Array(size);
    keys.set(this.keys.subarray(0, 3 * this.n));
    this.keys = keys;
  }
}
