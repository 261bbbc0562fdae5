// Factor codes to bit positions, read straight from bytes. Contract:
// - a code list cell (`3B;4B;21`, `3b, 04B | 21`, `f_3B 21`) is split on ; , | space and tab, and each
//   code normalised as cin-codes.ts does (upper case, no `f_`, no leading zeros) without making a
//   string: a code of up to six ASCII bytes is packed into one number and looked up in a Map;
// - every dictionary code is registered first, in the guide's order; a code the dictionary lacks is
//   given the next bit when first seen, so unknown codes are kept as bits, never dropped;
// - `compact` keeps only the codes some kept row has (dictionary codes first, then unknown codes in
//   order of appearance) and renumbers the bits.
import { CIN_FACTORS, normaliseFactorCode } from './cin-codes.js';

const isSep = (c: number): boolean => c === 59 || c === 44 || c === 124 || c === 32 || c === 9;

function packString(code: string): number {
  let key = 0;
  for (let i = code.length - 1; i >= 0; i--) key = key * 256 + code.charCodeAt(i);
  return key;
}

/** The bit numbering of factor codes for one load. */
export class FactorRegistry {
  readonly codes: string[] = [];
  private packed = new Map<number, number>();
  private long = new Map<string, number>();
  private decode: (b: Uint8Array, s: number, e: number) => string;

  constructor(decode: (b: Uint8Array, s: number, e: number) => string) {
    this.decode = decode;
    for (const f of CIN_FACTORS) this.index(f.code);
  }

  /** Bit of a code given as a string (wide column names, JSON), registering it when new. */
  index(raw: string): number {
    const code = normaliseFactorCode(raw);
    const isShortAscii = code.length <= 6 && /^[\x21-\x7e]*$/.test(code);
    const map = isShortAscii ? this.packed : this.long;
    const key = isShortAscii ? packString(code) : code;
    let j = (map as Map<number | string, number>).get(key);
    if (j === undefined) {
      j = this.codes.length;
      this.codes.push(code);
      (map as Map<number | string, number>).set(key, j);
    }
    return j;
  }

  /**
   * Call `set(bit)` for every code in the list b[s, e); returns how many codes it held.
   * Empty items (`3B;;4B`) are skipped.
   */
  parseList(b: Uint8Array, s: number, e: number, set: (bit: number) => void): number {
    let n = 0;
    let p = s;
    while (p < e) {
      while (p < e && isSep(b[p]!)) p++;
      if (p >= e) break;
      let q = p;
      while (q < e && !isSep(b[q]!)) q++;
      // Normalise in place of a copy: skip `f_`, then leading zeros followed by a digit.
      let t = p;
      if (q - t > 2 && (b[t]! | 32) === 102 && b[t + 1] === 95) t += 2;
      while (q - t > 1 && b[t] === 48 && b[t + 1]! >= 48 && b[t + 1]! <= 57) t++;
      let j: number | undefined;
      if (q - t <= 6) {
        let key = 0;
        let ascii = true;
        for (let i = q - 1; i >= t; i--) {
          let c = b[i]!;
          if (c > 126 || c < 33) ascii = false;
          if (c >= 97 && c <= 122) c -= 32;
          key = key * 256 + c;
        }
        j = ascii ? this.packed.get(key) : undefined;
      }
      if (j === undefined) j = this.index(this.decode(b, p, q));
      set(j);
      n++;
      p = q;
    }
    return n;
  }
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
  // Read the words as Int32 so a word with bit 31 set stays a small integer, not a heap number.
  const ints = new Int32Array(bits.buffer, bits.byteOffset, bits.length);
  const counts = new Float64Array(codes.length);
  for (let i = 0; i < n; i++) {
    for (let w = 0; w < words; w++) {
      let x = ints[i * words + w]!;
      while (x !== 0) {
        const low = x & -x;
        counts[w * 32 + (31 - Math.clz32(low))]!++;
        x ^= low;
      }
    }
  }
  const remap = new Int32Array(codes.length).fill(-1);
  const kept: string[] = [];
  const keptCounts: number[] = [];
  for (let j = 0; j < codes.length; j++) {
    if (counts[j]! > 0) {
      remap[j] = kept.length;
      kept.push(codes[j]!);
      keptCounts.push(counts[j]!);
    }
  }
  const newWords = Math.max(1, Math.ceil(kept.length / 32));
  const out = new Uint32Array(n * newWords);
  const outInts = new Int32Array(out.buffer);
  for (let i = 0; i < n; i++) {
    for (let w = 0; w < words; w++) {
      let x = ints[i * words + w]!;
      while (x !== 0) {
        const low = x & -x;
        const k = remap[w * 32 + (31 - Math.clz32(low))]!;
        outInts[i * newWords + (k >> 5)]! |= 1 << (k & 31);
        x ^= low;
      }
    }
  }
  return { codes: kept, counts: keptCounts, words: newWords, bits: out };
}
