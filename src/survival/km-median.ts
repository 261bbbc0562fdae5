// The median survival time as R survival prints it (print.survfit and summary(fit)$table, through
// survmean, survival 3.5): the first time at which S(t) < 0.5 + tol (tol = sqrt(machine epsilon));
// when S equals 0.5 there over a flat stretch that later drops, the midpoint of that time and the
// time of the drop. Applied to the lower confidence limit of S (which falls first) it gives the
// median's lower limit (R's "0.95LCL"), and to the upper limit of S the upper one. NaN (R's NA) when the curve stays above 0.5.
// It differs from kmQuantile(..., 0.5) (quantile.survfit) in one corner only: a curve that ends flat
// at exactly 0.5, where this rule gives the start of the stretch.

/**
 * Median of a survival curve (or the limit of the median from a confidence limit of S).
 * @param time ascending times of the curve
 * @param curve S(t) or a confidence limit of S at those times (NaN = undefined, skipped)
 * @example kmMedian([1, 2, 3, 4], [0.75, 0.5, 0.5, 0.25]) // 3
 */
export function kmMedian(
  time: ArrayLike<number>,
  curve: ArrayLike<number>,
  { tol = Math.sqrt(Number.EPSILON) }: { tol?: number } = {},
): number {
  let firstAt = -1;
  for (let i = 0; i < curve.length; i++) {
    const y = curve[i];
    if (Number.isNaN(y) || !(y < 0.5 + tol)) continue;
    if (firstAt < 0) {
      firstAt = i;
      if (!(Math.abs(y - 0.5) < tol)) return time[i];
    } else if (y < curve[firstAt]) {
      return (time[firstAt] + time[i]) / 2;
    }
  }
  return firstAt < 0 ? NaN : time[firstAt];
}
