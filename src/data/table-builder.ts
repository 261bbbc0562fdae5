// The column builder: CSV records (byte ranges) into growing typed arrays, one per planned column,
// checking each cell as it goes. Contract:
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
//   code packed while scanned); anything else is given back untouched (ids pushed are taken back;
//   dictionaries and factor codes are only searched, never added to) and goes the general way, so
//   problems, levels and their order are exactly the general path's (tests/src/data/fast-row.test.ts).
// Speed (this runs 3.6 million times on a national file): each column's type is a small integer and
// each store is of one array type, so the hot loop stays monomorphic; no closures per row. The fast
// path took the bench load (bench/parse.ts) from 5.5 s to 3.8-3.9 s of CPU.
// `finish` hands the raw columns to assemble.ts, which builds the typed dataset.
import { ByteDictionary } from './byte-dictionary.js';
import { IdDictionary } from './id-dictionary.js';
import type { ColumnPlan, PlannedColumn } from './columns.js';
import { FieldDecoder, unescapeField } from './csv-decode.js';
import type { FastSink, RowSink } from './csv.js';
import { INVALID_DAY, parseDateBytes, parseFixedDate } from './dates.js';
import { FactorRegistry } from './factor-bits.js';
import { isNaBytes, parseNumberBytes, readFlagBytes } from './number-bytes.js';
import { DATE_SLOTS, EXPECTED, ProblemLog, checkAssessmentDates } from './validate.js';
import { MISSING_DAY, type ProblemCode } from './types.js';

/** Everything the builder collected, for assemble.ts. */
export interface BuiltColumns {
  plan: ColumnPlan;
  n: number;
  line: Int32Array;
  /** Per planned column (same order as plan.columns): the store, or null for wide factor columns. */
  stores: (Int32Array | Float64Array | null)[];
  /** Per planned column: the levels of a dictionary-encoded column, else null. */
  dictionaries: ({ readonly levels: string[] } | null)[];
  factorBits: Uint32Array;
  factorWords: number;
  factorCodes: string[];
  rowsRead: number;
  blankRows: number;
}

const DATE = 0, CAT = 1, CLOSURE = 2, SEN = 3, NUM = 4, INT = 5, FLAG = 6, WIDE = 7, STAGE = 8, FACTORS = 9, ID = 10, SKIP = -1; // prettier-ignore
const KIND: Record<string, number> = {
  date: DATE,
  id: ID,
  category: CAT,
  'closure-reason': CLOSURE,
  'category-lower': SEN,
  number: NUM,
  integer: INT,
  flag: FLAG,
  'key-stage': STAGE,
  factors: FACTORS,
};
const SEN_WORDS: Record<string, string> = {
  none: 'none',
  n: 'none',
  support: 'support',
  'sen support': 'support',
  k: 'support',
  ehcp: 'ehcp',
  ehc: 'ehcp',
  e: 'ehcp',
  s: 'ehcp',
};
/** How a cell's problem reads ('invalid-value' depends on the column: see problem()). */
const WHAT: Partial<Record<ProblemCode, string>> = {
  'missing-value': 'is empty',
  'invalid-date': 'is not a date',
  'unknown-closure-reason': 'is not a closure reason',
  'invalid-number': 'is not a number',
  'out-of-range': 'is out of range',
  'invalid-flag': 'is not 0 or 1',
};
const NO_INTS = new Int32Array(0);
const NO_FLOATS = new Float64Array(0);

/** A cell with a value its dictionary lacks, met by the fast path (which adds nothing). */
const NEW = 'new-value';
type CellResult = ProblemCode | typeof NEW | null;

/** Where the fast path's date check logs (the general path then logs for real). */
const SILENT = new ProblemLog('', 'line');
const QUOTE = 34, LF = 10, CR = 13; // prettier-ignore

export class TableBuilder implements RowSink, FastSink {
  n = 0;
  rowsRead = 0;
  blankRows = 0;
  private capacity = 1 << 14;
  private line: Int32Array = new Int32Array(this.capacity);
  private readonly cols: PlannedColumn[];
  private readonly nHeaders: number;
  private readonly required: Uint8Array;
  private readonly kinds: Int8Array;
  private readonly index: Int32Array;
  /** Per header field: its planned column, or -1 when unused. */
  private readonly colOf: Int32Array;
  private readonly slot: Int32Array;
  private readonly wideBit: Int32Array;
  /**
   * Int columns hold `empty[c]` (MISSING_DAY, or -1 for codes), float columns NaN, and factor words 0
   * at every row from n on: an empty cell costs the fast path no store. A row not kept is cleared
   * back (clearSlot).
   */
  private readonly empty: Int32Array;
  private ints: Int32Array[];
  private floats: Float64Array[];
  private readonly dicts: (ByteDictionary | null)[];
  private readonly ids: (IdDictionary | null)[];
  private readonly idColumns: IdDictionary[];
  private readonly idMarks: Int32Array;
  private readonly factors: FactorRegistry | null;
  private words: number;
  /** Int32 words (bit 31 set stays a small integer); handed on as a Uint32Array view. */
  private bits: Int32Array;
  private scratch = new Uint8Array(1024);
  private folded = new Uint8Array(64);
  /** The row's dates by DATE_SLOTS position, for the cross-field rules. */
  private readonly rowDates = new Int32Array(DATE_SLOTS.length);
  private readonly slotHeaders: string[];
  private readonly setBit = (j: number): void => {
    if (j >= this.words * 32) this.widen(j);
    this.bits[this.n * this.words + (j >> 5)]! |= 1 << (j & 31);
  };

  constructor(
    readonly plan: ColumnPlan,
    private readonly decoder: FieldDecoder,
    private readonly log: ProblemLog,
    private readonly monthFirst = false,
  ) {
    const cols = (this.cols = plan.columns);
    this.nHeaders = plan.headers.length;
    this.required = Uint8Array.from(cols, (c) => (c.spec.required ? 1 : 0));
    this.kinds = Int8Array.from(cols, (c) => (c.code !== undefined ? WIDE : KIND[c.spec.type]!));
    this.index = Int32Array.from(cols, (c) => c.index);
    this.colOf = new Int32Array(this.nHeaders).fill(-1);
    cols.forEach((col, c) => (this.colOf[col.index] = c));
    this.slot = Int32Array.from(cols, (c) => (DATE_SLOTS as readonly string[]).indexOf(c.spec.field));
    const kinds = this.kinds;
    this.empty = Int32Array.from(cols, (_, c) => (kinds[c] === DATE ? MISSING_DAY : -1));
    this.ints = cols.map((_, c) =>
      kinds[c]! <= SEN || kinds[c] === ID ? new Int32Array(this.capacity).fill(this.empty[c]!) : NO_INTS,
    );
    this.floats = cols.map((_, c) =>
      kinds[c]! >= NUM && kinds[c] !== WIDE && kinds[c] !== FACTORS && kinds[c] !== ID
        ? new Float64Array(this.capacity).fill(NaN)
        : NO_FLOATS,
    );
    const decode = (b: Uint8Array, s: number, e: number): string => decoder.text(b, s, e);
    this.dicts = cols.map((_, c) =>
      kinds[c]! >= CAT && kinds[c]! <= SEN ? new ByteDictionary(decode) : null,
    );
    this.ids = cols.map((_, c) => (kinds[c] === ID ? new IdDictionary(decode) : null));
    this.idColumns = this.ids.filter((x) => x !== null);
    this.idMarks = new Int32Array(this.idColumns.length);
    this.factors = plan.kind === 'assessments' ? new FactorRegistry(decode) : null;
    this.wideBit = Int32Array.from(cols, (c) =>
      c.code !== undefined && this.factors ? this.factors.index(c.code) : -1,
    );
    this.words = this.factors ? Math.ceil(this.factors.codes.length / 32) : 0;
    this.bits = new Int32Array(this.capacity * this.words);
    this.slotHeaders = DATE_SLOTS.map((f) => plan.byField.get(f)?.header ?? f);
  }

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
    if (this.n === this.capacity) this.grow();
    const k = this.n;
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
      const code = this.cell(c, buf, s, e, k) as ProblemCode | null; // never NEW when adding
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

  /** Row k back to empty values in every column (see `empty`). */
  private clearSlot(k: number): void {
    for (let c = 0; c < this.ints.length; c++) {
      if (this.ints[c]!.length) this.ints[c]![k] = this.empty[c]!;
      if (this.floats[c]!.length) this.floats[c]![k] = NaN;
    }
    const W = this.words;
    for (let w = 0; w < W; w++) this.bits[k * W + w] = 0;
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
    if (this.n === this.capacity) this.grow();
    const k = this.n; // slot k holds empty values and no factor bits (see `empty`)
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

  private ragged(nf: number, line: number): void {
    const h = this.plan.headers.length;
    const what = `has ${nf} field${nf === 1 ? '' : 's'} where the header has ${h}`;
    this.log.add(line, '', '', 'ragged-row', what, `${h} fields`);
    this.log.exclude('ragged-row');
  }

  /**
   * Read one cell into row k of column c; returns a problem code (not logged: the caller logs it, or
   * the fast path hands the record to the general path), or null when fine.
   */
  private cell(c: number, b: Uint8Array, s: number, e: number, k: number, add = true): CellResult {
    const kind = this.kinds[c]!;
    if (e === s && this.required[c] === 1) return 'missing-value';
    switch (kind) {
      case DATE: {
        const day = parseDateBytes(b, s, e, this.monthFirst);
        if (day === INVALID_DAY) return 'invalid-date';
        this.ints[c]![k] = day;
        if (this.slot[c]! >= 0) this.rowDates[this.slot[c]!] = day;
        return null;
      }
      case CAT:
        if (e === s) this.ints[c]![k] = -1;
        else if ((this.ints[c]![k] = this.dicts[c]!.lookup(b, s, e, add)) < 0) return NEW;
        return null;
      case ID:
        // A position in the id sequence until finish() turns it into a level.
        this.ints[c]![k] = e === s ? -1 : this.ids[c]!.push(b, s, e);
        return null;
      case CLOSURE: {
        if (e === s) {
          this.ints[c]![k] = -1;
          return null;
        }
        if (!(
          e - s === 3 &&
          (b[s]! & 0xdf) === 82 &&
          (b[s + 1]! & 0xdf) === 67 &&
          b[s + 2]! >= 49 &&
          b[s + 2]! <= 56
        )) {
          return 'unknown-closure-reason';
        }
        const f = this.folded;
        f[0] = 82;
        f[1] = 67;
        f[2] = b[s + 2]!;
        if ((this.ints[c]![k] = this.dicts[c]!.lookup(f, 0, 3, add)) < 0) return NEW;
        return null;
      }
      case SEN: {
        if (e === s) {
          this.ints[c]![k] = -1;
          return null;
        }
        let word = '';
        for (let i = s; i < e && i - s < 16; i++)
          word += String.fromCharCode(b[i]! >= 65 && b[i]! <= 90 ? b[i]! + 32 : b[i]!);
        // Stored as the canonical word, so 'K', 'SEN support' and 'support' are one level.
        const value = e - s <= 16 ? SEN_WORDS[word] : undefined;
        if (value === undefined) return 'invalid-value';
        if ((this.ints[c]![k] = this.dicts[c]!.lookupString(value, add)) < 0) return NEW;
        return null;
      }
      case NUM:
      case INT: {
        if (e === s || isNaBytes(b, s, e)) {
          this.floats[c]![k] = NaN;
          return null;
        }
        const v = parseNumberBytes(b, s, e);
        if (Number.isNaN(v)) return 'invalid-number';
        const spec = this.cols[c]!.spec;
        if (
          (kind === INT && !Number.isInteger(v)) ||
          v < (spec.min ?? -Infinity) ||
          v > (spec.max ?? Infinity)
        ) {
          return 'out-of-range';
        }
        this.floats[c]![k] = v;
        return null;
      }
      case FLAG:
      case WIDE: {
        const v = readFlagBytes(b, s, e);
        if (v === -2) return 'invalid-flag';
        if (kind === WIDE) {
          if (v === 1) this.setBit(this.wideBit[c]!);
        } else this.floats[c]![k] = v === -1 ? NaN : v;
        return null;
      }
      case STAGE: {
        const p = e - s === 3 && (b[s]! & 0xdf) === 75 && (b[s + 1]! & 0xdf) === 83 ? s + 2 : s; // KS2, ks4
        if (e - p === 1 && (b[p] === 50 || b[p] === 52)) {
          this.floats[c]![k] = b[p]! - 48;
          return null;
        }
        return 'invalid-value';
      }
      default:
        if (this.factors!.parseList(b, s, e, this.setBit, add) < 0) return NEW;
        return null;
    }
  }

  private problem(c: number, b: Uint8Array, s: number, e: number, line: number, code: ProblemCode): void {
    const kind = this.kinds[c]!;
    const what =
      code === 'invalid-value'
        ? kind === SEN
          ? 'is not a special educational needs status'
          : 'is not a key stage'
        : WHAT[code]!;
    const col = this.cols[c]!;
    const value = this.log.listing ? this.decoder.text(b, s, e) : '';
    const expected = EXPECTED_BY_KIND[kind]!(col);
    this.log.add(
      line,
      col.header,
      value,
      code,
      what,
      code === 'missing-value' ? `${expected} (required)` : expected,
    );
  }

  /**
   * Size every column for about `rows` rows at once (load.ts estimates it from the file size), so a
   * national file is not copied at each doubling and its id dictionaries are not rehashed.
   */
  reserve(rows: number): void {
    if (rows > this.capacity) this.resize(Math.ceil(rows));
    this.reserved = true;
    for (let c = 0; c < this.cols.length; c++) this.ids[c]?.reserve(rows);
  }
  private reserved = false;

  private grow(): void {
    // Past an estimate, grow by a quarter rather than double: the estimate is usually close.
    this.resize(Math.ceil(this.capacity * (this.reserved ? 1.25 : 2)));
  }

  private resize(cap: number): void {
    const n = this.n;
    this.line = growInt(this.line, cap);
    this.ints = this.ints.map((x, c) => {
      if (!x.length) return x;
      const out = new Int32Array(cap);
      out.set(x.subarray(0, n));
      return out.fill(this.empty[c]!, n);
    });
    this.floats = this.floats.map((x) => {
      if (!x.length) return x;
      const out = new Float64Array(cap);
      out.set(x.subarray(0, n));
      return out.fill(NaN, n);
    });
    const bits = new Int32Array(cap * this.words);
    bits.set(this.bits.subarray(0, this.n * this.words));
    this.bits = bits;
    this.capacity = cap;
  }

  /** More codes than the words per row hold: re-stride the bitset. */
  private widen(j: number): void {
    const words = Math.ceil((j + 1) / 32) + 1;
    const bits = new Int32Array(this.capacity * words);
    for (let i = 0; i <= this.n; i++)
      for (let w = 0; w < this.words; w++) bits[i * words + w] = this.bits[i * this.words + w]!;
    this.bits = bits;
    this.words = words;
  }

  finish(): BuiltColumns {
    for (let c = 0; c < this.cols.length; c++) {
      const ids = this.ids[c];
      if (!ids) continue;
      const level = ids.resolve();
      const codes = this.ints[c]!;
      for (let k = 0; k < this.n; k++) if (codes[k]! >= 0) codes[k] = level[codes[k]!]!;
    }
    return {
      plan: this.plan,
      n: this.n,
      line: this.line,
      stores: this.cols.map((_, c) =>
        this.ints[c]!.length ? this.ints[c]! : this.floats[c]!.length ? this.floats[c]! : null,
      ),
      dictionaries: this.cols.map((_, c) => this.ids[c] ?? this.dicts[c]!),
      factorBits: new Uint32Array(this.bits.buffer, 0, this.bits.length),
      factorWords: this.words,
      factorCodes: this.factors ? this.factors.codes : [],
      rowsRead: this.rowsRead,
      blankRows: this.blankRows,
    };
  }
}

const numberExpected = (col: PlannedColumn): string => {
  const what = col.spec.type === 'integer' ? 'a whole number' : 'a number';
  return col.spec.min !== undefined
    ? `${what} from ${col.spec.min} to ${col.spec.max} (or empty)`
    : `${what} (or empty)`;
};
const EXPECTED_BY_KIND: ((col: PlannedColumn) => string)[] = [
  () => EXPECTED.date,
  () => 'a value',
  () => EXPECTED.closureReason,
  () => EXPECTED.sen,
  numberExpected,
  numberExpected,
  () => EXPECTED.flag,
  () => EXPECTED.flag,
  () => EXPECTED.keyStage,
  () => 'factor codes such as 3B;4B;21',
  () => 'a value',
];

function growInt(a: Int32Array, cap: number): Int32Array {
  const out = new Int32Array(cap);
  out.set(a.subarray(0, Math.min(a.length, cap)));
  return out;
}
