// One group's curve of the cumulative proportion re-referred, 1 - S(t), from its Kaplan-Meier
// estimate in days: the step points (thinned to at most `maxPoints`), the values at 12 months and six
// years, and the number at risk at every whole year.
//
// Contract
// - Input: a KaplanMeierResult over follow-up in days whose `at` holds 12 months and six years
//   (365.25 and 2191.5 days) in that order, the horizon in days, the most points to keep.
// - Points: (0, 0) first, then each event time up to the horizon with 1 - S and its band (1 - upper,
//   1 - lower), then the final value repeated at the end of follow-up or the horizon. In months.
// - Thinning, when there are more steps than `maxPoints` allows: time is cut into cells of a year
//   divided by a whole number k, the largest k that keeps the cells within `maxPoints`; in each cell
//   only the last step is kept (at its own time, with its own value). Every point kept is an exact
//   point of the estimate, and at every cell boundary (so at every whole year: 12 months, six years)
//   the thinned curve equals the estimate; only the steps inside a cell are merged.
// - Values rounded to 1e-6 (times to 1e-4 months) to keep the JSON small; `at` keeps full precision.
// - A value at a time nobody was followed to (number at risk 0) is null: never beyond the data.
import type { KaplanMeierResult, SurvivalAt } from '../survival/kaplan-meier.js';
import { DAYS_PER_MONTH, DAYS_PER_YEAR } from './rereferral-follow-up.js';
import type { RereferralAt, RereferralCurve } from './rereferral-types.js';

const round = (v: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
};
const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);

function atValue(a: SurvivalAt | undefined, months: number): RereferralAt {
  if (!a || a.nRisk === 0) return { months, estimate: null, lower: null, upper: null, nRisk: a?.nRisk ?? 0 };
  return {
    months,
    estimate: finite(a.cumInc),
    lower: finite(a.cumIncLower),
    upper: finite(a.cumIncUpper),
    nRisk: a.nRisk,
  };
}

/** Number still followed (time >= t) at day t: nRisk of the first row at or after t. */
function atRisk(time: Float64Array, nRisk: Float64Array, t: number): number {
  let lo = 0;
  let hi = time.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (time[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo < time.length ? nRisk[lo]! : 0;
}

/**
 * The curve of one group (see the file comment).
 * @param horizonDays the last day to draw
 * @example rereferralCurve(km, { level: 'all', label: 'All episodes', horizonDays: 2191.5 }).at.months12
 */
export function rereferralCurve(
  km: KaplanMeierResult,
  {
    level,
    label,
    horizonDays,
    maxPoints = 300,
  }: { level: string; label: string; horizonDays: number; maxPoints?: number },
): RereferralCurve {
  const t = km.table;
  const rows = t.time.length;
  const lastDays = rows ? t.time[rows - 1]! : 0;
  const end = Math.min(horizonDays, lastDays);
  const steps: number[] = [];
  for (let r = 0; r < rows && t.time[r]! <= end; r++) if (t.nEvent[r]! > 0) steps.push(r);
  let kept = steps;
  const thinned = steps.length + 2 > maxPoints;
  if (thinned) {
    const k = Math.max(1, Math.floor(((maxPoints - 2) * DAYS_PER_YEAR) / Math.max(end, 1)));
    const width = DAYS_PER_YEAR / k;
    kept = [];
    for (let s = 0; s < steps.length; s++) {
      const cell = Math.ceil(t.time[steps[s]!]! / width);
      const nextCell = s + 1 < steps.length ? Math.ceil(t.time[steps[s + 1]!]! / width) : -1;
      if (nextCell !== cell) kept.push(steps[s]!);
    }
  }
  const months = [0];
  const estimate = [0];
  const lower = [0];
  const upper = [0];
  const push = (day: number, r: number): void => {
    months.push(round(day / DAYS_PER_MONTH, 4));
    estimate.push(round(1 - t.surv[r]!, 6));
    // 1 - upper limit of S is the lower limit of 1 - S; NaN limits (S = 0 on the log scale) become the estimate.
    const lo = 1 - t.upper[r]!;
    const hi = 1 - t.lower[r]!;
    lower.push(round(Number.isFinite(lo) ? lo : 1 - t.surv[r]!, 6));
    upper.push(round(Number.isFinite(hi) ? hi : 1 - t.surv[r]!, 6));
  };
  for (const r of kept) push(t.time[r]!, r);
  if (rows > 0) {
    const last = kept.length ? kept[kept.length - 1]! : -1;
    if (last >= 0) push(end, last);
    else {
      months.push(round(end / DAYS_PER_MONTH, 4));
      estimate.push(0);
      lower.push(0);
      upper.push(0);
    }
  }
  const years = Math.floor(horizonDays / DAYS_PER_YEAR + 1e-9);
  const risk = Array.from({ length: years + 1 }, (_, y) => ({
    months: 12 * y,
    nRisk: atRisk(t.time, t.nRisk, y * DAYS_PER_YEAR),
  }));
  return {
    level,
    label,
    n: km.n,
    events: km.nEvents,
    censored: km.n - km.nEvents,
    months,
    estimate,
    lower,
    upper,
    thinned,
    lastMonths: round(lastDays / DAYS_PER_MONTH, 4),
    at: { months12: atValue(km.at[0], 12), years6: atValue(km.at[1], 72) },
    risk,
  };
}
