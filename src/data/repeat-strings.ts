// Strings for one column's short ASCII fields, made once per distinct value and reused when the same
// bytes come again: a column of a dozen categories or of 0/1 codes makes a dozen strings, not a
// million (readGenericTable at a million rows spent most of its time making strings, and the
// collector most of the rest). A column whose values rarely repeat (times, amounts) turns the
// lookup off after its first few thousand fields and costs nothing more.
// Only ASCII bytes are looked up (the same in UTF-8 and Windows-1252), so the text is exactly what
// FieldDecoder would make, and its encoding decision and count of replaced fields are untouched.

const SLOTS = 512;
/** Longest field looked up, in bytes. */
const MAX = 16;
/** Fields looked at before deciding whether the column repeats. */
const TRIAL = 4096;
const CODES: number[][] = [];

/** The text of ASCII bytes b[s, s + len), len <= MAX, with one string allocation. */
export function shortAscii(b: Uint8Array, s: number, len: number): string {
  const f = String.fromCharCode;
  // Explicit arguments: fromCharCode.apply with an array measured twice as slow for short fields.
  switch (len) {
    case 0:
      return '';
    case 1:
      return f(b[s]!);
    case 2:
      return f(b[s]!, b[s + 1]!);
    case 3:
      return f(b[s]!, b[s + 1]!, b[s + 2]!);
    case 4:
      return f(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!);
    case 5:
      return f(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!);
    case 6:
      return f(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!);
    case 7:
      return f(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!);
    case 8:
      return f(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!);
    case 9:
      return f(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!, b[s + 8]!);
    case 10:
      return f(
        b[s]!,
        b[s + 1]!,
        b[s + 2]!,
        b[s + 3]!,
        b[s + 4]!,
        b[s + 5]!,
        b[s + 6]!,
        b[s + 7]!,
        b[s + 8]!,
        b[s + 9]!,
      );
    default: {
      // One array a length, reused (concatenating pieces would make a string of strings).
      const codes = (CODES[len] ??= new Array<number>(len).fill(0));
      for (let i = 0; i < len; i++) codes[i] = b[s + i]!;
      return f(...codes);
    }
  }
}

/** Reused strings for one column's short ASCII fields (see the file comment). */
export class RepeatStrings {
  /** False once the column has shown that its values rarely repeat: fields are then only decoded. */
  active = true;
  private readonly bytes = new Uint8Array(SLOTS * MAX);
  private readonly lens = new Int8Array(SLOTS).fill(-1);
  private readonly strings: string[] = new Array<string>(SLOTS).fill('');
  private seen = 0;
  private hits = 0;

  /**
   * The text of b[s, e) when it is ASCII of at most 16 bytes (the same string as the last time
   * these bytes were looked up, when they are still held), else null: the caller decodes it.
   * @example new RepeatStrings().get(new TextEncoder().encode('c01'), 0, 3) // 'c01'
   */
  get(b: Uint8Array, s: number, e: number): string | null {
    const len = e - s;
    if (len > MAX) return null;
    let h = len;
    for (let i = s; i < e; i++) {
      const c = b[i]!;
      if (c > 127) return null;
      h = (Math.imul(h, 31) + c) | 0;
    }
    if (!this.active) return shortAscii(b, s, len);
    const slot = (h ^ (h >>> 9)) & (SLOTS - 1);
    const at = slot * MAX;
    if (++this.seen === TRIAL && this.hits < TRIAL / 2) this.active = false;
    if (this.lens[slot] === len) {
      let same = true;
      for (let i = 0; i < len; i++) {
        if (this.bytes[at + i] !== b[s + i]) {
          same = false;
          break;
        }
      }
      if (same) {
        this.hits++;
        return this.strings[slot]!;
      }
    }
    const text = shortAscii(b, s, len);
    this.lens[slot] = len;
    this.bytes.set(b.subarray(s, e), at);
    this.strings[slot] = text;
    return text;
  }
}
