// Confidence intervals for a proportion x / n. The Wilson score interval (Wilson 1927): the set of
// p for which the score test of H0: p does not reject at level 1 - level,
//   (p^ + z^2/2n -/+ z sqrt(p^(1 - p^)/n + z^2/4n^2)) / (1 + z^2/n),  z = Phi^-1(1 - (1 - level)/2),
// which stays inside [0, 1], is not degenerate at x = 0 or x = n, and covers close to its nominal
// level for small n (Brown, Cai & DasGupta 2001). It is the interval Public Health England's
// Fingertips uses for proportions, and R's prop.test(x, n, correct = FALSE) gives the same bounds.
import { normalQuantile } from './special.js';

export interface ProportionInterval {
  /** x / n (NaN when n = 0). */
  estimate: number;
  lower: number;
  upper: number;
}

/**
 * Wilson score interval of a proportion.
 * @param x successes, 0 <= x <= n
 * @param n trials (0 gives NaN bounds)
 * @param level confidence level in (0, 1); default 0.95
 * @example wilson(20, 100) // {estimate: 0.2, lower: 0.1333669, upper: 0.2888292}
 */
export function wilson(x: number, n: number, { level = 0.95 }: { level?: number } = {}): ProportionInterval {
  if (!(n >= 0) || !Number.isFinite(n))
    throw new Error(`wilson: invalid n; expected a finite number >= 0, got ${n}`);
  if (!(x >= 0 && x <= n))
    throw new Error(`wilson: invalid x; expected a number from 0 to n = ${n}, got ${x}`);
  if (!(level > 0 && level < 1))
    throw new Error(`wilson: invalid level; expected a number between 0 and 1, got ${level}`);
  if (n === 0) return { estimate: NaN, lower: NaN, upper: NaN };
  const z = normalQuantile(1 - (1 - level) / 2);
  const z2 = z * z;
  const p = x / n;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At x = 0 and x = n the bounds are exactly 0 and 1 (rounding would leave 1e-17).
  return {
    estimate: p,
    lower: x === 0 ? 0 : Math.max(0, centre - half),
    upper: x === n ? 1 : Math.min(1, centre + half),
  };
}
