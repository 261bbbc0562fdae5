// Kaplan-Meier estimate of a survival function, reproducing R survival's survfit (3.5) for
// right-censored data: the full table at every distinct time (event or censoring), Greenwood
// standard errors, 'log', 'log-log' and 'plain' intervals, median and quantiles by R's rules,
// and S at chosen times. See km-table.ts for the formulas and survival-confidence.ts for the
// intervals.
//
// Contract
// - Inputs: time (finite numbers, any order), event (0 = censored, 1 = event, or booleans).
//   An observation censored at the time of an event is at risk at that time (R's convention).
// - Cost: O(n) for whole-number times in a modest range, O(n log n) otherwise (one sort).
// - Output: KaplanMeierResult (plain data; typed-array columns).
// References: Kaplan & Meier (1958); Therneau & Grambsch (2000) chapter 2.
import { kmTable, type KaplanMeierOptions, type KaplanMeierResult } from './km-table.js';
import { survivalInput } from './survival-input.js';
import { timeRanks } from './time-ranks.js';

export type {
  KaplanMeierOptions,
  KaplanMeierResult,
  KaplanMeierTable,
  SurvivalAt,
  QuantileEstimate,
} from './km-table.js';

/**
 * Kaplan-Meier curve with R survfit's table, intervals (default 'log-log'), median and quantiles.
 * @param time follow-up times
 * @param event 1 where the follow-up ended in the event, 0 where it was censored
 * @example kaplanMeier([3, 1, 3, 2], [1, 1, 0, 0]).table.surv // Float64Array [0.75, 0.75, 0.375]
 */
export function kaplanMeier(
  time: ArrayLike<number>,
  event: ArrayLike<number | boolean>,
  options: KaplanMeierOptions = {},
): KaplanMeierResult {
  const status = survivalInput('kaplanMeier', time, event);
  const { times, rank } = timeRanks(time);
  const m = times.length;
  const events = new Float64Array(m);
  const censored = new Float64Array(m);
  for (let i = 0; i < rank.length; i++) {
    if (status[i] === 1) events[rank[i]]++;
    else censored[rank[i]]++;
  }
  return kmTable(times, events, censored, options);
}
