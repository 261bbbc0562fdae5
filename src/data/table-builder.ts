// The column builder: CSV records into the growing typed columns of column-store.ts, each cell read
// and checked by cell-reader.ts. Contract:
// - a record of empty fields only (a blank line, the `,,,,` rows Excel leaves after the data) is
//   skipped and counted as blank; any other record with a different number of fields from the header
//   is a 'ragged-row' problem;
// - each cell is trimmed of spaces and tabs, then read by its column's type (columns.ts); a bad cell
//   is a problem; a row with any problem is excluded (validate.ts); the values of an excluded row are
//   overwritten by the next row, so nothing is copied twice;
// - dates and numbers are parsed from bytes; text is dictionary-encoded from bytes (byte-dictionary.ts)
//   so only new distinct values are kept; ids are numbered after the parse (id-dictionary.ts); the
//   factor bitset widens when more codes appear than fit.
// Two ways in, one result:
// - `row`, the general path: a record the tokenizer (csv.ts) has split into byte ranges;
// - `fastRow`, the fast path: the tokenizer first offers each record's bytes; a plain record (no
//   quote but clean quoted fields, no spaces around values, no problem, no value its dictionary lacks)
//   is read in one pass, fields found and parsed together (a ten-byte date read in place, a short
//   code packed while scanned, an empty cell not stored at all); anything else is given back
//   untouched (ids pushed are taken back, the row slot cleared; dictionaries and factor codes are
//   only searched, never added to) and goes the general way, so problems, levels and their order are
//   exactly the general path's (tests/src/data/fast-row.test.ts compares the two). A record with a
//   zero byte is never offered to the fast path (csv.ts); the general path reports the cell.
// Speed (this runs 3.6 million times on a national file): each column's type is a small integer and
// each store is of one array type, so the hot loop stays monomorphic; no closures per row. The fast
// path took the bench load (bench/parse.ts) from 5.5 s to 3.8-3.9 s of CPU; with the later work on
// ids, levels and factors the whole load is 3.3-3.7 s of CPU, of which reading the records here is
// about 2.3 s (0.3 s of it the system's, mostly first touches of the columns' 300 MB).
import { CellReader } from './cell-reader.js';
import { DATE, CAT, CLOSURE, INT, STAGE, FACTORS, ID, SKIP } from './column-store.js';
import { unescapeField } from './csv-decode.js';
import type { FastSink, RowSink } from './csv.js';
import { INVALID_DAY, parseDateBytes, parseFixedDate } from './dates.js';
import { ProblemLog, checkAssessmentDates } from './validate.js';
import { MISSING_DAY, type ProblemCode } from './types.js';

export type { BuiltColumns } from './column-store.js';

/**
 * Where the fast path's date check logs: nowhere (the general path then logs for real). One log for
 * every load, so it keeps nothing: no messages formatted, no count growing across loads.
 */
class SilentLog extends ProblemLog {
  override add(): void {}
}
const SILENT = new SilentLog('', 'line');
const QUOTE = 34, LF = 10, CR = 13; // prettier-ignore

function hasZero(b: Uint8Array, s: number, e: number): boolean {
  for (let i = s; i < e; i++) if (b[i] === 0) return true;
  return false;
}

/** Reads records into the column store: the general path and the fast path (see file comment). */
export class TableBuilder extends CellReader implements RowSink, FastSink {
  row(
    b: Uint8Array,
    starts: Int32Array,
    ends: Int32Array,
    flags: Uint8Array,
    nf: number,
    line: number,
  ): void {
    let blank = true;
    for (let j = 0; j < nf; j++) {
      if (ends[j]! > starts[j]!) {
        blank = false;
        break;
      }
    }
    if (blank) {
      this.blankRows++;
      return;
    }
    this.rowsRead++;
    if (nf !== this.nHeaders) return this.ragged(nf, line);
    const k = this.openSlot();
    const W = this.words;
    for (let w = 0; w < W; w++) this.bits[k * W + w] = 0;
    const dates = this.rowDates;
    for (let i = 0; i < dates.length; i++) dates[i] = MISSING_DAY;
    let bad: ProblemCode | null = null;
    const nc = this.kinds.length;
    for (let c = 0; c < nc; c++) {
      const j = this.index[c]!;
      let buf = b;
      let s = starts[j]!;
      let e = ends[j]!;
      if (flags[j] === 2) {
        if (this.scratch.length < e - s) this.scratch = new Uint8Array(2 * (e - s));
        e = unescapeField(b, s, e, this.scratch);
        s = 0;
        buf = this.scratch;
      }
      while (s < e && (buf[s] === 32 || buf[s] === 9)) s++;
      while (e > s && (buf[e - 1] === 32 || buf[e - 1] === 9)) e--;
      // A zero byte is no character of any text: a damaged file, or UTF-16 read as bytes. Read as
      // is, `Ma\0le` would be a second level printing as "Male".
      const code = hasZero(buf, s, e)
        ? 'invalid-character'
        : (this.cell(c, buf, s, e, k) as ProblemCode | null); // never NEW when adding
      if (code !== null) {
        this.problem(c, buf, s, e, line, code);
        bad ??= code;
      }
    }
    if (bad === null && this.factors)
      bad = checkAssessmentDates(this.rowDates, this.slotHeaders, line, this.log);
    if (bad !== null) {
      this.log.exclude(bad);
      this.clearSlot(k);
      return;
    }
    this.line[k] = line;
    this.n++;
  }

  /**
   * The fast path: read the record at b[p] straight from the bytes, without tokenizing it first.
   * Returns the position after its line end, or -1 when the record needs the general path (`row`):
   * a quote other than a clean quoted field, a newline inside quotes, spaces around a value, any
   * problem, a blank or ragged record, or the end of the buffer before the line end. A record given
   * back leaves nothing behind but what the general path writes again (its row slot, the values it
   * adds to the dictionaries, which it adds again in the same order).
   */
  fastRow(b: Uint8Array, p: number, len: number, d: number, line: number): number {
    const ids = this.idColumns;
    const marks = this.idMarks;
    for (let i = 0; i < ids.length; i++) marks[i] = ids[i]!.size;
    const end = this.readRow(b, p, len, d, line);
    if (end < 0) {
      for (let i = 0; i < ids.length; i++) ids[i]!.truncate(marks[i]!);
      this.clearSlot(this.n);
    }
    return end;
  }

  /** fastRow's reading: -1 as soon as the record needs the general path. */
  private readRow(b: Uint8Array, p: number, len: number, d: number, line: number): number {
    const k = this.openSlot(); // slot k holds empty values and no factor bits (see `empty`)
    const dates = this.rowDates;
    for (let i = 0; i < dates.length; i++) dates[i] = MISSING_DAY;
    const low = d > CR ? d : CR;
    const last = this.nHeaders - 1;
    const colOf = this.colOf;
    const kinds = this.kinds;
    const ints = this.ints;
    const floats = this.floats;
    for (let j = 0; j <= last; j++) {
      if (p >= len) return -1;
      const c = colOf[j]!;
      const kind = c < 0 ? SKIP : kinds[c]!;
      let ch = b[p]!;
      if (ch === d || ch === LF || ch === CR) {
        // An empty field: the slot already holds its empty value.
        if (c >= 0 && (this.required[c] === 1 || kind === STAGE)) return -1;
      } else if (ch === QUOTE) {
        let q = p + 1;
        while (q < len) {
          ch = b[q]!;
          if (ch === QUOTE || ch === LF || ch === CR) break;
          q++;
        }
        if (q + 1 >= len || b[q] !== QUOTE) return -1;
        const s = p + 1;
        p = q + 1;
        if (c >= 0) {
          if (q > s && (b[s] === 32 || b[s] === 9 || b[q - 1] === 32 || b[q - 1] === 9)) return -1;
          if (kind === FACTORS) {
            if (this.factors!.setBits(b, s, q, this.bits, k * this.words) < 0) return -1;
          } else if (this.cell(c, b, s, q, k, false) !== null) return -1;
        }
      } else if (kind === DATE) {
        let day = INVALID_DAY;
        if (p + 10 < len) {
          // A date of ten bytes followed by a delimiter: read in place, no scan.
          const t = b[p + 10]!;
          if (t === d || t === LF || t === CR) {
            day = parseFixedDate(b, p, this.monthFirst);
            if (day !== INVALID_DAY) p += 10;
          }
        }
        if (day === INVALID_DAY) {
          const s = p;
          while (p < len && (ch = b[p]!) !== d && ch !== LF && ch !== CR) p++;
          if (b[s] === 32 || b[s] === 9 || b[p - 1] === 32 || b[p - 1] === 9) return -1;
          day = parseDateBytes(b, s, p, this.monthFirst);
          if (day === INVALID_DAY) return -1;
        }
        ints[c]![k] = day;
        if (this.slot[c]! >= 0) dates[this.slot[c]!] = day;
      } else if (kind === CAT) {
        // Pack up to four bytes while scanning: the dictionary's key for short codes.
        const s = p;
        let key = 0;
        let sh = 0;
        while (p < len) {
          ch = b[p]!;
          if (ch <= low && (ch === d || ch === LF || ch === CR)) break;
          key |= ch << sh;
          sh += 8;
          p++;
        }
        if (b[s] === 32 || b[s] === 9 || b[p - 1] === 32 || b[p - 1] === 9) return -1;
        const dict = this.dicts[c]!;
        const level = p - s <= 4 ? dict.lookupShort(key, b, s, p, false) : dict.lookup(b, s, p, false);
        if (level < 0) return -1; // a new level: added by the general path, in file order
        ints[c]![k] = level;
      } else if (kind === INT) {
        // Small whole numbers (a decile): digits only, else the general reader.
        const s = p;
        let v = 0;
        while (p < len && (ch = b[p]!) >= 48 && ch <= 57 && p - s < 9) {
          v = v * 10 + ch - 48;
          p++;
        }
        if (p < len && (ch = b[p]!) !== d && ch !== LF && ch !== CR) {
          while (p < len && (ch = b[p]!) !== d && ch !== LF && ch !== CR) p++;
          if (b[s] === 32 || b[s] === 9 || b[p - 1] === 32 || b[p - 1] === 9) return -1;
          if (this.cell(c, b, s, p, k, false) !== null) return -1;
        } else {
          const spec = this.cols[c]!.spec;
          if (v < (spec.min ?? -Infinity) || v > (spec.max ?? Infinity)) return -1;
          floats[c]![k] = v;
        }
      } else {
        const s = p;
        while (p < len) {
          ch = b[p]!;
          if (ch > low) {
            p++;
            continue;
          }
          if (ch === d || ch === LF || ch === CR) break;
          p++;
        }
        if (c >= 0) {
          if (b[s] === 32 || b[s] === 9 || b[p - 1] === 32 || b[p - 1] === 9) return -1;
          if (kind === ID) ints[c]![k] = this.ids[c]!.push(b, s, p);
          else if (kind === FACTORS) {
            if (this.factors!.setBits(b, s, p, this.bits, k * this.words) < 0) return -1;
          } else if (kind === CLOSURE && p - s === 3 && (b[s]! & 0xdf) === 82 && (b[s + 1]! & 0xdf) === 67) {
            // RC1-RC8 in any case, looked up as upper case (0x4352 = 'RC').
            const digit = b[s + 2]!;
            if (digit < 49 || digit > 56) return -1;
            const level = this.dicts[c]!.lookupShort(0x4352 | (digit << 16), b, s, p, false);
            if (level < 0) return -1;
            ints[c]![k] = level;
          } else if (this.cell(c, b, s, p, k, false) !== null) return -1;
        }
      }
      if (p >= len) return -1;
      const t = b[p]!;
      if (j < last) {
        if (t !== d) return -1;
        p++;
      } else {
        if (t !== LF && t !== CR) return -1;
        if (t === CR) {
          if (p + 1 >= len) return -1;
          if (b[p + 1] === LF) p++;
        }
        p++;
      }
    }
    if (this.factors && checkAssessmentDates(dates, this.slotHeaders, line, SILENT) !== null) return -1;
    this.rowsRead++;
    this.line[k] = line;
    this.n++;
    return p;
  }
}
