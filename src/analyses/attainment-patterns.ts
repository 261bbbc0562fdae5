// The pupils of an attainment fit gathered by covariate pattern: pupils alike in every term of the
// model (group, fsm, prior attainment, SEN, gender, ethnicity, IDACI decile, year) share one design
// row, so the OLS fit with HC1 needs of them only their count, the mean of the outcome and the sum
// of squared deviations from that mean. Each pattern becomes one record with frequency weight m,
// y its mean and `within` its sum of squares (ols.ts): the coefficients, R^2, residual variance and
// the HC1 meat (sum over pupils of e_i^2 x_i x_i' = sum over patterns of x x' (m (mean - fit)^2 +
// within)) are those of the pupils written out.
//
// Why: at national scale the fit's cost is a rotation per row (O(p^2), p about 40) twice over (the
// QR and the robust pass); 600,000 Key Stage 4 pupils fall into about 80,000 patterns because prior
// attainment takes few distinct values (KS2 scaled scores averaged). The records are fitted when
// they are at most 80% of the pupils (gathering costs about a tenth of a pupil's rotations, measured
// at 1M), the pupils otherwise (a truly continuous covariate). The patterns do not depend on the
// outcome: the tables of one key stage over the same pupils (Attainment 8 and the four school
// outcomes) share one index, and only the means and sums of squares are taken per outcome.
//
// Contract: patternIndex(rows, group, columns): rows the kept pupil rows (indices into the
// columns), group their groups, columns the model's terms as per-row numbers or codes (NaN never:
// rows are complete cases). Returns per row its pattern, and per pattern a pupil row standing for
// it (rep, whose covariates the design reads), its group and count; or null when the patterns
// would be over 80% of the rows. patternMoments(index, rows, y): per pattern the outcome's mean and
// the sum of squared deviations about it, taken in two passes (not as sum(y^2) - n mean^2, which
// cancels).
import type { Categorical } from '../data/types.js';

export interface PatternIndex {
  /** Per kept row, its pattern. */
  patternOf: Int32Array;
  /** Per pattern: a pupil row standing for it, its group and its count of pupils. */
  rep: Int32Array;
  group: Int32Array;
  count: Float64Array;
}

export interface PatternMoments {
  mean: Float64Array;
  within: Float64Array;
}

type Column = ArrayLike<number> | Categorical | undefined;

/** The patterns of the kept rows (see the file's contract), or null when they would not pay. */
export function patternIndex(
  rows: Int32Array,
  group: Int32Array,
  columns: readonly Column[],
): PatternIndex | null {
  const n = rows.length;
  if (n < 64) return null;
  // Each column's values as codes 0..radix-1, folded at once into a mixed-radix key per row (the
  // first column the least significant): one Float64Array of keys, not one array of codes per
  // column (eight of them, 70 MB over the 2 million pupils of a national key stage). A factor's
  // codes are its own; small whole numbers (0/1 flags, deciles, years) index a table; other values
  // (prior attainment) are numbered in order of appearance. Plain loops: a Map per value and a
  // closure per row cost seconds over a national key stage.
  const key = new Float64Array(n);
  let place = 1; // the product of the radices folded so far
  let fits = true; // every key below 2^53, so distinct tuples give distinct keys
  const fold = (radix: number): void => {
    place *= Math.max(1, radix);
    if (place > 2 ** 52) fits = false;
  };
  const numbered = (value: ArrayLike<number>, at: Int32Array | null, offset = 0): void => {
    const SMALL = 4096;
    let small = true;
    for (let r = 0; r < n && small; r++) {
      const v = value[at ? at[r]! : r]! - offset;
      small = v === Math.floor(v) && v >= 0 && v < SMALL;
    }
    if (small) {
      const table = new Int32Array(SMALL).fill(-1);
      let size = 0;
      for (let r = 0; r < n; r++) {
        const v = value[at ? at[r]! : r]! - offset;
        let k = table[v]!;
        if (k < 0) table[v] = k = size++;
        key[r]! += k * place;
      }
      fold(size);
      return;
    }
    const seen = new Map<number, number>();
    for (let r = 0; r < n; r++) {
      const v = value[at ? at[r]! : r]!;
      let k = seen.get(v);
      if (k === undefined) seen.set(v, (k = seen.size));
      key[r]! += k * place;
    }
    fold(seen.size);
  };
  // Groups are small codes too, the not-known one negative: shifted to count from 0.
  let least = 0;
  for (let r = 0; r < n; r++) if (group[r]! < least) least = group[r]!;
  numbered(group, null, least);
  for (const col of columns) {
    if (col === undefined || !fits) continue;
    if ('codes' in col) {
      const cc = col.codes;
      for (let r = 0; r < n; r++) key[r]! += cc[rows[r]!]! * place;
      fold(col.levels.length);
    } else numbered(col, rows);
  }
  if (!fits) return null;

  const patternOf = new Int32Array(n);
  const index = new Map<number, number>();
  for (let r = 0; r < n; r++) {
    const k = key[r]!;
    let p = index.get(k);
    if (p === undefined) index.set(k, (p = index.size));
    patternOf[r] = p;
  }
  const P = index.size;
  if (P > n * 0.8) return null;

  const count = new Float64Array(P);
  const rep = new Int32Array(P).fill(-1);
  const repGroup = new Int32Array(P);
  for (let r = 0; r < n; r++) {
    const p = patternOf[r]!;
    count[p]! += 1;
    if (rep[p] === -1) {
      rep[p] = rows[r]!;
      repGroup[p] = group[r]!;
    }
  }
  return { patternOf, rep, group: repGroup, count };
}

/** Per pattern, the outcome's mean and sum of squared deviations about it. */
export function patternMoments(index: PatternIndex, rows: Int32Array, y: ArrayLike<number>): PatternMoments {
  const { patternOf, count } = index;
  const P = count.length;
  const n = rows.length;
  const mean = new Float64Array(P);
  for (let r = 0; r < n; r++) mean[patternOf[r]!]! += y[rows[r]!]!;
  for (let p = 0; p < P; p++) mean[p]! /= count[p]!;
  const within = new Float64Array(P);
  for (let r = 0; r < n; r++) {
    const p = patternOf[r]!;
    const d = y[rows[r]!]! - mean[p]!;
    within[p]! += d * d;
  }
  return { mean, within };
}
