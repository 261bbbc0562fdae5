// Dictionary encoding straight from bytes: a repeated value (a gender, an ethnicity, the same child
// on several rows) is found by hashing its bytes, so only a value seen for the first time becomes a
// string. Open addressing with linear probing, FNV-1a hashes, load factor at most one half; the bytes
// of every level are kept in one growing pool for the equality check.

/** Maps byte strings to level indices (0, 1, ... in order of first appearance). */
export class ByteDictionary {
  readonly levels: string[] = [];
  private slots = new Int32Array(1024).fill(-1);
  private mask = 1023;
  private hashes = new Int32Array(256);
  private offsets = new Int32Array(257);
  private pool = new Uint8Array(4096);

  /** @param decode turns the bytes of a new level into its string. */
  constructor(private readonly decode: (b: Uint8Array, s: number, e: number) => string) {}

  /** The level of b[s, e), adding it when new. */
  lookup(b: Uint8Array, s: number, e: number): number {
    let h = 0x811c9dc5;
    for (let i = s; i < e; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
    const len = e - s;
    let slot = h & this.mask;
    for (;;) {
      const level = this.slots[slot]!;
      if (level < 0) break;
      if (this.hashes[level] === h) {
        const o = this.offsets[level]!;
        if (this.offsets[level + 1]! - o === len) {
          let same = true;
          for (let i = 0; i < len; i++) {
            if (this.pool[o + i] !== b[s + i]) {
              same = false;
              break;
            }
          }
          if (same) return level;
        }
      }
      slot = (slot + 1) & this.mask;
    }
    return this.add(b, s, e, h, slot);
  }

  /** The level of a string (JSON rows, tests), adding it when new; compared as UTF-8 bytes. */
  lookupString(text: string): number {
    const b = new TextEncoder().encode(text);
    return this.lookup(b, 0, b.length);
  }

  private add(b: Uint8Array, s: number, e: number, h: number, slot: number): number {
    const level = this.levels.length;
    this.levels.push(this.decode(b, s, e));
    if (level + 1 >= this.hashes.length) {
      const hashes = new Int32Array(this.hashes.length * 2);
      hashes.set(this.hashes);
      this.hashes = hashes;
      const offsets = new Int32Array(hashes.length + 1);
      offsets.set(this.offsets);
      this.offsets = offsets;
    }
    const o = this.offsets[level]!;
    if (o + (e - s) > this.pool.length) {
      const pool = new Uint8Array(Math.max(this.pool.length * 2, o + (e - s)));
      pool.set(this.pool.subarray(0, o));
      this.pool = pool;
    }
    this.pool.set(b.subarray(s, e), o);
    this.offsets[level + 1] = o + (e - s);
    this.hashes[level] = h;
    this.slots[slot] = level;
    if ((level + 1) * 2 > this.slots.length) this.rehash();
    return level;
  }

  private rehash(): void {
    const size = this.slots.length * 2;
    this.slots = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    for (let level = 0; level < this.levels.length; level++) {
      let slot = this.hashes[level]! & this.mask;
      while (this.slots[slot]! >= 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = level;
    }
  }
}
