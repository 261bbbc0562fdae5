// Quantiles of a Kaplan-Meier curve by R survival's rule (quantile.survfit, survival 3.5): the
// p-quantile is the first time at which 1 - S(t) reaches p, except where 1 - S(t) equals p (within
// tol = sqrt(machine epsilon)) over a flat stretch: then it is the midpoint of that stretch, from
// the time the curve reaches p to the time it next drops (or to the last observed time when the
// curve never drops again). Applied to a confidence limit of S it gives the limits of the quantile:
// the lower limit comes from the lower curve of S, the upper limit from the upper curve.
// Undefined points of a curve (NaN: a log-log limit where S is 0 or 1) are skipped, as R's approx
// skips NA. Returns NaN (R's NA) when the curve never reaches p.
//
// R (findq) drops duplicated values of y = 1 - curve, then finds, through approx(y +- tol, 1:n, p,
// method = "constant", f = 1), the point whose y +- tol is the smallest at or above p. A curve of S
// and most limits never rise, so y never falls: duplicates are then neighbours among the defined
// points and the smallest y at or above p is the first one. One pass over the curve finds both
// indices and the last point for every p, without the set of every value R's duplicated() builds
// (which cost seconds on a million-row curve). A limit that rises somewhere (a plain interval can)
// takes the general route: duplicates by value anywhere, and the smallest y at or above p.

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
  const xmax = m > 0 ? time[m - 1] : start;
  // The origin (x = start, y = 0) comes first, as R prepends it.
  let ymax = 0;
  let prev = 0; // the last defined y kept
  let seenNaN = false;
  let lastKept = 0; // y of the last point kept (NaN when that was an undefined point)
  let x1 = p <= tol ? start : NaN; // first kept defined point with y + tol >= p
  let x2 = p <= -tol ? start : NaN; // ... with y - tol >= p
  for (let i = 0; i < m; i++) {
    const y = 1 - curve[i];
    if (Number.isNaN(y)) {
      if (!seenNaN) lastKept = NaN;
      seenNaN = true;
      continue;
    }
    if (y < prev) return quantileGeneral(time, curve, p, start, tol);
    if (y > ymax) ymax = y;
    if (y === prev) continue;
    prev = y;
    lastKept = y;
    if (Number.isNaN(x1) && y + tol >= p) x1 = time[i];
    if (Number.isNaN(x2) && y - tol >= p) x2 = time[i];
  }
  if (ymax < p) return NaN;
  if (p === 0) return start;
  // approx's rule 1: p outside [min, max] of y +- tol is NA; the minimum is the origin's 0.
  if (p < tol) x1 = NaN;
  if (p < -tol || p > ymax - tol) x2 = NaN;
  if (p > ymax + tol) x1 = NaN;
  if (!Number.isNaN(lastKept) && Math.abs(p - lastKept) < tol) return (x1 + xmax) / 2;
  return (x1 + x2) / 2;
}

function quantileGeneral(
  time: ArrayLike<number>,
  curve: ArrayLike<number>,
  p: number,
  start: number,
  tol: number,
): number {
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
  const smallestAtOrAbove = (shift: number): number => {
    let lo = Infinity;
    let hi = -Infinity;
    let found = -1;
    for (let k = 0; k < ys.length; k++) {
      const v = ys[k] + shift;
      if (Number.isNaN(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
      if (v >= p && (found < 0 || v < ys[found] + shift)) found = k;
    }
    return p < lo || p > hi ? -1 : found;
  };
  const i1 = smallestAtOrAbove(tol);
  const i2 = smallestAtOrAbove(-tol);
  const last = ys[ys.length - 1];
  if (!Number.isNaN(last) && Math.abs(p - last) < tol) return i1 < 0 ? NaN : (xs[i1] + xmax) / 2;
  return i1 < 0 || i2 < 0 ? NaN : (xs[i1] + xs[i2]) / 2;
}
