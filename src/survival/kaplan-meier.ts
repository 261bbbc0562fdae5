// Kaplan-Meier estimate of a survival function, reproducing R survival's survfit (3.5): the full
// table at every distinct time (event or censoring), Greenwood standard errors, 'log', 'log-log'
// and 'plain' intervals, median and quantiles by R's rules, and S at chosen times. See km-table.ts
// for the formulas and survival-confidence.ts for the intervals.
//
// Contract
// - Inputs: time (finite numbers, any order), event (0 = censored, 1 = event, or booleans).
//   An observation censored at the time of an event is at risk at that time (R's convention).
// - weights: case (frequency) weights, whole numbers > 0, as survfit's `weights=`: every count
//   becomes a sum of weights, and the fit equals the fit on the rows repeated. R switches to a robust
//   (infinitesimal jackknife) variance for fractional weights, which this kit does not compute, so
//   fractional weights are refused rather than given a variance R would not report.
// - start: entry times for counting-process data (R's Surv(start, stop, event)): a row is at risk
//   at t when start < t <= time. Each start must be below its time. The table keeps a row per
//   distinct stop time, as survfit does.
// - timefix (default true, as R): times equal within R's tolerance are merged first (timefix.ts).
// - Cost: O(n) for whole-number times in a modest range, O(n log n) otherwise (one sort).
// - Output: KaplanMeierResult (plain data; typed-array columns).
// References: Kaplan & Meier (1958); Therneau & Grambsch (2000) chapter 2.
import { kmTable, type KaplanMeierOptions, type KaplanMeierResult } from './km-table.js';
import { caseWeights, startTimes, survivalInput } from './survival-input.js';
import { timeRanks } from './time-ranks.js';
import { timefix as fixTimes } from './timefix.js';

export type {
  KaplanMeierOptions,
  KaplanMeierResult,
  KaplanMeierTable,
  SurvivalAt,
  QuantileEstimate,
} from './km-table.js';

/**
 * Kaplan-Meier curve with R survfit's table, intervals (default 'log-log'), median and quantiles.
 * @param time follow-up times (stop times with `start`)
 * @param event 1 where the follow-up ended in the event, 0 where it was censored
 * @example kaplanMeier([3, 1, 3, 2], [1, 1, 0, 0]).table.surv // Float64Array [0.75, 0.75, 0.375]
 */
export function kaplanMeier(
  time: ArrayLike<number>,
  event: ArrayLike<number | boolean>,
  options: KaplanMeierOptions = {},
): KaplanMeierResult {
  const { weights, start, timefix = true } = options;
  const status = survivalInput('kaplanMeier', time, event);
  const n = time.length;
  const w = caseWeights('kaplanMeier', weights, n, true);
  if (start) startTimes('kaplanMeier', start, time);
  const fixed = timefix ? fixTimes(time, start) : { time, start, changed: 0 };
  const { times, rank } = timeRanks(fixed.time);
  const m = times.length;
  const events = new Float64Array(m);
  const censored = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    const wi = w ? w[i] : 1;
    if (status[i] === 1) events[rank[i]] += wi;
    else censored[rank[i]] += wi;
  }
  let risk: Float64Array | undefined;
  if (fixed.start) {
    // At risk at times[r]: rows with stop >= times[r] less rows with start >= times[r].
    const entering = new Float64Array(m + 1);
    const s = fixed.start;
    for (let i = 0; i < n; i++) {
      // Number of distinct times <= start: the row has entered after all of them.
      let lo = 0;
      let hi = m;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (times[mid] <= s[i]) lo = mid + 1;
        else hi = mid;
      }
      entering[lo] += w ? w[i] : 1;
    }
    risk = new Float64Array(m);
    let stops = 0;
    let notYet = 0;
    for (let r = m - 1; r >= 0; r--) {
      stops += events[r] + censored[r];
      notYet += entering[r + 1];
      risk[r] = stops - notYet;
    }
  }
  const result = kmTable(times, events, censored, options, risk);
  result.timefix = { applied: timefix, changed: fixed.changed };
  return result;
}
