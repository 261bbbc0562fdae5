// Dictionary encoding straight from bytes: a repeated value (a gender, an ethnicity, the same child
// on several rows) is found by hashing its bytes, so only a value seen for the first time becomes a
// string. Open addressing with linear probing, FNV-1a hashes, load factor at most one half; the bytes
// of every level are kept in one growing pool for the equality check.

/** Maps byte strings to level indices (0, 1, ... in order of first appearance). */
export class ByteDictionary {
  readonly levels: string[] = [];
  /** Interleaved [hash, level + 1] pairs (0 = empty), so a probe reads one cache line. */
  private table = new Int32Array(2048);
  private mask = 1023;
  private offsets = new Int32Array(257);
  private pool = new Uint8Array(4096);

  /** @param decode turns the bytes of a new level into its string. */
  constructor(private readonly decode: (b: Uint8Array, s: number, e: number) => string) {}

  /** The level of b[s, e), adding it when new. */
  lookup(b: Uint8Array, s: number, e: number): number {
    let h = 0x811c9dc5;
    for (let i = s; i < e; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
    const len = e - s;
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
          if (i === len) return level;
        }
      }
      slot = (slot + 1) & this.mask;
    }
    return this.add(b, s, e, h, slot);
  }

  /** Size the table for about `levels` distinct values at once (saves rehashing millions of ids). */
  reserve(levels: number): void {
    let size = this.mask + 1;
    while (size < 2 * levels) size *= 2;
    if (size > this.mask + 1) this.rehash(size);
  }

  /** The level of a string (JSON rows, tests), adding it when new; compared as UTF-8 bytes. */
  lookupString(text: string): number {
    const b = new TextEncoder().encode(text);
    return this.lookup(b, 0, b.length);
  }

  private add(b: Uint8Array, s: number, e: number, h: number, slot: number): number {
    const level = this.levels.length;
    this.levels.push(this.decode(b, s, e));
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
    this.table[2 * slot] = h;
    this.table[2 * slot + 1] = level + 1;
    if ((level + 1) * 2 > this.mask + 1) this.rehash((this.mask + 1) * 2);
    return level;
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
}
