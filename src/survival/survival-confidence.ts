// Pointwise confidence intervals for a survival curve, exactly as R survival's survfit_confint
// (survival 3.5): from S(t) and the standard error of the cumulative hazard -log S(t) (Greenwood's
// formula for Kaplan-Meier; survfit's `std.err`), with z = qnorm(1 - (1 - confLevel) / 2):
// - 'log' (R's default):   S exp(-z se), min(1, S exp(z se)); undefined (NaN) where S = 0.
// - 'log-log' (our default, well behaved near 0 and 1): S^exp(z se / log S) and S^exp(-z se / log S),
//   computed as exp(-exp(log(-log S) -/+ z se / log S)); undefined where S = 0 or S = 1.
// - 'plain': S -/+ z se S, clipped to [0, 1]; undefined where S = 0 (the SE is then infinite).
// Undefined bounds are NaN (R's NA). References: Kalbfleisch & Prentice (2002) section 1.3;
// Klein & Moeschberger (2003) section 4.3.
import { normalQuantile } from '../math/special.js';

export type ConfType = 'log' | 'log-log' | 'plain';

export const CONF_TYPES: readonly ConfType[] = ['log', 'log-log', 'plain'];

/**
 * Lower and upper confidence limits of S(t), elementwise.
 * @param surv survival probabilities in [0, 1]
 * @param stdErrCumHaz standard errors of -log S (Infinity where S = 0)
 * @example survivalConfidence([0.5], [0.2], {confType: 'log'}) // lower [0.3378...], upper [0.7399...]
 */
export function survivalConfidence(
  surv: ArrayLike<number>,
  stdErrCumHaz: ArrayLike<number>,
  { confType = 'log-log', confLevel = 0.95 }: { confType?: ConfType; confLevel?: number } = {},
): { lower: Float64Array; upper: Float64Array } {
  if (!CONF_TYPES.includes(confType)) {
    throw new Error(
      `survivalConfidence: invalid confType; expected 'log', 'log-log' or 'plain', got '${confType}'`,
    );
  }
  if (!(confLevel > 0 && confLevel < 1)) {
    throw new Error(`survivalConfidence: invalid confLevel; expected a number in (0, 1), got ${confLevel}`);
  }
  const z = normalQuantile(1 - (1 - confLevel) / 2);
  const n = surv.length;
  const lower = new Float64Array(n);
  const upper = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = surv[i];
    const se = stdErrCumHaz[i];
    if (confType === 'plain') {
      const w = se * s * z;
      lower[i] = Number.isNaN(w) ? NaN : Math.max(s - w, 0);
      upper[i] = Number.isNaN(w) ? NaN : Math.min(s + w, 1);
    } else if (confType === 'log') {
      const ls = s === 0 ? NaN : Math.log(s);
      lower[i] = Math.exp(ls - z * se);
      upper[i] = Math.min(Math.exp(ls + z * se), 1);
    } else {
      const ls = s === 0 || s === 1 ? NaN : Math.log(s);
      const w = (z * se) / ls;
      const lls = Math.log(-ls);
      lower[i] = Math.exp(-Math.exp(lls - w));
      upper[i] = Math.exp(-Math.exp(lls + w));
    }
  }
  return { lower, upper };
}
