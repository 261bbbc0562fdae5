// The pupils of an attainment fit gathered by covariate pattern: pupils alike in every term of the
// model (group, fsm, prior attainment, SEN, gender, ethnicity, IDACI decile, year) share one design
// row, so the OLS fit with HC1 needs of them only their count, the sum of the outcome and the sum of
// squared deviations from their mean. Each pattern becomes at most two records with frequency
// weights, at mean - s and mean + s (s the pattern's standard deviation, m / 2 pupils each; one
// record at the mean when m = 1 or s = 0): they have the pattern's count, sum and sum of squares, so
// the coefficients, R^2, residual variance and the HC1 meat (sum over pupils of e_i^2 x_i x_i') are
// those of the pupils written out. The same representation as a SQL engine's aggregates
// (src/sql/aggregate-attainment.ts), here from rows.
//
// Why: at national scale the fit's cost is a rotation per row (O(p^2), p about 40) twice over (the
// QR and the robust pass); 600,000 Key Stage 4 pupils fall into about 80,000 patterns because prior
// attainment takes few distinct values (KS2 scaled scores averaged). The records are fitted when
// they are at most 80% of the pupils (gathering costs about a tenth of a pupil's rotations, measured
// at 1M), the pupils otherwise (a truly continuous covariate).
//
// Contract: rows the kept pupil rows (indices into the columns), group their groups; columns the
// model's terms as per-row numbers or codes (NaN never: rows are complete cases); y the outcome.
// Returns the records: rep (a pupil row standing for the pattern, whose covariates the design reads),
// group, y and weight; or null when they would be over 80% of the rows. Sums of squares are
// taken about each pattern's mean (two passes), not as sum(y^2) - n mean^2, which cancels.
import type { Categorical } from '../data/types.js';

export interface PatternRecords {
  rep: Int32Array;
  group: Int32Array;
  y: Float64Array;
  weight: Float64Array;
}

type Column = ArrayLike<number> | Categorical | undefined;

/** The records of the patterns (see the file's contract), or null when they would not pay. */
export function attainmentPatterns(
  rows: Int32Array,
  group: Int32Array,
  y: ArrayLike<number>,
  columns: readonly Column[],
): PatternRecords | null {
  const n = rows.length;
  if (n < 64) return null;
  // Each column's values coded 0..levels-1 in order of appearance, then a mixed-radix key per row.
  const codes: Int32Array[] = [];
  const radix: number[] = [];
  const addCodes = (values: (r: number) => number) => {
    const seen = new Map<number, number>();
    const c = new Int32Array(n);
    for (let r = 0; r < n; r++) {
      const v = values(r);
      let k = seen.get(v);
      if (k === undefined) seen.set(v, (k = seen.size));
      c[r] = k;
    }
    codes.push(c);
    radix.push(seen.size);
  };
  addCodes((r) => group[r]!);
  for (const col of columns) {
    if (col === undefined) continue;
    if ('codes' in col) {
      const cc = col.codes;
      addCodes((r) => cc[rows[r]!]!);
    } else addCodes((r) => col[rows[r]!]!);
  }
  let span = 1;
  for (const k of radix) span *= k;
  if (span > 2 ** 52) return null;

  const patternOf = new Int32Array(n);
  const index = new Map<number, number>();
  for (let r = 0; r < n; r++) {
    let key = 0;
    for (let c = 0; c < codes.length; c++) key = key * radix[c]! + codes[c]![r]!;
    let p = index.get(key);
    if (p === undefined) index.set(key, (p = index.size));
    patternOf[r] = p;
  }
  const P = index.size;
  if (P > n * 0.8) return null;

  const count = new Float64Array(P);
  const sum = new Float64Array(P);
  const rep = new Int32Array(P).fill(-1);
  const repGroup = new Int32Array(P);
  for (let r = 0; r < n; r++) {
    const p = patternOf[r]!;
    count[p]! += 1;
    sum[p]! += y[rows[r]!]!;
    if (rep[p] === -1) {
      rep[p] = rows[r]!;
      repGroup[p] = group[r]!;
    }
  }
  const mean = new Float64Array(P);
  for (let p = 0; p < P; p++) mean[p] = sum[p]! / count[p]!;
  const ss = new Float64Array(P);
  for (let r = 0; r < n; r++) {
    const p = patternOf[r]!;
    const d = y[rows[r]!]! - mean[p]!;
    ss[p]! += d * d;
  }

  let records = 0;
  for (let p = 0; p < P; p++) records += count[p]! > 1 && ss[p]! > 0 ? 2 : 1;
  if (records > n * 0.8) return null;
  const out: PatternRecords = {
    rep: new Int32Array(records),
    group: new Int32Array(records),
    y: new Float64Array(records),
    weight: new Float64Array(records),
  };
  let o = 0;
  const put = (p: number, v: number, w: number) => {
    out.rep[o] = rep[p]!;
    out.group[o] = repGroup[p]!;
    out.y[o] = v;
    out.weight[o++] = w;
  };
  for (let p = 0; p < P; p++) {
    const m = count[p]!;
    if (m > 1 && ss[p]! > 0) {
      const s = Math.sqrt(ss[p]! / m);
      put(p, mean[p]! - s, m / 2);
      put(p, mean[p]! + s, m / 2);
    } else put(p, mean[p]!, m);
  }
  return out;
}
