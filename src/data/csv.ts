// A streaming RFC 4180 tokenizer over bytes. Contract:
// - input: chunks of bytes in any ASCII-compatible encoding (UTF-8, Windows-1252; UTF-16 is
//   transcoded before it gets here, see csv-decode.ts); chunk boundaries may fall anywhere, inside a
//   quoted field or inside a multibyte character: an incomplete row is carried to the next chunk;
// - output: one `row` call per record with the byte range of each field, never a string per field,
//   so the column builder decodes only what it needs (a date is parsed from its bytes, a repeated
//   category is looked up by its bytes);
// - quoting: a field that starts with `"` may hold delimiters, newlines and `""` (an escaped quote);
//   flag 1 marks a cleanly quoted field (range inside the quotes), flag 2 a field that needs
//   `unescapeField` (doubled quotes, or text after the closing quote; the range is the raw field);
// - line endings: LF, CRLF and a lone CR; `line` is the physical line where a record starts (the
//   header is line 1), counting newlines inside quoted fields; an empty line is a record of one empty
//   field (the sink decides: the loaders count it as blank); a final line end makes no record;
// - the delimiter is `,`, `;` or tab: whichever occurs most (outside quotes) in the header line;
// - a leading UTF-8 byte order mark is skipped (`bom` says whether there was one);
// - a `fast` sink, when set, is offered each record first (from its first byte, when the record starts
//   before the buffer's last line end) and may take it whole, returning where the next one starts;
//   a record it gives back is tokenized as above. The records and lines are the same either way.
//   A record holding a zero byte is never offered (the sink's general path reports it).
//
// Why not papaparse or d3-dsv underneath (the brief prefers a well-kept library unless ours is measurably
// better): both tokenise strings, so a file must first be decoded to text and every field becomes a
// string (3.6 million rows x 17 fields = 61 million short strings), then parsed again into numbers,
// dates and categories. Measured (CPU time, median of 3 processes, Node 20, this 2-core machine shared
// with other jobs) on the first 100 MiB (1,141,615 rows) of the bench file (bench/parse.ts: 17
// columns, UK dates, a third of the factor lists quoted, CRLF), fed in 1 MB chunks:
//   papaparse 5.5, chunk mode, text already decoded, strings only (no columns): 3.69 s = 0.31 M rows/s
//   this tokenizer alone (byte ranges, no strings):                             0.30 s = 3.8 M rows/s
//   this tokenizer + typed columns + validation (loadAssessments), complete:    1.20 s = 0.95 M rows/s
// so papaparse's tokenising alone costs three times our whole load; d3-dsv (not streaming: whole text
// in memory) was not pursued. Most records never reach `row`: the column builder's fast path
// (table-builder.ts) reads them straight from the buffer; the tokenizer splits the rest.
// The whole bench file (3.6 million rows, 315 MB) streamed from disk: 3.0-3.5 s CPU, 3.0-3.4 s wall
// when the machine is not crowded (1.05-1.18 M rows/s), peak RSS about 0.6 GB; see bench/parse.ts.

/** Receives records from the tokenizer. Ranges index `buf`, valid only during the call. */
export interface RowSink {
  row(
    buf: Uint8Array,
    starts: Int32Array,
    ends: Int32Array,
    flags: Uint8Array,
    nFields: number,
    line: number,
  ): void;
}

/**
 * Takes a whole record straight from the buffer when it can (table-builder.ts's fast path): returns
 * the position after the record's line end, or -1 to have it tokenized and sent to `row` instead.
 */
export interface FastSink {
  fastRow(buf: Uint8Array, pos: number, len: number, delimiter: number, line: number): number;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;
const COMMA = 44;
const SEMI = 59;
const TAB = 9;

/**
 * Split a byte stream into CSV records. Push chunks, then call `finish()`.
 * @example const t = new CsvTokenizer(sink); t.push(bytes); t.finish();
 */
export class CsvTokenizer {
  /** The delimiter byte (detected from the header unless given). */
  delimiter = -1;
  bom = false;
  /** A quoted field opened on this line was still open at the end of the input (0 = none). */
  unclosedQuoteLine = 0;
  /** Offered each record first, when set (see FastSink). */
  fast: FastSink | null = null;
  private work = new Uint8Array(1 << 16);
  private carryLen = 0;
  private line = 1;
  private first = true;
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  private flags = new Uint8Array(64);

  constructor(
    private readonly sink: RowSink,
    delimiter?: string,
  ) {
    if (delimiter !== undefined) this.delimiter = delimiter.charCodeAt(0);
  }

  push(chunk: Uint8Array): void {
    // One reused working buffer (carry, then the chunk): a plain Uint8Array whatever the chunk's class
    // (a Node Buffer), so element reads here and in the builder stay monomorphic, and no allocation.
    const need = this.carryLen + chunk.length;
    if (this.work.length < need) {
      const work = new Uint8Array(Math.max(need, this.work.length * 2));
      work.set(this.work.subarray(0, this.carryLen));
      this.work = work;
    }
    this.work.set(chunk, this.carryLen);
    const buf = this.work.subarray(0, need);
    let pos = 0;
    if (this.first) {
      if (buf.length < 3 && !this.hasNewline(buf)) {
        this.carryLen = need;
        return;
      }
      this.first = false;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
        this.bom = true;
        pos = 3;
      }
    }
    if (this.delimiter < 0) {
      const nl = this.firstLineEnd(buf, pos);
      if (nl < 0) {
        this.work.copyWithin(0, pos, need);
        this.carryLen = need - pos;
        return;
      }
      this.delimiter = detectDelimiter(buf, pos, nl);
    }
    const end = this.scan(buf, pos, false);
    this.work.copyWithin(0, end, need);
    this.carryLen = need - end;
  }

  /** Emit the last record (one without a final newline). */
  finish(): void {
    let b = this.work.subarray(0, this.carryLen);
    this.carryLen = 0;
    if (this.first) {
      this.first = false;
      if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
        this.bom = true;
        b = b.subarray(3);
      }
    }
    if (b.length === 0) return;
    if (this.delimiter < 0) this.delimiter = detectDelimiter(b, 0, b.length);
    this.scan(b, 0, true);
  }

  private hasNewline(b: Uint8Array): boolean {
    return b.indexOf(LF) >= 0 || b.indexOf(CR) >= 0;
  }

  /** End of the first record's line (outside quotes), or -1 if not yet in the buffer. */
  private firstLineEnd(b: Uint8Array, from: number): number {
    let inQuotes = false;
    for (let i = from; i < b.length; i++) {
      const c = b[i]!;
      if (c === QUOTE) inQuotes = !inQuotes;
      else if (!inQuotes && (c === LF || c === CR)) return i;
    }
    return -1;
  }

  private grow(): void {
    const n = this.starts.length * 2;
    const s = new Int32Array(n);
    s.set(this.starts);
    this.starts = s;
    const e = new Int32Array(n);
    e.set(this.ends);
    this.ends = e;
    const f = new Uint8Array(n);
    f.set(this.flags);
    this.flags = f;
  }

  /**
   * Emit every complete record in b from pos; returns where the first incomplete record starts
   * (b.length if none). With `atEnd`, the last record is complete even without a newline.
   */
  private scan(b: Uint8Array, pos: number, atEnd: boolean): number {
    const d = this.delimiter;
    const len = b.length;
    const low = CR > d ? CR : d; // every stop byte is <= low
    let p = pos;
    // The fast path only sees records that start before the buffer's last line end, so every field
    // it reads ends at a delimiter or line end inside the buffer (no value cut short by a chunk end).
    const lim = this.fast === null ? -1 : Math.max(b.lastIndexOf(LF), b.lastIndexOf(CR));
    // A record holding a zero byte goes the general way, which reports it (one native search per
    // buffer while there is none). The fast path takes no record with a newline inside, so a record
    // starting before the line of the next zero byte cannot contain it.
    let nul = lim < 0 ? -1 : b.indexOf(0, p);
    let nulLine = nul < 0 ? len : lineStart(b, nul, p);
    while (p < len) {
      const fast = this.fast;
      if (nul >= 0 && p > nul) {
        nul = b.indexOf(0, p);
        nulLine = nul < 0 ? len : lineStart(b, nul, p);
      }
      if (fast !== null && p <= lim && p < nulLine) {
        const q = fast.fastRow(b, p, len, d, this.line);
        if (q >= 0) {
          p = q;
          this.line++;
          continue;
        }
      }
      const rowStart = p;
      const startLine = this.line;
      let line = startLine;
      let nf = 0;
      let done = false;
      while (!done) {
        if (nf === this.starts.length) this.grow();
        const fieldStart = p;
        if (p < len && b[p] === QUOTE) {
          // Quoted field: find the closing quote, skipping doubled quotes and counting newlines.
          let q = p + 1;
          let escaped = false;
          let closed = -1;
          while (q < len) {
            const c = b[q]!;
            if (c === QUOTE) {
              if (q + 1 < len && b[q + 1] === QUOTE) {
                escaped = true;
                q += 2;
                continue;
              }
              if (q + 1 >= len && !atEnd) break; // a `"` at the chunk end: `""` or closing? wait.
              closed = q;
              break;
            }
            if (c === LF || (c === CR && b[q + 1] !== LF)) line++;
            q++;
          }
          if (closed < 0) {
            if (!atEnd) return rowStart;
            this.unclosedQuoteLine = startLine;
            this.starts[nf] = fieldStart;
            this.ends[nf] = len;
            this.flags[nf++] = 2;
            p = len;
            break;
          }
          q = closed + 1;
          let tail = q;
          while (tail < len && b[tail] !== d && b[tail] !== LF && b[tail] !== CR) tail++;
          if (tail === len && !atEnd) return rowStart;
          if (tail === q && !escaped) {
            this.starts[nf] = fieldStart + 1;
            this.ends[nf] = closed;
            this.flags[nf++] = 1;
          } else {
            this.starts[nf] = fieldStart;
            this.ends[nf] = tail;
            this.flags[nf++] = 2;
          }
          p = tail;
        } else {
          // Bytes above the delimiter and the line ends (letters, digits, `/`, `-`) end nothing.
          while (p < len) {
            const c = b[p]!;
            if (c > low) {
              p++;
              continue;
            }
            if (c === d || c === LF || c === CR) break;
            p++;
          }
          if (p === len && !atEnd) return rowStart;
          this.starts[nf] = fieldStart;
          this.ends[nf] = p;
          this.flags[nf++] = 0;
        }
        if (p >= len) {
          done = true;
        } else if (b[p] === d) {
          p++;
          if (p === len && !atEnd) return rowStart;
        } else {
          // Line end: CRLF needs its LF in this buffer before the record counts as complete.
          if (b[p] === CR) {
            if (p + 1 === len && !atEnd) return rowStart;
            if (b[p + 1] === LF) p++;
          }
          p++;
          line++;
          done = true;
        }
      }
      this.line = line;
      this.sink.row(b, this.starts, this.ends, this.flags, nf, startLine);
    }
    return len;
  }
}

/** Where the line holding b[i] starts (after the last LF or CR before it, not before `from`). */
function lineStart(b: Uint8Array, i: number, from: number): number {
  while (i > from && b[i - 1] !== LF && b[i - 1] !== CR) i--;
  return i;
}

/** The most frequent of `,` `;` tab outside quotes in b[from, to); `,` on a tie or when none occurs. */
export function detectDelimiter(b: Uint8Array, from: number, to: number): number {
  let comma = 0;
  let semi = 0;
  let tab = 0;
  let inQuotes = false;
  for (let i = from; i < to; i++) {
    const c = b[i]!;
    if (c === QUOTE) inQuotes = !inQuotes;
    else if (!inQuotes) {
      if (c === COMMA) comma++;
      else if (c === SEMI) semi++;
      else if (c === TAB) tab++;
    }
  }
  if (semi > comma && semi >= tab) return SEMI;
  if (tab > comma && tab > semi) return TAB;
  return COMMA;
}
