// Element names as bytes, for the XML tokenizer (xml-tokenizer.ts): which bytes may stand in a name,
// and a table from names to small integers, looked up from bytes without making a string. Contract:
// - NAME[c] is 1 for a byte that may start a name (ASCII letters, `_`, `:`, any byte of a non-ASCII
//   character, whose UTF-8 bytes are all >= 128), 2 for one that may only continue it (digits, `-`,
//   `.`), 0 for the rest; the tokenizer leaves the finer rules of XML names to the names it knows;
// - NameTable(names): `lookup(b, s, e)` is the index of the name b[s, e) or -1; `bytes[i]` is name i
//   as UTF-8 and `tagWords[i]` / `tagInts[i]` its start tag's bytes in words, for comparing in place; `signature` packs a name's first two and last two bytes into
//   one number, what end tags are checked against.

export const COLON = 58;

export const NAME = new Uint8Array(256);
for (let c = 0; c < 256; c++)
  NAME[c] =
    (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === COLON || c >= 128
      ? 1
      : (c >= 48 && c <= 57) || c === 45 || c === 46
        ? 2
        : 0;

/** A name's first two and last two bytes in one number (with its length, what end tags are checked by). */
export const signature = (b: Uint8Array, s: number, e: number): number =>
  b[s]! | (b[s + 1 < e ? s + 1 : s]! << 8) | (b[e - 1]! << 16) | (b[e - 2 >= s ? e - 2 : s]! << 24);

/** Element names to small integers, looked up from bytes without making a string. */
export class NameTable {
  /** Name i as UTF-8 bytes. */
  readonly bytes: Uint8Array[];
  /**
   * Name i's start tag without its `<` (`Name>`, L = length + 1 bytes) as little-endian words for
   * comparing in place (DataView, little-endian): L >= 8, eight bytes at a time as float64, the last
   * word ending at L (overlapping the one before); 4 <= L < 8, two int32 at 0 and L - 4; L < 4, none.
   * A float64 compare is exact here: the words are of ASCII bytes or '>', never zero nor NaN, so
   * equal numbers are equal bytes (a name whose bytes would make a NaN is just never matched so).
   */
  readonly tagWords: Float64Array[];
  readonly tagInts: Int32Array[];
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(readonly names: readonly string[]) {
    let size = 64;
    while (size < names.length * 4) size *= 2;
    this.mask = size - 1;
    this.slots = new Int32Array(size).fill(-1);
    this.bytes = names.map((n) => new TextEncoder().encode(n));
    const tags = this.bytes.map((b) => {
      const t = new Uint8Array(b.length + 1);
      t.set(b);
      t[b.length] = 62; // '>'
      return new DataView(t.buffer);
    });
    this.tagWords = tags.map((v) => {
      const L = v.byteLength;
      if (L < 8) return new Float64Array(0);
      const n = Math.ceil(L / 8);
      return Float64Array.from({ length: n }, (_, k) => v.getFloat64(k < n - 1 ? 8 * k : L - 8, true));
    });
    this.tagInts = tags.map((v) => {
      const L = v.byteLength;
      return L >= 4 && L < 8
        ? Int32Array.of(v.getInt32(0, true), v.getInt32(L - 4, true))
        : new Int32Array(0);
    });
    this.bytes.forEach((b, i) => {
      let h = NameTable.hash(b, 0, b.length) & this.mask;
      while (this.slots[h] !== -1) h = (h + 1) & this.mask;
      this.slots[h] = i;
    });
  }

  /** The hash of b[s, e): `mix` of the running `(h * 31 + byte) | 0` from 0, which callers may run themselves. */
  static hash(b: Uint8Array, s: number, e: number): number {
    let h = 0;
    for (let i = s; i < e; i++) h = (Math.imul(h, 31) + b[i]!) | 0;
    return NameTable.mix(h);
  }

  static mix(h: number): number {
    return (h ^ (h >>> 15)) >>> 0;
  }

  /** The index of the name b[s, e), or -1. */
  lookup(b: Uint8Array, s: number, e: number): number {
    return this.lookupHashed(NameTable.hash(b, s, e), b, s, e);
  }

  /** lookup with the name's hash already computed (NameTable.hash). */
  lookupHashed(hash: number, b: Uint8Array, s: number, e: number): number {
    let h = hash & this.mask;
    for (;;) {
      const i = this.slots[h]!;
      if (i < 0) return -1;
      const n = this.bytes[i]!;
      if (n.length === e - s) {
        let same = true;
        for (let j = 0; j < n.length; j++) {
          if (n[j] !== b[s + j]) {
            same = false;
            break;
          }
        }
        if (same) return i;
      }
      h = (h + 1) & this.mask;
    }
  }
}
