// The columns of a load as they grow: one typed array per planned column, the factor bitset, the
// dictionaries, and the room for the next row. Contract:
// - a column's type is a small integer (DATE ... ID below) and each store is of one array type, so
//   the readers' hot loops stay monomorphic;
// - the slot of the row being read (n) holds the empty values (MISSING_DAY for dates, -1 for
//   codes, NaN, factor words 0) once opened (`openSlot`), so a reader stores nothing for an empty
//   cell; a row not kept is cleared back (`clearSlot`). Slots are cleared as they are opened, not
//   filled ahead: columns sized for millions of rows are then not written (and, being fresh memory,
//   not even paged in) before their rows arrive, which at national scale cost a second per load in
//   page faults, and a generous estimate costs nothing;
// - `reserve` sizes everything from an estimate of the rows (load.ts: once early, and again from
//   the rows per byte of the latest chunk when a file's rows shorten), so a national file is not
//   copied at each doubling; past it, growth is by a quarter;
// - `finish` turns id positions into levels (id-dictionary.ts) and hands the raw columns to
//   assemble.ts. The readers are cell-reader.ts and table-builder.ts.
import { ByteDictionary } from './byte-dictionary.js';
import type { ColumnPlan, PlannedColumn } from './columns.js';
import type { FieldDecoder } from './csv-decode.js';
import { FactorRegistry } from './factor-bits.js';
import { IdDictionary } from './id-dictionary.js';
import { MISSING_DAY } from './types.js';
import { DATE_SLOTS } from './validate.js';

/** Everything the builder collected, for assemble.ts. */
export interface BuiltColumns {
  plan: ColumnPlan;
  n: number;
  line: Int32Array;
  /** Per planned column (same order as plan.columns): the store, or null for wide factor columns. */
  stores: (Int32Array | Float64Array | Float32Array | null)[];
  /** Per planned column: the levels of a dictionary-encoded column, else null. */
  dictionaries: ({ readonly levels: string[] } | null)[];
  factorBits: Uint32Array;
  factorWords: number;
  factorCodes: string[];
  rowsRead: number;
  blankRows: number;
}

// prettier-ignore
export const DATE = 0, CAT = 1, CLOSURE = 2, SEN = 3, NUM = 4, INT = 5, FLAG = 6, WIDE = 7, STAGE = 8, FACTORS = 9, ID = 10, SKIP = -1;
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
/**
 * Whether a number column is stored in 4 bytes, not 8: flags (0/1), key stages (2/4) and integers
 * bounded within ±2^24 (deciles, years), every value of which a Float32Array holds exactly, NaN
 * included, so readers see the same numbers. A national pupils file has seven such columns: 130 MB
 * less at 4.5 million rows. Other numbers (scores, ages) may have decimals and stay Float64Array.
 */
function narrowKind(kind: number, spec: { min?: number; max?: number }): boolean {
  if (kind === FLAG || kind === STAGE) return true;
  const limit = 2 ** 24;
  return (
    kind === INT &&
    spec.min !== undefined &&
    spec.max !== undefined &&
    spec.min >= -limit &&
    spec.max <= limit
  );
}

const NO_INTS = new Int32Array(0);
const NO_FLOATS = new Float64Array(0);

/** Storage of the rows read so far (see file comment). */
export class ColumnStore {
  n = 0;
  rowsRead = 0;
  blankRows = 0;
  protected capacity = 1 << 14;
  protected line: Int32Array = new Int32Array(this.capacity);
  protected readonly cols: PlannedColumn[];
  protected readonly nHeaders: number;
  protected readonly required: Uint8Array;
  protected readonly kinds: Int8Array;
  /** 1 where a number column is stored as Float32Array (narrowKind). */
  protected readonly narrow: Uint8Array;
  protected readonly index: Int32Array;
  /** Per header field: its planned column, or -1 when unused. */
  protected readonly colOf: Int32Array;
  protected readonly slot: Int32Array;
  protected readonly wideBit: Int32Array;
  /**
   * Int columns hold `empty[c]` (MISSING_DAY, or -1 for codes), float columns NaN, and factor words 0
   * at the opened slot (openSlot): an empty cell costs the fast path no store. A row not kept is
   * cleared back (clearSlot).
   */
  protected readonly empty: Int32Array;
  protected ints: Int32Array[];
  /** Numbers: Float32Array for flags, key stages and bounded integers (see `narrow`), else Float64Array. */
  protected floats: (Float64Array | Float32Array)[];
  protected readonly dicts: (ByteDictionary | null)[];
  protected readonly ids: (IdDictionary | null)[];
  protected readonly idColumns: IdDictionary[];
  protected readonly idMarks: Int32Array;
  protected readonly factors: FactorRegistry | null;
  protected words: number;
  /** Int32 words (bit 31 set stays a small integer); handed on as a Uint32Array view. */
  protected bits: Int32Array;
  /** The row's dates by DATE_SLOTS position, for the cross-field rules. */
  protected readonly rowDates = new Int32Array(DATE_SLOTS.length);
  protected readonly slotHeaders: string[];
  protected readonly setBit = (j: number): void => {
    if (j >= this.words * 32) this.widen(j);
    this.bits[this.n * this.words + (j >> 5)]! |= 1 << (j & 31);
  };

  constructor(
    readonly plan: ColumnPlan,
    protected readonly decoder: FieldDecoder,
    protected readonly monthFirst = false,
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
      kinds[c]! <= SEN || kinds[c] === ID ? new Int32Array(this.capacity) : NO_INTS,
    );
    this.narrow = Uint8Array.from(cols, (c, j) => (narrowKind(kinds[j]!, c.spec) ? 1 : 0));
    this.floats = cols.map((_, c) =>
      kinds[c]! >= NUM && kinds[c] !== WIDE && kinds[c] !== FACTORS && kinds[c] !== ID
        ? this.narrow[c]
          ? new Float32Array(this.capacity)
          : new Float64Array(this.capacity)
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

  /** Slots below this one have been opened (hold empty values or a row); those above are raw. */
  private opened = 0;

  /** The slot of the next row, the columns grown if full, set to empty values (see `empty`). */
  protected openSlot(): number {
    if (this.n === this.capacity) this.grow();
    const k = this.n;
    if (k >= this.opened) {
      this.clearSlot(k);
      this.opened = k + 1;
    }
    return k;
  }

  /** Row k back to empty values in every column (see `empty`). */
  protected clearSlot(k: number): void {
    for (let c = 0; c < this.ints.length; c++) {
      if (this.ints[c]!.length) this.ints[c]![k] = this.empty[c]!;
      if (this.floats[c]!.length) this.floats[c]![k] = NaN;
    }
    const W = this.words;
    for (let w = 0; w < W; w++) this.bits[k * W + w] = 0;
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

  /**
   * Columns grown in SharedArrayBuffers (LoadOptions.sharedMemory): the CLI's worker thread then
   * reads the load's columns without a copy of them being made for it.
   */
  shared = false;

  private ints32(n: number): Int32Array {
    return this.shared ? new Int32Array(new SharedArrayBuffer(4 * n)) : new Int32Array(n);
  }

  private floats64(n: number): Float64Array {
    return this.shared ? new Float64Array(new SharedArrayBuffer(8 * n)) : new Float64Array(n);
  }

  private floats32(n: number): Float32Array {
    return this.shared ? new Float32Array(new SharedArrayBuffer(4 * n)) : new Float32Array(n);
  }

  /** Rows the columns hold before they must grow. */
  get room(): number {
    return this.capacity;
  }

  protected grow(): void {
    // Past an estimate, grow by a quarter rather than double: the estimate is usually close.
    this.resize(Math.ceil(this.capacity * (this.reserved ? 1.25 : 2)));
  }

  private resize(cap: number): void {
    const n = this.n;
    const line = this.ints32(cap);
    line.set(this.line.subarray(0, Math.min(this.line.length, cap)));
    this.line = line;
    // Rows below n only: the new slots are opened (cleared) as rows arrive.
    this.ints = this.ints.map((x) => {
      if (!x.length) return x;
      const out = this.ints32(cap);
      out.set(x.subarray(0, n));
      return out;
    });
    this.floats = this.floats.map((x) => {
      if (!x.length) return x;
      const out = x instanceof Float32Array ? this.floats32(cap) : this.floats64(cap);
      out.set(x.subarray(0, n));
      return out;
    });
    const bits = this.ints32(cap * this.words);
    bits.set(this.bits.subarray(0, this.n * this.words));
    this.bits = bits;
    this.capacity = cap;
    this.opened = Math.min(this.opened, n);
  }

  /** More codes than the words per row hold: re-stride the bitset. */
  protected widen(j: number): void {
    const words = Math.ceil((j + 1) / 32) + 1;
    const bits = this.ints32(this.capacity * words);
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
