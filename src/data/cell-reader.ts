// Reading one cell of a record into its column, and wording its problem. Contract:
// - `cell(c, b, s, e, k)` reads b[s, e) (already trimmed and unquoted) by column c's type into row k
//   and returns a problem code, or null when fine; it logs nothing (the general path logs through
//   `problem`, naming file, line, column, value and what was expected; the fast path gives the
//   record back instead);
// - with `add` false a value its dictionary (or the factor registry) lacks is NEW: nothing is added,
//   so a record the fast path gives back leaves the dictionaries as they were.
// Types (columns.ts): dates from bytes (dates.ts), numbers and flags (number-bytes.ts), categories and
// closure reasons (byte-dictionary.ts), ids (id-dictionary.ts), SEN words, key stages, factor lists.
import type { PlannedColumn } from './columns.js';
import { ColumnStore, DATE, CAT, CLOSURE, SEN, NUM, INT, FLAG, WIDE, STAGE, ID } from './column-store.js';
import { INVALID_DAY, parseDateBytes } from './dates.js';
import { isNaBytes, parseNumberBytes, readFlagBytes } from './number-bytes.js';
import { EXPECTED, type ProblemLog } from './validate.js';
import type { ProblemCode } from './types.js';
import type { ColumnPlan } from './columns.js';
import type { FieldDecoder } from './csv-decode.js';

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
  'invalid-character': 'holds a zero byte (shown as \\0), which no text has',
};
/** A cell with a value its dictionary lacks, met by the fast path (which adds nothing). */
export const NEW = 'new-value';
export type CellResult = ProblemCode | typeof NEW | null;

/** The cell reader over the column store (see file comment). */
export class CellReader extends ColumnStore {
  protected scratch = new Uint8Array(1024);
  private folded = new Uint8Array(64);
  /**
   * Per column, each canonical SEN word's level once its dictionary has it: looking the word up by
   * string encodes it to bytes every time (seconds over millions of pupil rows).
   */
  private senLevel: Map<string, number>[] = [];

  constructor(
    plan: ColumnPlan,
    decoder: FieldDecoder,
    protected readonly log: ProblemLog,
    monthFirst = false,
  ) {
    super(plan, decoder, monthFirst);
  }

  protected ragged(nf: number, line: number): void {
    const h = this.plan.headers.length;
    const what = `has ${nf} field${nf === 1 ? '' : 's'} where the header has ${h}`;
    this.log.add(line, '', '', 'ragged-row', what, `${h} fields`);
    this.log.exclude('ragged-row');
  }

  /**
   * Read one cell into row k of column c; returns a problem code (not logged: the caller logs it, or
   * the fast path hands the record to the general path), or null when fine.
   */
  protected cell(c: number, b: Uint8Array, s: number, e: number, k: number, add = true): CellResult {
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
        const known = (this.senLevel[c] ??= new Map());
        let level = known.get(value);
        if (level === undefined) {
          level = this.dicts[c]!.lookupString(value, add);
          if (level < 0) return NEW;
          known.set(value, level);
        }
        this.ints[c]![k] = level;
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

  protected problem(c: number, b: Uint8Array, s: number, e: number, line: number, code: ProblemCode): void {
    const kind = this.kinds[c]!;
    const what =
      code === 'invalid-value'
        ? kind === SEN
          ? 'is not a special educational needs status'
          : 'is not a key stage'
        : WHAT[code]!;
    const col = this.cols[c]!;
    let value = this.log.listing ? this.decoder.text(b, s, e) : '';
    if (code === 'invalid-character') value = value.replaceAll('\0', '\\0');
    const expected =
      code === 'invalid-character'
        ? `${EXPECTED_BY_KIND[kind]!(col)}, without zero bytes (a file saved as UTF-16 has them: save it as UTF-8)`
        : EXPECTED_BY_KIND[kind]!(col);
    this.log.add(
      line,
      col.header,
      value,
      code,
      what,
      code === 'missing-value' ? `${expected} (required)` : expected,
    );
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
