// The Kaplan-Meier estimate from counts at distinct times: the engine behind kaplanMeier and the
// grouped curves, which count events and censorings once and call this for each group.
//
// Contract
// - Input: ascending distinct times with the number of events and of censorings at each (rows with
//   neither are skipped), plus options. Counts may be sums of case weights (survfit's `weights=`,
//   whole numbers for R's Greenwood variance). The number at risk at each time is the running
//   total from the end, unless `risk` gives it (counting-process data, where rows also enter).
// - Output, one row per time with an observation, as R survival's survfit (3.5, right-censored data):
//   nRisk, nEvent, nCensor; surv = prod (1 - d / n); cumhaz = sum d / n (Nelson-Aalen);
//   stdErrCumHaz = sqrt(sum d / (n (n - d))), Greenwood's SE of -log S (survfit's `std.err`;
//   Infinity once S = 0); stdErr = surv * stdErrCumHaz, the SE of S (NaN where S = 0);
//   stdErrNelsonAalen = sqrt(sum d / n^2) (survfit's `std.chaz`); lower, upper from
//   survivalConfidence. Then the median and quantiles with their limits (R's rules, see km-median.ts
//   and km-quantile.ts) and S at chosen times as summary(fit, times, extend = TRUE).
// References: Kaplan & Meier (1958); Greenwood (1926); Therneau & Grambsch (2000) chapter 2.
import type { Warning } from '../warnings.js';
import { kmMedian } from './km-median.js';
import { kmQuantile } from './km-quantile.js';
import { survivalConfidence, type ConfType } from './survival-confidence.js';

export interface KaplanMeierOptions {
  /** Confidence interval type; defaults to 'log-log' (R's survfit defaults to 'log'). */
  confType?: ConfType;
  /** Defaults to 0.95. */
  confLevel?: number;
  /** Times at which to report S(t) (R's summary(fit, times = at, extend = TRUE)). */
  at?: ArrayLike<number>;
  /** Probabilities for quantiles of the survival time; defaults to [0.25, 0.5, 0.75]. */
  quantiles?: ArrayLike<number>;
  /** Case (frequency) weights, one per row, whole numbers > 0 (R's `weights=`). kaplanMeier only. */
  weights?: ArrayLike<number>;
  /** Entry times for counting-process data, R's Surv(start, stop, event). kaplanMeier only. */
  start?: ArrayLike<number>;
  /** Merge times equal within R's tolerance (aeqSurv); defaults to true, as R's survfit. */
  timefix?: boolean;
}

/** survfit's table, column-oriented: one row per distinct time with an event or a censoring. */
export interface KaplanMeierTable {
  time: Float64Array;
  nRisk: Float64Array;
  nEvent: Float64Array;
  nCensor: Float64Array;
  surv: Float64Array;
  /** Standard error of S(t) (Greenwood). */
  stdErr: Float64Array;
  /** Standard error of -log S(t) (Greenwood): what R's survfit calls `std.err`. */
  stdErrCumHaz: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
  /** Nelson-Aalen cumulative hazard and its standard error (R's `cumhaz`, `std.chaz`). */
  cumhaz: Float64Array;
  stdErrNelsonAalen: Float64Array;
}

export interface SurvivalAt {
  time: number;
  /** Observations with time >= t. */
  nRisk: number;
  surv: number;
  stdErr: number;
  lower: number;
  upper: number;
  /** 1 - S(t) with limits 1 - upper and 1 - lower. */
  cumInc: number;
  cumIncLower: number;
  cumIncUpper: number;
}

export interface QuantileEstimate {
  p: number;
  estimate: number;
  lower: number;
  upper: number;
}

export interface KaplanMeierResult {
  method: 'kaplan-meier';
  /** Observations (the sum of the weights with case weights). */
  n: number;
  nEvents: number;
  confType: ConfType;
  confLevel: number;
  table: KaplanMeierTable;
  /** As R's print(fit): estimate and limits (NaN when not reached). */
  median: { estimate: number; lower: number; upper: number };
  quantiles: QuantileEstimate[];
  at: SurvivalAt[];
  /** Whether times equal within R's tolerance were merged (timefix), and how many values moved. */
  timefix?: { applied: boolean; changed: number };
  warnings: Warning[];
}

/**
 * Kaplan-Meier table and summaries from event and censoring counts at ascending distinct times.
 * @example kmTable([1, 2], [1, 0], [0, 1]).table.surv // Float64Array [0.5, 0.5]
 */
export function kmTable(
  times: ArrayLike<number>,
  events: ArrayLike<number>,
  censored: ArrayLike<number>,
  { confType = 'log-log', confLevel = 0.95, at = [], quantiles = [0.25, 0.5, 0.75] }: KaplanMeierOptions = {},
  risk?: ArrayLike<number>,
): KaplanMeierResult {
  let rows = 0;
  let n = 0;
  let nEvents = 0;
  for (let r = 0; r < times.length; r++) {
    if (events[r] + censored[r] > 0) rows++;
    n += events[r] + censored[r];
    nEvents += events[r];
  }
  const t = {
    time: new Float64Array(rows),
    nRisk: new Float64Array(rows),
    nEvent: new Float64Array(rows),
    nCensor: new Float64Array(rows),
    surv: new Float64Array(rows),
    stdErr: new Float64Array(rows),
    stdErrCumHaz: new Float64Array(rows),
    cumhaz: new Float64Array(rows),
    stdErrNelsonAalen: new Float64Array(rows),
  };
  let atRisk = n;
  let s = 1;
  let greenwood = 0;
  let hazard = 0;
  let hazardVar = 0;
  for (let r = 0, k = 0; r < times.length; r++) {
    const d = events[r];
    const c = censored[r];
    if (d + c === 0) continue;
    if (risk) atRisk = risk[r];
    if (d > 0) {
      s *= (atRisk - d) / atRisk;
      greenwood += atRisk === d ? Infinity : d / (atRisk * (atRisk - d));
      hazard += d / atRisk;
      hazardVar += d / (atRisk * atRisk);
    }
    t.time[k] = times[r];
    t.nRisk[k] = atRisk;
    t.nEvent[k] = d;
    t.nCensor[k] = c;
    t.surv[k] = s;
    t.stdErrCumHaz[k] = Math.sqrt(greenwood);
    t.stdErr[k] = s === 0 ? NaN : s * t.stdErrCumHaz[k];
    t.cumhaz[k] = hazard;
    t.stdErrNelsonAalen[k] = Math.sqrt(hazardVar);
    atRisk -= d + c;
    k++;
  }
  const { lower, upper } = survivalConfidence(t.surv, t.stdErrCumHaz, { confType, confLevel });
  const table: KaplanMeierTable = { ...t, lower, upper };

  const median = {
    estimate: kmMedian(table.time, table.surv),
    lower: kmMedian(table.time, table.lower),
    upper: kmMedian(table.time, table.upper),
  };
  const quantileList = Array.from(quantiles, (p) => ({
    p,
    estimate: kmQuantile(table.time, table.surv, p),
    lower: kmQuantile(table.time, table.lower, p),
    upper: kmQuantile(table.time, table.upper, p),
  }));
  const atList = Array.from(at, (time) => survivalAt(table, time));
  const warnings: Warning[] = [];
  if (n > 0 && nEvents === 0) {
    warnings.push({ code: 'no-events', message: 'There are no events: the curve stays at 1.' });
  }
  return {
    method: 'kaplan-meier',
    n,
    nEvents,
    confType,
    confLevel,
    table,
    median,
    quantiles: quantileList,
    at: atList,
    warnings,
  };
}

function survivalAt(table: KaplanMeierTable, time: number): SurvivalAt {
  if (!Number.isFinite(time)) throw new Error(`kaplanMeier: invalid at; expected finite times, got ${time}`);
  const m = table.time.length;
  // Last row at or before `time` (its step holds at `time`), and the first row at or after it.
  let lo = 0;
  let hi = m;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (table.time[mid] <= time) lo = mid + 1;
    else hi = mid;
  }
  const k = lo - 1;
  const onOrAfter = k >= 0 && table.time[k] === time ? k : lo;
  const nRisk = onOrAfter < m ? table.nRisk[onOrAfter] : 0;
  // Before the first time R's summary reports S = 1 with limits 1 for every interval type.
  const surv = k < 0 ? 1 : table.surv[k];
  const stdErr = k < 0 ? 0 : table.stdErr[k];
  const lower = k < 0 ? 1 : table.lower[k];
  const upper = k < 0 ? 1 : table.upper[k];
  return {
    time,
    nRisk,
    surv,
    stdErr,
    lower,
    upper,
    cumInc: 1 - surv,
    cumIncLower: 1 - upper,
    cumIncUpper: 1 - lower,
  };
}
