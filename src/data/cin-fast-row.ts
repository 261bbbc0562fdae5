// The column builder's fast path for rows whose fields are already byte ranges (the CIN census
// return's rows, cin-rows.ts): each value trimmed and unquoted by the reader, so a row is read
// straight into the columns without the general path's per-field trimming, zero-byte and blank
// checks. Contract, as the CSV fast path's (table-builder.ts `fastRow`):
// - `rangeRow` reads a row with no problem and no value its dictionary lacks, and returns true;
//   anything else (spaces around a value, an empty required field, a bad date, a new level or id-less row, a zero byte in
//   an id, a cross-field date fault, a blank or ragged row) returns false having left nothing behind
//   (ids pushed taken back, the row slot cleared; dictionaries and factor codes only searched), and
//   the caller gives the row to the general path (`row`), which reads, adds and reports it;
// - so the result is the general path's, value for value and level for level (tests compare a
//   return read with and without this path).
// Why: a CIN return's rows went through the general path, whose checks cost more per row than the
// CSV path's whole read; the values here come trimmed and cannot hold quotes.
import { DATE, CAT, CLOSURE, FACTORS, ID, STAGE } from './column-store.js';
import { INVALID_DAY, parseDateBytes } from './dates.js';
import { TableBuilder } from './table-builder.js';
import { MISSING_DAY } from './types.js';
import { ProblemLog, checkAssessmentDates } from './validate.js';

/** Where the fast path's date check logs: nowhere (the general path then logs for real). */
class SilentLog extends ProblemLog {
  override add(): void {}
}
const SILENT = new SilentLog('', 'line');

/** The column builder with a fast path for rows given as trimmed byte ranges (see file comment). */
export class RangeRowBuilder extends TableBuilder {
  /** Read the row of fields b[starts[j], ends[j]); false when it needs the general path (`row`). */
  rangeRow(b: Uint8Array, starts: Int32Array, ends: Int32Array, nf: number, line: number): boolean {
    if (nf !== this.nHeaders) return false;
    const ids = this.idColumns;
    const marks = this.idMarks;
    for (let i = 0; i < ids.length; i++) marks[i] = ids[i]!.size;
    if (this.readRanges(b, starts, ends, line)) return true;
    for (let i = 0; i < ids.length; i++) ids[i]!.truncate(marks[i]!);
    this.clearSlot(this.n);
    return false;
  }

  private readRanges(b: Uint8Array, starts: Int32Array, ends: Int32Array, line: number): boolean {
    const k = this.openSlot(); // slot k holds empty values and no factor bits (column-store.ts)
    const dates = this.rowDates;
    for (let i = 0; i < dates.length; i++) dates[i] = MISSING_DAY;
    const kinds = this.kinds;
    const index = this.index;
    let any = false;
    for (let c = 0; c < kinds.length; c++) {
      const j = index[c]!;
      const s = starts[j]!;
      const e = ends[j]!;
      const kind = kinds[c]!;
      if (e === s) {
        // An empty field: the slot already holds its empty value.
        if (this.required[c] === 1 || kind === STAGE) return false;
        continue;
      }
      any = true;
      // Spaces around a value are the general path's to trim (a reader that has not trimmed).
      if (b[s] === 32 || b[s] === 9 || b[e - 1] === 32 || b[e - 1] === 9) return false;
      if (kind === DATE) {
        const day = parseDateBytes(b, s, e, this.monthFirst);
        if (day === INVALID_DAY) return false;
        this.ints[c]![k] = day;
        if (this.slot[c]! >= 0) dates[this.slot[c]!] = day;
      } else if (kind === CAT) {
        const level = this.dicts[c]!.lookup(b, s, e, false);
        if (level < 0) return false; // a new level: added by the general path, in file order
        this.ints[c]![k] = level;
      } else if (kind === ID) {
        for (let i = s; i < e; i++) if (b[i] === 0) return false;
        this.ints[c]![k] = this.ids[c]!.push(b, s, e);
      } else if (kind === FACTORS) {
        if (this.factors!.setBits(b, s, e, this.bits, k * this.words) < 0) return false;
      } else if (kind === CLOSURE && e - s === 3 && (b[s]! & 0xdf) === 82 && (b[s + 1]! & 0xdf) === 67) {
        // RC1-RC8 in any case, looked up as upper case (0x4352 = 'RC'), as the CSV fast path does.
        const digit = b[s + 2]!;
        if (digit < 49 || digit > 56) return false;
        const level = this.dicts[c]!.lookupShort(0x4352 | (digit << 16), b, s, e, false);
        if (level < 0) return false;
        this.ints[c]![k] = level;
      } else if (this.cell(c, b, s, e, k, false) !== null) return false;
    }
    // A row of empty fields only is the general path's to count as blank.
    if (!any) return false;
    if (this.factors && checkAssessmentDates(dates, this.slotHeaders, line, SILENT) !== null) return false;
    this.rowsRead++;
    this.line[k] = line;
    this.n++;
    return true;
  }
}
