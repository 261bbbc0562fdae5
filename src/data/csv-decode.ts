// Text from CSV bytes. Contract:
// - the encoding is UTF-8 unless the bytes say otherwise: a UTF-8 byte order mark settles it; else the
//   first time a field with a byte >= 0x80 is decoded, the rest of the current buffer is checked: valid
//   UTF-8 stays UTF-8, anything else is Windows-1252 (Excel's "CSV" export on a UK Windows machine),
//   so `£` and accented names survive. Until then every byte seen was ASCII, on which both agree, so
//   deciding late never changes text already decoded;
// - UTF-8 that turns out invalid later in the file decodes with U+FFFD and is counted (`replaced`)
//   so the loader can warn rather than silently mangle names;
// - `unescapeField` turns a raw quoted field (flag 2 from the tokenizer) into its bytes.
// TextDecoder('windows-1252') exists in every browser and in Node (full ICU, the default build).

const SHORT: number[][] = [];
/** ASCII is UTF-8: long all-ASCII fields decode through it whatever the file's encoding. */
const ASCII = new TextDecoder('utf-8');

export type TextEncodingName = 'utf-8' | 'windows-1252';

/** Decodes field bytes to strings and decides the file's encoding on first need. */
export class FieldDecoder {
  /** null until decided. */
  encoding: TextEncodingName | null;
  /** Fields that held invalid UTF-8 and were decoded with replacement characters. */
  replaced = 0;
  private decoder: TextDecoder | null = null;

  constructor(encoding: TextEncodingName | null = null) {
    this.encoding = encoding;
    if (encoding) this.decoder = new TextDecoder(encoding);
  }

  /** The encoding to report: UTF-8 when the file never needed deciding (all ASCII). */
  get name(): TextEncodingName {
    return this.encoding ?? 'utf-8';
  }

  /**
   * Settle the encoding from bytes b[from, to) that contain a byte >= 0x80. `complete`: the range
   * ends at the end of a field (so a lead byte at its end is invalid), not at a chunk's end.
   */
  decide(b: Uint8Array, from: number, to: number, complete = false): void {
    if (this.encoding) return;
    let enc: TextEncodingName = 'utf-8';
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(from, to), { stream: !complete });
    } catch {
      enc = 'windows-1252';
    }
    this.encoding = enc;
    this.decoder = new TextDecoder(enc);
  }

  /**
   * The text of b[s, e), a whole field. `context` is the end of the bytes available for deciding the
   * encoding (the tokenizer's buffer, which may end inside a character), so a decision can rest on
   * more than one field.
   */
  text(b: Uint8Array, s: number, e: number, context = e): string {
    let ascii = true;
    for (let i = s; i < e; i++) {
      if (b[i]! > 127) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      const len = e - s;
      if (len <= 32) {
        // One reused array per length: a single string allocation per value.
        const codes = (SHORT[len] ??= new Array<number>(len).fill(0));
        for (let i = 0; i < len; i++) codes[i] = b[s + i]!;
        return String.fromCharCode.apply(null, codes);
      }
      // Longer ASCII by a decoder: fromCharCode.apply passes every byte as an argument, and a field of
      // about 120 KB overflows the stack ("Maximum call stack size exceeded", the whole load lost).
      if (len <= 4096) return String.fromCharCode.apply(null, b.subarray(s, e) as unknown as number[]);
      return ASCII.decode(b.subarray(s, e));
    }
    if (!this.encoding) this.decide(b, s, Math.max(e, context), context <= e);
    const t = this.decoder!.decode(b.subarray(s, e));
    if (this.encoding === 'utf-8' && t.includes('\uFFFD')) this.replaced++;
    return t;
  }
}

/**
 * Write the content of a raw quoted field b[s, e) (opening quote included) into out, resolving
 * doubled quotes; text after a closing quote is kept as written. Returns the length written.
 */
export function unescapeField(b: Uint8Array, s: number, e: number, out: Uint8Array): number {
  let n = 0;
  let inQuotes = false;
  for (let i = s; i < e; i++) {
    const c = b[i]!;
    if (c === 34) {
      if (inQuotes && i + 1 < e && b[i + 1] === 34) {
        out[n++] = 34;
        i++;
      } else inQuotes = !inQuotes;
    } else out[n++] = c;
  }
  return n;
}
