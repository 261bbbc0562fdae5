// Factor codes to bit positions, read straight from bytes. Contract:
// - a code list cell (`3B;4B;21`, `3b, 04B | 21`, `f_3B 21`) is split on ; , | space and tab, and each
//   code normalised as cin-codes.ts does (upper case, no `f_`, no leading zeros) without making a
//   string: a code of up to four printable ASCII bytes is packed into one int32 key and found in a
//   small open-addressing table; longer codes go through strings (rare);
// - every dictionary code is registered first, in the guide's order; a code the dictionary lacks is
//   given the next bit when first seen, so unknown codes are kept as bits, never dropped;
// - `compactFactors` keeps only the codes some kept row has (dictionary codes first, then unknown
//   codes in order of appearance) and renumbers the bits: one OR over the words finds the codes in
//   use, then one pass visits only the set bits (a row has a few), moving and counting them:
//   120-125 ms for the bench file's 3.6 million rows, where byte tables took 220-275 ms.
import { CIN_FACTORS, normaliseFactorCode } from '../domain/cin-codes.js';

const isSep = (c: number): boolean => c === 59 || c === 44 || c === 124 || c === 32 || c === 9;
const TABLE = 256; // slots; the dictionary has about 50 codes, unknown codes are few

/** The bit numbering of factor codes for one load. */
export class FactorRegistry {
  readonly codes: string[] = [];
  /** [key, bit + 1] pairs for codes of 1-4 printable ASCII bytes (key = bytes packed, first lowest). */
  private keys = new Int32Array(2 * TABLE);
  private nShort = 0;
  private long = new Map<string, number>();
  private decode: (b: Uint8Array, s: number, e: number) => string;

  constructor(decode: (b: Uint8Array, s: number, e: number) => string) {
    this.decode = decode;
    for (const f of CIN_FACTORS) this.index(f.code);
  }

  /** Bit of a code given as a string (wide column names, JSON), registering it when new. */
  index(raw: string): number {
    const code = normaliseFactorCode(raw);
    let key = 0;
    const short =
      code.length >= 1 && code.length <= 4 && /^[\x21-\x7e]*$/.test(code) && this.nShort < TABLE / 2;
    if (short) {
      for (let i = code.length - 1; i >= 0; i--) key = (key << 8) | code.charCodeAt(i);
      const j = this.find(key);
      if (j >= 0) return j;
    } else {
      const j = this.long.get(code);
      if (j !== undefined) return j;
    }
    const j = this.codes.length;
    this.codes.push(code);
    if (short) {
      let slot = slotOf(key);
      while (this.keys[2 * slot + 1] !== 0) slot = (slot + 1) & (TABLE - 1);
      this.keys[2 * slot] = key;
      this.keys[2 * slot + 1] = j + 1;
      this.nShort++;
    } else this.long.set(code, j);
    return j;
  }

  /** Bit of a packed short code, or -1. */
  private find(key: number): number {
    const keys = this.keys;
    let slot = slotOf(key);
    for (;;) {
      const j = keys[2 * slot + 1]!;
      if (j === 0) return -1;
      if (keys[2 * slot] === key) return j - 1;
      slot = (slot + 1) & (TABLE - 1);
    }
  }

  /**
   * Call `set(bit)` for every code in the list b[s, e); returns how many codes it held.
   * Empty items (`3B;;4B`) are skipped. With `add` false, a code not yet registered (or longer than
   * four bytes) stops the list at -1, registering nothing (the builder's fast path then hands the
   * record to the general path).
   */
  parseList(b: Uint8Array, s: number, e: number, set: (bit: number) => void, add = true): number {
    let n = 0;
    let p = s;
    while (p < e) {
      while (p < e && isSep(b[p]!)) p++;
      if (p >= e) break;
      let q = p;
      while (q < e && !isSep(b[q]!)) q++;
      let j = this.known(b, p, q);
      if (j < 0) {
        if (!add) return -1;
        j = this.index(this.decode(b, p, q));
      }
      set(j);
      n++;
      p = q;
    }
    return n;
  }

  /**
   * parseList for the builder's fast path: registered codes only, their bits set straight into
   * `bits` from word `at` on; -1 at a code not registered (the bits set so far are the caller's to
   * clear), else how many codes.
   */
  setBits(b: Uint8Array, s: number, e: number, bits: Int32Array, at: number): number {
    let n = 0;
    let p = s;
    while (p < e) {
      while (p < e && isSep(b[p]!)) p++;
      if (p >= e) break;
      let q = p;
      while (q < e && !isSep(b[q]!)) q++;
      const j = this.known(b, p, q);
      if (j < 0) return -1;
      bits[at + (j >> 5)]! |= 1 << (j & 31);
      n++;
      p = q;
    }
    return n;
  }

  /** The bit of the code b[p, q) when registered as a short code, else -1 (normalised, no copy). */
  private known(b: Uint8Array, p: number, q: number): number {
    // Skip `f_`, then leading zeros followed by a digit.
    let t = p;
    if (q - t > 2 && (b[t]! | 32) === 102 && b[t + 1] === 95) t += 2;
    while (q - t > 1 && b[t] === 48 && b[t + 1]! >= 48 && b[t + 1]! <= 57) t++;
    if (q - t > 4) return -1;
    let key = 0;
    for (let i = q - 1; i >= t; i--) {
      let c = b[i]!;
      if (c > 126) return -1;
      if (c >= 97 && c <= 122) c -= 32;
      key = (key << 8) | c;
    }
    return this.find(key);
  }
}

function slotOf(key: number): number {
  const h = Math.imul(key, 0x9e3779b1);
  return (h ^ (h >>> 15)) & (TABLE - 1);
}

/**
 * Renumber a row-major bitset to the codes with a non-zero count: returns the kept codes, their
 * counts, the words per row and the new bitset (n rows).
 */
export function compactFactors(
  bits: Uint32Array,
  words: number,
  n: number,
  codes: string[],
): { codes: string[]; counts: number[]; words: number; bits: Uint32Array } {
  // Which codes some row has: one OR over the words (cheap), then counts while the bits move.
  const any = new Int32Array(words);
  for (let i = 0; i < n; i++) for (let w = 0; w < words; w++) any[w]! |= bits[i * words + w]!;
  const remap = new Int32Array(Math.max(codes.length, 32 * words)).fill(-1);
  const kept: string[] = [];
  for (let j = 0; j < codes.length; j++) {
    if ((any[j >> 5]! >>> (j & 31)) & 1) {
      remap[j] = kept.length;
      kept.push(codes[j]!);
    }
  }
  const W = Math.max(1, Math.ceil(kept.length / 32));
  const counts = new Int32Array(Math.max(kept.length, 1));
  let identity = W === words && kept.length === codes.length;
  for (let j = 0; j < codes.length && identity; j++) identity = remap[j] === j;
  const out = identity ? countBits(bits, words, n, counts) : moveBits(bits, words, n, remap, W, counts);
  return { codes: kept, counts: Array.from(counts.subarray(0, kept.length)), words: W, bits: out };
}

/** Nothing to renumber: count the rows with each bit and copy the rows (not the spare capacity). */
function countBits(bits: Uint32Array, words: number, n: number, counts: Int32Array): Uint32Array {
  for (let i = 0; i < n * words; i++) {
    const base = 32 * (i % words);
    let x = bits[i]! | 0;
    while (x !== 0) {
      const low = x & -x;
      counts[base + 31 - Math.clz32(low)]!++;
      x ^= low;
    }
  }
  return bits.slice(0, n * words);
}

/**
 * The bitset renumbered: bit j of a row becomes bit remap[j] (dropped when -1), W words a row; each
 * new bit counted as it is set. Only the set bits are visited (a row has a few).
 */
function moveBits(
  bits: Uint32Array,
  words: number,
  n: number,
  remap: Int32Array,
  W: number,
  counts: Int32Array,
): Uint32Array {
  const out = new Int32Array(n * W);
  for (let i = 0; i < n; i++) {
    for (let w = 0; w < words; w++) {
      let x = bits[i * words + w]! | 0;
      while (x !== 0) {
        const low = x & -x;
        const to = remap[32 * w + 31 - Math.clz32(low)]!;
        if (to >= 0) {
          out[i * W + (to >> 5)]! |= 1 << (to & 31);
          counts[to]!++;
        }
        x ^= low;
      }
    }
  }
  return new Uint32Array(out.buffer);
}
