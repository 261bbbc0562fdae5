// Quantiles of a Kaplan-Meier curve by R survival's rule (quantile.survfit, survival 3.5): the
// p-quantile is the first time at which 1 - S(t) reaches p, except where 1 - S(t) equals p (within
// tol = sqrt(machine epsilon)) over a flat stretch: then it is the midpoint of that stretch, from
// the time the curve reaches p to the time it next drops (or to the last observed time when the
// curve never drops again). Applied to a confidence limit of S it gives the limits of the quantile:
// the lower limit comes from the lower curve of S, the upper limit from the upper curve.
// Undefined points of a curve (NaN: a log-log limit where S is 0 or 1) are skipped, as R's approx
// skips NA. Returns NaN (R's NA) when the curve never reaches p.

/**
 * The p-quantile of the survival time from a step curve.
 * @param time the curve's times, ascending (every distinct time of the survfit table)
 * @param curve S(t), or one of its confidence limits, at those times
 * @param p the probability, in [0, 1] (0.5 for the median)
 * @param start the curve's origin (0, where S = 1)
 * @example kmQuantile([1, 2, 3, 4], [0.75, 0.5, 0.5, 0.25], 0.5) // 3 (midpoint of 2 and 4)
 */
export function kmQuantile(
  time: ArrayLike<number>,
  curve: ArrayLike<number>,
  p: number,
  { start = 0, tol = Math.sqrt(Number.EPSILON) }: { start?: number; tol?: number } = {},
): number {
  if (!(p >= 0 && p <= 1)) throw new Error(`kmQuantile: invalid p; expected a number in [0, 1], got ${p}`);
  const m = time.length;
  // x, y as R builds them: the origin first, then 1 - curve; duplicated y values dropped (the first kept).
  const xs: number[] = [start];
  const ys: number[] = [0];
  const seen = new Set<number>([0]);
  let ymax = 0;
  for (let i = 0; i < m; i++) {
    const y = 1 - curve[i];
    if (y > ymax) ymax = y;
    if (seen.has(y)) continue;
    seen.add(y);
    xs.push(time[i]);
    ys.push(y);
  }
  if (ymax < p) return NaN;
  if (p === 0) return xs[0];
  const xmax = m > 0 ? time[m - 1] : start;
  const first = (shift: number): number => {
    // R: approx(y + shift, 1:n, p, method = "constant", f = 1) over the defined points.
    let lo = Infinity;
    let hi = -Infinity;
    let found = -1;
    for (let k = 0; k < ys.length; k++) {
      const v = ys[k] + shift;
      if (Number.isNaN(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
      if (found < 0 && v >= p) found = k;
    }
    return p < lo || p > hi ? -1 : found;
  };
  const i1 = first(tol);
  const i2 = first(-tol);
  const last = ys[ys.length - 1];
  if (!Number.isNaN(last) && Math.abs(p - last) < tol) return i1 < 0 ? NaN : (xs[i1] + xmax) / 2;
  return i1 < 0 || i2 < 0 ? NaN : (xs[i1] + xs[i2]) / 2;
}
