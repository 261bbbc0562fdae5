// The column builder: CSV records (byte ranges) into growing typed arrays, one per planned column,
// checking each cell as it goes. Contract:
// - a record with a different number of fields from the header is a 'ragged-row' problem, except a
//   record of empty fields only (`,,,,` rows Excel leaves at the end), which is blank and skipped;
// - each cell is trimmed of spaces and tabs, then read by its column's type (columns.ts); a bad cell
//   is a problem; a row with any problem is excluded (validate.ts); values of an excluded row are
//   simply overwritten by the next row, so nothing is copied twice;
// - dates and numbers are parsed from bytes; text is dictionary-encoded from bytes (byte-dictionary.ts),
//   so only new distinct values become strings; the factor bitset grows its words per row when more
//   codes appear than fit.
// `finish` hands the raw columns to assemble.ts, which builds the typed dataset.
import { ByteDictionary } from './byte-dictionary.js';
import type { ColumnPlan, PlannedColumn } from './columns.js';
import { FieldDecoder, unescapeField } from './csv-decode.js';
import type { RowSink } from './csv.js';
import { INVALID_DAY, parseDateBytes } from './dates.js';
import { FactorRegistry } from './factor-bits.js';
import { EXPECTED, checkAssessmentDates, type AssessmentDates, type ProblemLog } from './validate.js';
import { MISSING_DAY, type ProblemCode } from './types.js';
import { parseNumberBytes, isNaBytes, readFlagBytes } from './number-bytes.js';

export type ColumnStore = Int32Array | Float64Array;

/** Everything the builder collected, for assemble.ts. */
export interface BuiltColumns {
  plan: ColumnPlan;
  n: number;
  line: Int32Array;
  /** Per planned column (same order as plan.columns; wide factor columns have none). */
  stores: (ColumnStore | null)[];
  dictionaries: (ByteDictionary | null)[];
  factorBits: Uint32Array;
  factorWords: number;
  factorCodes: string[];
  rowsRead: number;
  blankRows: number;
}

const isDateType = (c: PlannedColumn): boolean => c.spec.type === 'date';
const isCatType = (c: PlannedColumn): boolean =>
  c.spec.type === 'id' || c.spec.type.startsWith('category') || c.spec.type === 'closure-reason';

export class TableBuilder implements RowSink {
  n = 0;
  rowsRead = 0;
  blankRows = 0;
  private capacity = 1 << 14;
  private line: Int32Array = new Int32Array(this.capacity);
  private stores: (ColumnStore | null)[];
  private dicts: (ByteDictionary | null)[];
  private factors: FactorRegistry | null;
  private words = 2;
  private bits: Uint32Array;
  private scratch = new Uint8Array(1024);
  private lower = new Uint8Array(64);
  private readonly cols: PlannedColumn[];
  private readonly nHeaders: number;
  private readonly setBit = (j: number): void => {
    if (j >= this.words * 32) this.widen(j);
    this.bits[this.n * this.words + (j >> 5)]! |= 1 << (j & 31);
  };
  private readonly dates: AssessmentDates | null;
  private readonly dateSlot: Int32Array;

  constructor(
    readonly plan: ColumnPlan,
    private readonly decoder: FieldDecoder,
    private readonly log: ProblemLog,
    private readonly monthFirst = false,
  ) {
    this.cols = plan.columns;
    this.nHeaders = plan.headers.length;
    const decode = (b: Uint8Array, s: number, e: number): string => decoder.text(b, s, e);
    this.stores = this.cols.map((c) =>
      c.code !== undefined
        ? null
        : isDateType(c) || isCatType(c)
          ? new Int32Array(this.capacity)
          : new Float64Array(this.capacity),
    );
    this.dicts = this.cols.map((c) => (isCatType(c) ? new ByteDictionary(decode) : null));
    this.factors = plan.kind === 'assessments' ? new FactorRegistry(decode) : null;
    this.words = this.factors ? Math.max(1, Math.ceil(this.factors.codes.length / 32)) : 0;
    this.bits = new Uint32Array(this.capacity * this.words);
    this.wideBits = this.cols.map((c) =>
      c.code !== undefined && this.factors ? this.factors.index(c.code) : -1,
    );
    // Which date slot (referral, assessment, ...) each column fills, for the cross-field rules.
    const slots = [
      'referral_date',
      'assessment_date',
      'closure_date',
      'cpp_start_date',
      'cpp_end_date',
      'care_start_date',
      'care_end_date',
    ];
    this.dateSlot = Int32Array.from(this.cols, (c) => slots.indexOf(c.spec.field));
    const h = (f: string): string => plan.byField.get(f)?.header ?? f;
    this.dates =
      plan.kind === 'assessments'
        ? {
            referral: MISSING_DAY,
            assessment: MISSING_DAY,
            closure: MISSING_DAY,
            cppStart: MISSING_DAY,
            cppEnd: MISSING_DAY,
            careStart: MISSING_DAY,
            careEnd: MISSING_DAY,
            headers: {
              referral: h('referral_date'),
              assessment: h('assessment_date'),
              closure: h('closure_date'),
              cppStart: h('cpp_start_date'),
              cppEnd: h('cpp_end_date'),
              careStart: h('care_start_date'),
              careEnd: h('care_end_date'),
            },
          }
        : null;
  }
  private readonly wideBits: number[];

  row(
    b: Uint8Array,
    starts: Int32Array,
    ends: Int32Array,
    flags: Uint8Array,
    nf: number,
    line: number,
  ): void {
    let blank = true;
    for (let j = 0; j < nf && blank; j++) if (ends[j]! > starts[j]!) blank = false;
    if (blank) {
      // `,,,,` rows (Excel leaves them after the data) and empty quoted lines hold nothing to keep.
      this.blankRows++;
      return;
    }
    if (nf !== this.nHeaders) {
      this.rowsRead++;
      const h = this.nHeaders;
      this.log.add(
        line,
        '',
        '',
        'ragged-row',
        `has ${nf} field${nf === 1 ? '' : 's'} where the header has ${h}`,
        `${h} fields`,
      );
      this.log.exclude('ragged-row');
      return;
    }
    this.rowsRead++;
    if (this.n === this.capacity) this.grow();
    const k = this.n;
    const W = this.words;
    for (let w = 0; w < W; w++) this.bits[k * W + w] = 0;
    let bad: ProblemCode | null = null;
    const cols = this.cols;
    for (let c = 0; c < cols.length; c++) {
      const col = cols[c]!;
      let buf = b;
      let s = starts[col.index]!;
      let e = ends[col.index]!;
      if (flags[col.index] === 2) {
        if (this.scratch.length < e - s) this.scratch = new Uint8Array(2 * (e - s));
        e = unescapeField(b, s, e, this.scratch);
        s = 0;
        buf = this.scratch;
      }
      while (s < e && (buf[s] === 32 || buf[s] === 9)) s++;
      while (e > s && (buf[e - 1] === 32 || buf[e - 1] === 9)) e--;
      const code = this.cell(col, c, buf, s, e, k, line);
      if (code !== null) bad ??= code;
    }
    if (this.dates && bad === null) bad = checkAssessmentDates(this.dates, line, this.log);
    if (bad !== null) {
      this.log.exclude(bad);
      return;
    }
    this.line[k] = line;
    this.n++;
  }

  /** Read one cell into row k of column c; log and return a problem code, or null when fine. */
  private cell(
    col: PlannedColumn,
    c: number,
    b: Uint8Array,
    s: number,
    e: number,
    k: number,
    line: number,
  ): ProblemCode | null {
    const spec = col.spec;
    const store = this.stores[c]!;
    if (e === s && spec.required) {
      this.log.add(line, col.header, '', 'missing-value', 'is empty', `${this.expected(col)} (required)`);
      return 'missing-value';
    }
    switch (spec.type) {
      case 'date': {
        const day = parseDateBytes(b, s, e, this.monthFirst);
        if (day === INVALID_DAY) return this.problem(col, b, s, e, line, 'invalid-date', 'is not a date');
        store[k] = day;
        const slot = this.dateSlot[c]!;
        if (slot >= 0 && this.dates) this.setDate(slot, day);
        return null;
      }
      case 'id':
      case 'category':
        store[k] = e === s ? -1 : this.dicts[c]!.lookup(b, s, e);
        return null;
      case 'category-lower':
      case 'closure-reason': {
        if (e === s) {
          store[k] = -1;
          return null;
        }
        const len = e - s;
        if (this.lower.length < len) this.lower = new Uint8Array(len * 2);
        const upper = spec.type === 'closure-reason';
        for (let i = 0; i < len; i++) {
          const x = b[s + i]!;
          this.lower[i] = upper ? (x >= 97 && x <= 122 ? x - 32 : x) : x >= 65 && x <= 90 ? x + 32 : x;
        }
        const t = this.lower;
        if (upper && !(len === 3 && t[0] === 82 && t[1] === 67 && t[2]! >= 49 && t[2]! <= 56)) {
          return this.problem(col, b, s, e, line, 'unknown-closure-reason', 'is not a closure reason');
        }
        if (spec.field === 'sen') return this.sen(col, c, b, s, e, k, line);
        store[k] = this.dicts[c]!.lookup(t, 0, len);
        return null;
      }
      case 'number':
      case 'integer': {
        if (e === s || isNaBytes(b, s, e)) {
          store[k] = NaN;
          return null;
        }
        const v = parseNumberBytes(b, s, e);
        if (Number.isNaN(v)) return this.problem(col, b, s, e, line, 'invalid-number', 'is not a number');
        if (
          (spec.type === 'integer' && !Number.isInteger(v)) ||
          v < (spec.min ?? -Infinity) ||
          v > (spec.max ?? Infinity)
        ) {
          return this.problem(col, b, s, e, line, 'out-of-range', 'is out of range');
        }
        store[k] = v;
        return null;
      }
      case 'flag': {
        const v = readFlagBytes(b, s, e);
        if (v === -2) return this.problem(col, b, s, e, line, 'invalid-flag', 'is not 0 or 1');
        if (col.code !== undefined) {
          if (v === 1) this.setBit(this.wideBits[c]!);
        } else store[k] = v === -1 ? NaN : v;
        return null;
      }
      case 'key-stage': {
        let p = s;
        if (e - s === 3 && (b[s]! | 32) === 107 && (b[s + 1]! | 32) === 115) p += 2; // KS2, ks4
        if (e - p === 1 && (b[p] === 50 || b[p] === 52)) {
          store[k] = b[p]! - 48;
          return null;
        }
        return this.problem(col, b, s, e, line, 'invalid-value', 'is not a key stage');
      }
      case 'factors':
        this.factors!.parseList(b, s, e, this.setBit);
        return null;
    }
  }

  private sen(
    col: PlannedColumn,
    c: number,
    b: Uint8Array,
    s: number,
    e: number,
    k: number,
    line: number,
  ): ProblemCode | null {
    const t = this.lower;
    const len = e - s;
    let word = '';
    for (let i = 0; i < len && i < 16; i++) word += String.fromCharCode(t[i]!);
    // Stored as the canonical word, so 'K', 'SEN support' and 'support' are one level.
    const value = SEN[word];
    if (value === undefined)
      return this.problem(col, b, s, e, line, 'invalid-value', 'is not a special educational needs status');
    this.stores[c]![k] = this.dicts[c]!.lookupString(value);
    return null;
  }

  private problem(
    col: PlannedColumn,
    b: Uint8Array,
    s: number,
    e: number,
    line: number,
    code: ProblemCode,
    what: string,
  ): ProblemCode {
    const value = this.log.listing ? this.decoder.text(b, s, e) : '';
    this.log.add(line, col.header, value, code, what, this.expected(col));
    return code;
  }

  private expected(col: PlannedColumn): string {
    const spec = col.spec;
    switch (spec.type) {
      case 'date':
        return EXPECTED.date;
      case 'flag':
        return EXPECTED.flag;
      case 'closure-reason':
        return EXPECTED.closureReason;
      case 'key-stage':
        return EXPECTED.keyStage;
      case 'category-lower':
        return EXPECTED.sen;
      case 'number':
      case 'integer': {
        const kind = spec.type === 'integer' ? 'a whole number' : 'a number';
        return spec.min !== undefined
          ? `${kind} from ${spec.min} to ${spec.max} (or empty)`
          : `${kind} (or empty)`;
      }
      default:
        return 'a value';
    }
  }

  private setDate(slot: number, day: number): void {
    const d = this.dates!;
    if (slot === 0) d.referral = day;
    else if (slot === 1) d.assessment = day;
    else if (slot === 2) d.closure = day;
    else if (slot === 3) d.cppStart = day;
    else if (slot === 4) d.cppEnd = day;
    else if (slot === 5) d.careStart = day;
    else d.careEnd = day;
  }

  private grow(): void {
    const cap = this.capacity * 2;
    this.line = growInt(this.line, cap);
    this.stores = this.stores.map((x) =>
      x === null ? null : x instanceof Int32Array ? growInt(x, cap) : growFloat(x, cap),
    );
    const bits = new Uint32Array(cap * this.words);
    bits.set(this.bits);
    this.bits = bits;
    this.capacity = cap;
  }

  /** More codes than the words per row hold: re-stride the bitset. */
  private widen(j: number): void {
    const words = Math.ceil((j + 1) / 32) + 1;
    const bits = new Uint32Array(this.capacity * words);
    for (let i = 0; i <= this.n; i++)
      for (let w = 0; w < this.words; w++) bits[i * words + w] = this.bits[i * this.words + w]!;
    this.bits = bits;
    this.words = words;
  }

  finish(): BuiltColumns {
    return {
      plan: this.plan,
      n: this.n,
      line: this.line,
      stores: this.stores,
      dictionaries: this.dicts,
      factorBits: this.bits,
      factorWords: this.words,
      factorCodes: this.factors ? this.factors.codes : [],
      rowsRead: this.rowsRead,
      blankRows: this.blankRows,
    };
  }
}

const SEN: Record<string, string> = {
  none: 'none',
  n: 'none',
  support: 'support',
  k: 'support',
  'sen support': 'support',
  ehcp: 'ehcp',
  e: 'ehcp',
  s: 'ehcp',
  ehc: 'ehcp',
};

function growInt(a: Int32Array, cap: number): Int32Array {
  const out = new Int32Array(cap);
  out.set(a);
  return out;
}
function growFloat(a: Float64Array, cap: number): Float64Array {
  const out = new Float64Array(cap);
  out.set(a);
  return out;
}
