// The model frame and design matrix shared by the regressions (OLS, Cox): named columns in, a dense
// row-major X out, with R's conventions so our coefficients line up with lm / coxph term for term.
//
// Contract
// - columns: a record of column name -> values, each either numbers (ArrayLike<number>, NaN = missing),
//   strings (null, undefined, '', NA, NaN, N/A, NULL and '.' = missing, any case) or a dictionary-encoded LevelCodes (code -1 =
//   missing). All columns used must have the same length.
// - outcomes (numeric, e.g. y, or time and event) and covariates (numeric) must parse as finite
//   numbers; a non-numeric value throws, naming the column and the row.
// - factors: one indicator column per non-reference level, named `column=level` (R: columnlevel),
//   treatment coding (with allLevelsWithoutIntercept and no intercept, the first factor has one
//   per level, as R's ~ 0 + x + f). Levels are those present in the kept rows (as lm's drop.unused.levels), sorted
//   numerically when every level is a number (R's factor() of a numeric column), otherwise as R's
//   sort() in an English locale (src/math/level-order.ts: a, B, c; `ref` fixes the reference when
//   that matters). The reference is the first level unless ref names another.
// - Rows with any missing value among the columns used are dropped (R's na.omit) and counted in
//   `excluded` under `missing_<column>` for the first missing column in the order outcomes,
//   covariates, factors.
// Output: x (n x p, row-major), names (p), rows (indices of kept rows into the input), n, p, assign
// (term index of each column: 0 the intercept, then 1.. for each covariate and factor in order),
// levels (per factor: levels in order and the reference), levelCounts (per factor: the number of kept
// rows at each level, the reference included; what disclosure control needs to withhold a coefficient
// resting on a few records), binaryCounts (per numeric covariate whose kept values are all 0 or 1:
// the rows at 1 and at 0; such a column is an indicator, and its coefficient contrasts those two
// groups as a factor's would), outcomes (kept values), excluded, warnings.
import type { LevelCodes } from '../math/level-codes.js';
import { sortLevels } from '../math/level-order.js';
import type { Warning } from '../warnings.js';
import type { DesignRows } from './design-rows.js';

export type DesignColumn = ArrayLike<number> | readonly (string | null | undefined)[] | LevelCodes;

export interface DesignOptions {
  intercept?: boolean;
  /**
   * Without an intercept, give the first factor a column for every level, as R's lm(y ~ 0 + x + f)
   * does (each level its own intercept; later factors still drop their reference). Defaults to false:
   * coxph codes factors as though there were an intercept, since its baseline hazard is one.
   */
  allLevelsWithoutIntercept?: boolean;
  /** Numeric columns returned over the kept rows (not in X): the response, or time and event. */
  outcomes?: string[];
  covariates?: string[];
  factors?: string[];
  /** Reference levels: `{cyl: '6'}` or `['cyl=6']`. */
  ref?: Record<string, string> | string[];
  /**
   * Whether to build the dense X (default true). When false, `x` is empty and the model is used
   * through `designRows`, which writes each row on demand (what ols() needs: no n x p copy).
   */
  dense?: boolean;
  /**
   * Frequencies: the observations each row stands for, counted in levelCounts, binaryCounts and
   * excluded (default one each). X and the rows are unchanged.
   */
  counts?: ArrayLike<number>;
}

export interface DesignMatrix {
  /** n x p, row-major; empty when built with `dense: false`. */
  x: Float64Array;
  /** The rows of X on demand, whether or not X was built. */
  designRows: DesignRows;
  names: string[];
  rows: Int32Array;
  n: number;
  p: number;
  assign: number[];
  levels: Record<string, { levels: string[]; reference: string }>;
  /** Per factor: kept rows at each level (keys as in `levels`), e.g. `{sen: {none: 40, ehcp: 2}}`. */
  levelCounts: Record<string, Record<string, number>>;
  /** Per 0/1 numeric covariate: kept rows at 1 and at 0, e.g. `{fsm: {ones: 2, zeros: 900}}`. */
  binaryCounts: Record<string, { ones: number; zeros: number }>;
  outcomes: Record<string, Float64Array>;
  excluded: Record<string, number>;
  warnings: Warning[];
}

/**
 * Build the design matrix of `~ covariates + factors` (with an intercept by default).
 * @example designMatrix({y: [1, 2, 3], g: ['b', 'a', 'b']}, {outcomes: ['y'], factors: ['g']})
 * // names ['(Intercept)', 'g=b'], x [1, 1, 1, 0, 1, 1]
 */
export function designMatrix(
  columns: Record<string, DesignColumn | undefined>,
  {
    intercept = true,
    allLevelsWithoutIntercept = false,
    outcomes = [],
    covariates = [],
    factors = [],
    ref = {},
    dense = true,
    counts,
  }: DesignOptions = {},
): DesignMatrix {
  // What each row counts for in the level, binary and excluded counts (rows of aggregates).
  const cw = (i: number): number => (counts ? counts[i]! : 1);
  const refs = parseRef(ref, factors);
  const used = [...outcomes, ...covariates, ...factors];
  if (new Set(used).size !== used.length) {
    throw new Error(`designMatrix: invalid columns; expected each column once, got ${used.join(', ')}`);
  }
  let total = -1;
  for (const name of used) {
    const col = columns[name];
    if (col === undefined) {
      const known = Object.keys(columns).join(', ');
      throw new Error(`designMatrix: invalid column; expected one of ${known}, got '${name}'`);
    }
    const len = isLevelCodes(col) ? col.codes.length : col.length;
    if (total >= 0 && len !== total) {
      throw new Error(`designMatrix: invalid column '${name}'; expected ${total} values, got ${len}`);
    }
    total = len;
  }
  if (total < 0) total = 0;

  const numeric = [...outcomes, ...covariates].map((name) => toNumbers(name, columns[name]!));
  const coded = factors.map((name) => toCodes(columns[name]!));

  // Rows kept: none of the used columns missing; each dropped row counted under its first gap.
  const excluded: Record<string, number> = {};
  const keep = new Int32Array(total);
  let n = 0;
  for (let i = 0; i < total; i++) {
    let gap = -1;
    for (let c = 0; c < numeric.length && gap < 0; c++) if (Number.isNaN(numeric[c]![i])) gap = c;
    for (let c = 0; c < coded.length && gap < 0; c++) if (coded[c]!.codes[i]! < 0) gap = numeric.length + c;
    if (gap < 0) keep[n++] = i;
    else {
      const key = `missing_${used[gap]}`;
      excluded[key] = (excluded[key] ?? 0) + cw(i);
    }
  }
  const rows = keep.slice(0, n);

  // Factor levels over the kept rows, sorted, reference first.
  const warnings: Warning[] = [];
  const levels: DesignMatrix['levels'] = {};
  const levelCounts: DesignMatrix['levelCounts'] = {};
  const dummyOf: Int32Array[] = []; // per factor: code -> dummy index among its columns, -1 = reference
  factors.forEach((name, f) => {
    const { codes, levels: raw } = coded[f]!;
    const seen = new Float64Array(raw.length);
    for (let r = 0; r < n; r++) seen[codes[rows[r]!]!] += cw(rows[r]!);
    const present = raw.filter((_, k) => seen[k]! > 0);
    const sorted = sortLevels(present);
    const wanted = refs[name];
    if (wanted !== undefined && !sorted.includes(wanted)) {
      throw new Error(
        `designMatrix: invalid ref; expected a level of ${name} (${sorted.join(', ')}), got ${name}=${wanted}`,
      );
    }
    const reference = wanted ?? sorted[0] ?? '';
    const ordered = [reference, ...sorted.filter((l) => l !== reference)];
    levels[name] = { levels: ordered, reference };
    // Raw levels may repeat a name (a LevelCodes with duplicate dictionary entries): sum them.
    const counts: Record<string, number> = {};
    for (const l of ordered) counts[l] = 0;
    raw.forEach((l, k) => {
      if (seen[k]! > 0) counts[l] = (counts[l] ?? 0) + seen[k]!;
    });
    levelCounts[name] = counts;
    if (ordered.length < 2 && n > 0) {
      warnings.push({
        code: 'single-level-factor',
        message: `factor ${name} has a single level (${reference}) in the rows used: it adds no term`,
      });
    }
    const full = f === 0 && !intercept && allLevelsWithoutIntercept;
    const map = new Int32Array(raw.length).fill(-1);
    raw.forEach((l, k) => {
      const at = ordered.indexOf(l);
      if (full) map[k] = at;
      else if (at > 0) map[k] = at - 1;
    });
    dummyOf.push(map);
  });

  const names: string[] = [];
  const assign: number[] = [];
  if (intercept) {
    names.push('(Intercept)');
    assign.push(0);
  }
  covariates.forEach((c, k) => {
    names.push(c);
    assign.push(k + 1);
  });
  const factorStart: number[] = [];
  factors.forEach((f, k) => {
    factorStart.push(names.length);
    const full = k === 0 && !intercept && allLevelsWithoutIntercept;
    for (const l of levels[f]!.levels.slice(full ? 0 : 1)) {
      names.push(`${f}=${l}`);
      assign.push(covariates.length + k + 1);
    }
  });
  const p = names.length;

  const c0 = intercept ? 1 : 0;
  const factorCodes = coded.map((c) => c.codes);
  const designRows: DesignRows = {
    n,
    p,
    fill(r, out, o) {
      const i = rows[r]!;
      out.fill(0, o, o + p);
      if (intercept) out[o] = 1;
      for (let c = 0; c < covariates.length; c++) out[o + c0 + c] = numeric[outcomes.length + c]![i]!;
      for (let f = 0; f < factorCodes.length; f++) {
        const d = dummyOf[f]![factorCodes[f]![i]!]!;
        if (d >= 0) out[o + factorStart[f]! + d] = 1;
      }
    },
    fillSparse(r, col, val, at) {
      const i = rows[r]!;
      let k = at;
      if (intercept) {
        col[k] = 0;
        val[k++] = 1;
      }
      for (let c = 0; c < covariates.length; c++) {
        const v = numeric[outcomes.length + c]![i]!;
        if (v !== 0) {
          col[k] = c0 + c;
          val[k++] = v;
        }
      }
      for (let f = 0; f < factorCodes.length; f++) {
        const d = dummyOf[f]![factorCodes[f]![i]!]!;
        if (d >= 0) {
          col[k] = factorStart[f]! + d;
          val[k++] = 1;
        }
      }
      return k;
    },
  };
  const x = new Float64Array(dense ? n * p : 0);
  if (dense) for (let r = 0; r < n; r++) designRows.fill(r, x, r * p);

  const binaryCounts: DesignMatrix['binaryCounts'] = {};
  covariates.forEach((name, c) => {
    const v = numeric[outcomes.length + c]!;
    let ones = 0;
    let zeros = 0;
    for (let r = 0; r < n; r++) {
      const value = v[rows[r]!]!;
      if (value === 1) ones += cw(rows[r]!);
      else if (value === 0) zeros += cw(rows[r]!);
      else return; // not an indicator
    }
    if (n > 0) binaryCounts[name] = { ones, zeros };
  });

  const kept: Record<string, Float64Array> = {};
  outcomes.forEach((name, c) => {
    const v = new Float64Array(n);
    for (let r = 0; r < n; r++) v[r] = numeric[c]![rows[r]!]!;
    kept[name] = v;
  });
  return {
    x,
    designRows,
    names,
    rows,
    n,
    p,
    assign,
    levels,
    levelCounts,
    binaryCounts,
    outcomes: kept,
    excluded,
    warnings,
  };
}

function isLevelCodes(col: DesignColumn): col is LevelCodes {
  return typeof col === 'object' && col !== null && 'codes' in col && 'levels' in col;
}

const isMissingText = (s: string | null | undefined): boolean =>
  s == null || s.trim() === '' || s.trim() === 'NA';

function parseNumber(name: string, s: string, row: number): number {
  const v = Number(s.trim());
  if (!Number.isFinite(v)) {
    throw new Error(
      `designMatrix: invalid value in column '${name}' row ${row + 1}; expected a number, got '${s}'`,
    );
  }
  return v;
}

/** A numeric view (NaN = missing) of any column kind. */
function toNumbers(name: string, col: DesignColumn): ArrayLike<number> {
  if (isLevelCodes(col)) {
    const byLevel = col.levels.map((l, k) =>
      isMissingText(l) ? NaN : parseNumber(name, l, Array.prototype.indexOf.call(col.codes, k)),
    );
    const out = new Float64Array(col.codes.length);
    for (let i = 0; i < out.length; i++) {
      const c = col.codes[i]!;
      out[i] = c < 0 ? NaN : byLevel[c]!;
    }
    return out;
  }
  if (col.length > 0 && typeof col[0] !== 'number') {
    const text = col as readonly (string | null | undefined)[];
    return Float64Array.from(text, (s, i) => (isMissingText(s) ? NaN : parseNumber(name, s!, i)));
  }
  const nums = col as ArrayLike<number>;
  for (let i = 0; i < nums.length; i++) {
    const v = nums[i]!;
    if (!Number.isNaN(v) && !Number.isFinite(v)) {
      throw new Error(
        `designMatrix: invalid value in column '${name}' row ${i + 1}; expected a finite number, got ${v}`,
      );
    }
  }
  return nums;
}

/** Dictionary codes (-1 = missing) of any column kind; numbers become levels written as String(v). */
function toCodes(col: DesignColumn): LevelCodes {
  if (isLevelCodes(col)) {
    // Blank or NA levels count as missing, as in a CSV the reader did not clean.
    const blank = col.levels.map(isMissingText);
    if (!blank.some(Boolean)) return col;
    const codes = new Int32Array(col.codes.length);
    for (let i = 0; i < codes.length; i++) {
      const c = col.codes[i]!;
      codes[i] = c < 0 || blank[c] ? -1 : c;
    }
    return { codes, levels: col.levels };
  }
  if (col.length === 0 || typeof col[0] === 'number') return numberCodes(col as ArrayLike<number>);
  const index = new Map<string, number>();
  const levels: string[] = [];
  const codes = new Int32Array(col.length);
  for (let i = 0; i < col.length; i++) {
    const v = col[i];
    let key: string | null;
    if (typeof v === 'number') key = Number.isNaN(v) ? null : String(v);
    else key = isMissingText(v as string | null | undefined) ? null : (v as string).trim();
    if (key === null) {
      codes[i] = -1;
      continue;
    }
    let k = index.get(key);
    if (k === undefined) {
      k = levels.length;
      index.set(key, k);
      levels.push(key);
    }
    codes[i] = k;
  }
  return { codes, levels };
}

/**
 * Codes of a numeric column used as a factor (an IMD decile, a year): each distinct value becomes
 * a level written as String(v), as the text path writes it, but the lookup is by number and the
 * string is made once per level, not once per row (a national file has millions of rows and ten
 * deciles). 0 and -0 are one level, as String writes both as '0'.
 */
function numberCodes(col: ArrayLike<number>): LevelCodes {
  const index = new Map<number, number>();
  const levels: string[] = [];
  const codes = new Int32Array(col.length);
  for (let i = 0; i < col.length; i++) {
    const v = col[i]!;
    if (Number.isNaN(v)) {
      codes[i] = -1;
      continue;
    }
    let k = index.get(v);
    if (k === undefined) {
      k = levels.length;
      index.set(v, k);
      levels.push(String(v));
    }
    codes[i] = k;
  }
  return { codes, levels };
}

function parseRef(ref: Record<string, string> | string[], factors: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  const entries = Array.isArray(ref)
    ? ref.map((s) => {
        const eq = s.indexOf('=');
        if (eq <= 0) throw new Error(`designMatrix: invalid ref; expected column=level, got '${s}'`);
        return [s.slice(0, eq).trim(), s.slice(eq + 1).trim()] as const;
      })
    : Object.entries(ref);
  for (const [column, level] of entries) {
    if (!factors.includes(column)) {
      throw new Error(
        `designMatrix: invalid ref; expected a factor (${factors.join(', ') || 'none given'}), got '${column}'`,
      );
    }
    out[column] = level;
  }
  return out;
}
