// The rows of the attainment-gap table from the group counts, means and the fitted regression:
// raw gaps, adjusted gaps as linear contrasts of the coefficients, and small-number suppression.
//
// Contract
// - groups 0..K: the K demand categories then "uncategorised"; `notKnown` the comparison pupils.
//   counts/sums per group over the rows of the analysis (the model's rows, so raw and adjusted gaps
//   describe the same pupils).
// - coef(g): index of group g's indicator among the model terms (-1: absent, e.g. no pupils), with
//   not-known pupils the regression's reference level, so b_g is the adjusted gap to them.
// - Adjusted gap of a row = c'b for a contrast c; its variance c'Vc with V the model's (robust)
//   covariance; 95% interval c'b +- t(0.975, df) se; p two-sided Student t on df. Against the
//   not-known pupils: a category is b_g; "all children in need" is sum_g (n_g / n_cin) b_g, the
//   average adjusted gap of the children in need; "all pupils" sum_g (n_g / N) b_g. Against all
//   pupils (comparison 'all') every row subtracts a = sum_g (n_g / N) b_g, the all-pupil average.
// - Suppression (DfE convention): a row of 1..threshold pupils shows no figures ('primary'). Then,
//   so that no hidden count follows from the others by subtraction: if exactly one row under "all
//   children in need" is hidden, the next smallest non-empty one is hidden too ('secondary'); if
//   exactly one of "all children in need" and the comparison group is hidden, so is the other
//   (their sum, all pupils, is shown). Figures of hidden rows are null in the result itself, so the
//   JSON can be passed on; the formal control of published summaries is src/publish/.
import type { TermCountSource } from '../regression/term-counts.js';
import { studentQuantile, studentTwoSidedP } from '../math/special.js';
import type { AttainmentComparison, AttainmentRow, AttainmentRowKind } from './attainment-types.js';

export interface GroupStats {
  labels: string[];
  /** Length K + 2: categories, uncategorised, then not-known. */
  counts: Float64Array;
  sums: Float64Array;
}

export interface FittedModel {
  /** Term names as designMatrix makes them (`group=c3`, `sen=support`, ...). */
  names: string[];
  estimates: (number | null)[];
  vcov: (number | null)[][];
  df: number;
  /** Index of each group's term (length K + 1), -1 when it has none. */
  termOf: Int32Array;
  /** The design matrix's level counts (pupils at each factor level and at 1 and 0 of a 0/1 covariate). */
  counts?: TermCountSource;
}

export const ROW_LABELS = {
  uncategorised: 'Children in need without a categorised assessment',
  allCin: 'All children in need',
  notKnown: 'Pupils not known to children\u2019s social care',
  all: 'All pupils',
} as const;

function contrast(
  c: Float64Array,
  m: FittedModel,
  tCrit: number,
): Pick<AttainmentRow, 'adjustedGap' | 'se' | 'lower' | 'upper' | 'p'> {
  const none = { adjustedGap: null, se: null, lower: null, upper: null, p: null };
  let est = 0;
  let v = 0;
  for (let i = 0; i < c.length; i++) {
    if (c[i] === 0) continue;
    const b = m.estimates[i];
    if (b === null || b === undefined) return none;
    est += c[i]! * b;
    for (let j = 0; j < c.length; j++) {
      if (c[j] === 0) continue;
      const vij = m.vcov[i]![j];
      if (vij === null || vij === undefined) return none;
      v += c[i]! * c[j]! * vij;
    }
  }
  const se = Math.sqrt(Math.max(v, 0));
  if (!Number.isFinite(se) || !(m.df > 0)) return { ...none, adjustedGap: est };
  return {
    adjustedGap: est,
    se,
    lower: est - tCrit * se,
    upper: est + tCrit * se,
    p: se > 0 ? studentTwoSidedP(est / se, m.df) : null,
  };
}

/** The table's rows, in display order: categories, uncategorised, all CIN, comparison, all pupils. */
export function attainmentRows(
  stats: GroupStats,
  model: FittedModel | null,
  comparison: AttainmentComparison,
  threshold: number,
): AttainmentRow[] {
  const K = stats.labels.length;
  const nk = K + 1; // index of not-known in counts/sums
  const sum = (from: number, to: number, a: Float64Array) => {
    let s = 0;
    for (let g = from; g < to; g++) s += a[g]!;
    return s;
  };
  const nCin = sum(0, K + 1, stats.counts);
  const nAll = nCin + stats.counts[nk]!;
  const meanOf = (n: number, s: number) => (n > 0 ? s / n : null);
  const means = {
    cin: meanOf(nCin, sum(0, K + 1, stats.sums)),
    notKnown: meanOf(stats.counts[nk]!, stats.sums[nk]!),
    all: meanOf(nAll, sum(0, K + 2, stats.sums)),
  };
  const refMean = comparison === 'all' ? means.all : means.notKnown;

  const p = model ? model.estimates.length : 0;
  const weights = (denominator: number, from: number, to: number): Float64Array => {
    const c = new Float64Array(p);
    if (!model || denominator <= 0) return c;
    for (let g = from; g < to; g++) {
      const t = model.termOf[g]!;
      if (t >= 0) c[t] = c[t]! + stats.counts[g]! / denominator;
    }
    return c;
  };
  const average = weights(nAll, 0, K + 1); // not-known pupils add 0 (the reference level)
  const tCrit = model && model.df > 0 ? studentQuantile(0.975, model.df) : NaN;

  const make = (
    id: string,
    kind: AttainmentRowKind,
    label: string,
    n: number,
    mean: number | null,
    c: Float64Array | null,
  ): AttainmentRow => {
    const reference =
      (comparison === 'all' && kind === 'all') || (comparison === 'not-known' && kind === 'not-known');
    let gap: Pick<AttainmentRow, 'adjustedGap' | 'se' | 'lower' | 'upper' | 'p'> = {
      adjustedGap: null,
      se: null,
      lower: null,
      upper: null,
      p: null,
    };
    if (!reference && model && c && n > 0) {
      if (comparison === 'all') for (let i = 0; i < p; i++) c[i] = c[i]! - average[i]!;
      gap = contrast(c, model, tCrit);
    }
    return {
      id,
      kind,
      label,
      n,
      mean,
      rawGap: reference || mean === null || refMean === null ? null : mean - refMean,
      ...gap,
      reference,
      suppressed: null,
    };
  };
  const unit = (g: number): Float64Array | null => {
    if (!model || model.termOf[g]! < 0) return null;
    const c = new Float64Array(p);
    c[model.termOf[g]!] = 1;
    return c;
  };

  const rows: AttainmentRow[] = [];
  for (let g = 0; g < K; g++)
    rows.push(
      make(
        `category:${g}`,
        'category',
        stats.labels[g]!,
        stats.counts[g]!,
        meanOf(stats.counts[g]!, stats.sums[g]!),
        unit(g),
      ),
    );
  rows.push(
    make(
      'uncategorised',
      'uncategorised',
      ROW_LABELS.uncategorised,
      stats.counts[K]!,
      meanOf(stats.counts[K]!, stats.sums[K]!),
      unit(K),
    ),
  );
  rows.push(make('all-cin', 'all-cin', ROW_LABELS.allCin, nCin, means.cin, weights(nCin, 0, K + 1)));
  rows.push(
    make(
      'not-known',
      'not-known',
      ROW_LABELS.notKnown,
      stats.counts[nk]!,
      means.notKnown,
      new Float64Array(p),
    ),
  );
  rows.push(make('all', 'all', ROW_LABELS.all, nAll, means.all, weights(nAll, 0, K + 1)));
  suppress(rows, K, threshold);
  return rows;
}

function suppress(rows: AttainmentRow[], K: number, threshold: number): void {
  const small = (r: AttainmentRow) => r.n !== null && r.n >= 1 && r.n <= threshold;
  for (const r of rows) if (small(r)) r.suppressed = 'primary';
  const sub = rows.slice(0, K + 1);
  const allCin = rows[K + 1]!;
  const notKnown = rows[K + 2]!;
  const hiddenSub = sub.filter((r) => r.suppressed);
  if (hiddenSub.length === 1 && !allCin.suppressed) {
    const next = sub
      .filter((r) => !r.suppressed && (r.n ?? 0) > 0)
      .sort((a, b) => (a.n ?? 0) - (b.n ?? 0))[0];
    if (next) next.suppressed = 'secondary';
    else allCin.suppressed = 'secondary';
  }
  if (!!allCin.suppressed !== !!notKnown.suppressed) {
    if (allCin.suppressed) notKnown.suppressed = 'secondary';
    else allCin.suppressed = 'secondary';
  }
  for (const r of rows) {
    if (!r.suppressed) continue;
    Object.assign(r, {
      n: null,
      mean: null,
      rawGap: null,
      adjustedGap: null,
      se: null,
      lower: null,
      upper: null,
      p: null,
    });
  }
}
