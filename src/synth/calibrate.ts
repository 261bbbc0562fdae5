// The synthetic council's plan: the planted parameters turned into what the generator draws from.
// - Category mix by financial year (April-March): category k's volume in year y is a_k * g_k(y),
//   g_k growing geometrically from FY2014-15 to its planted ratio in FY2020-21 and level outside
//   those years; a_k is solved so that k's share over the whole period equals its national share.
// - Arrivals of new children: a financial year is drawn with weight (its total volume) x (its days in
//   the window), the window starting BURN_IN_YEARS (18) before `start`, so that every child in the
//   file has lived their whole childhood in the simulation: children come back from earlier
//   episodes the file does not show, as in a real extract, and repeat episodes are at their steady
//   level from the first year on (a shorter burn-in made the first years too quiet).
// - The volumes a_k and the yearly arrivals are then corrected by a pilot run (synth-pilot.ts).
// - Re-referral: Weibull proportional hazards, H_k(t) = scale * hr_k * t^shape (t in years), with
//   (shape, scale) solved by nested bisection so that the mixture over the at-risk closure mix
//   (guessed here, counted by the pilot) gives REREFERRAL_TARGET: P(T <= 365 days) = 0.30 and P(T <= 2191 days) = 0.59.
import { CIN_FACTORS } from '../domain/cin-codes.js';
import { civilFromDays, daysFromCivil } from '../data/dates.js';
import { NATIONAL_SCHEME } from '../domain/national-scheme.js';
import { CATEGORY_PLANS, REREFERRAL_TARGET, type CategoryPlan } from './params.js';

export const BURN_IN_YEARS = 18;
/** Days of the 12-month and six-year re-referral horizons. */
export const DAYS_12M = 365;
export const DAYS_6Y = 2191;
export const DAYS_PER_YEAR = 365.25;

export interface SynthPlan {
  ids: string[];
  names: string[];
  plans: CategoryPlan[];
  /** Target shares (national, normalised). */
  shares: number[];
  /** Factor codes (items) and P(code | category), category-major. */
  items: string[];
  profiles: Float64Array[];
  startDay: number;
  endDay: number;
  extractDay: number;
  windowStartDay: number;
  /** Financial years (start year) of the window, with their first and last days inside it. */
  years: number[];
  yearFirstDay: number[];
  yearLastDay: number[];
  /** Planned share of the file's rows in each year (0 for burn-in years). */
  yearShare: number[];
  /** Per-category volume before growth: a_k times the pilot's correction (synth-pilot.ts). */
  volume: number[];
  /** Pilot correction of arrivals by year. */
  yearFactor: number[];
  /** Arrival weight of each year, and category weights (a_k g_k(y)) by year. */
  arrivalWeights: number[];
  mix: number[][];
  baseline: { shape: number; scale: number };
}

/** Financial year of a day, by the year it starts (1 April 2014 -> 2014). */
export function financialYear(day: number): number {
  const { y, m } = civilFromDays(day);
  return m >= 4 ? y : y - 1;
}

function growthFactor(p: CategoryPlan, fy: number): number {
  return p.growth ** (Math.min(Math.max(fy - 2014, 0), 6) / 6);
}

function overlapDays(fy: number, from: number, to: number): number {
  const a = Math.max(daysFromCivil(fy, 4, 1), from);
  const b = Math.min(daysFromCivil(fy + 1, 3, 31), to);
  return Math.max(0, b - a + 1);
}

/** P(T <= t years) for hazard ratio hr under the baseline. */
export function rereferralCdf(baseline: { shape: number; scale: number }, hr: number, years: number): number {
  return 1 - Math.exp(-baseline.scale * hr * years ** baseline.shape);
}

function bisect(f: (x: number) => number, lo: number, hi: number): number {
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) < 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * The Weibull baseline that gives REREFERRAL_TARGET over closures at risk mixed by category as `w`.
 * The plan starts from a guess of the mix (most periods in care end by adoption, orders or turning
 * 18, about 5% of other closures are transfers); the pilot replaces it with the mix it counted.
 */
export function solveBaseline(plans: CategoryPlan[], w: number[]): { shape: number; scale: number } {
  const mixture = (b: { shape: number; scale: number }, days: number): number =>
    plans.reduce((s, p, k) => s + w[k]! * rereferralCdf(b, p.hazardRatio, days / DAYS_PER_YEAR), 0) /
    w.reduce((s, x) => s + x, 0);
  const scaleFor = (shape: number): number =>
    Math.exp(
      bisect((ls) => mixture({ shape, scale: Math.exp(ls) }, DAYS_12M) - REREFERRAL_TARGET.months12, -10, 5),
    );
  const shape = bisect(
    (sh) => mixture({ shape: sh, scale: scaleFor(sh) }, DAYS_6Y) - REREFERRAL_TARGET.years6,
    0.05,
    3,
  );
  return { shape, scale: scaleFor(shape) };
}

/**
 * The plan for a window of referral dates (day numbers since 1970-01-01, inclusive).
 * Precondition: startDay <= endDay <= extractDay.
 */
export function synthPlan(startDay: number, endDay: number, extractDay: number): SynthPlan {
  const cats = NATIONAL_SCHEME.categories;
  const ids = cats.map((c) => c.id);
  const plans = ids.map((id) => CATEGORY_PLANS[id]!);
  const shares = cats.map((c) => c.share);
  // In the dictionary's order (Object.keys would put the integer-like code 20 first).
  const items = CIN_FACTORS.map((f) => f.code).filter((code) => code in cats[0]!.profile);
  const profiles = cats.map((c) => Float64Array.from(items, (code) => c.profile[code]!));
  const windowStartDay = startDay - Math.round(BURN_IN_YEARS * DAYS_PER_YEAR);
  const first = financialYear(windowStartDay);
  const last = financialYear(endDay);
  const years = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  // a_k: share over the emitted window divided by the category's summed growth over that window.
  const volume = plans.map((p, k) => {
    let g = 0;
    for (const fy of years) g += (growthFactor(p, fy) * overlapDays(fy, startDay, endDay)) / 365;
    return shares[k]! / g;
  });
  const yearTotal = years.map(
    (fy) =>
      plans.reduce((s, p, k) => s + volume[k]! * growthFactor(p, fy), 0) * overlapDays(fy, startDay, endDay),
  );
  const sum = yearTotal.reduce((s, x) => s + x, 0);
  const plan: SynthPlan = {
    ids,
    names: cats.map((c) => c.name),
    plans,
    shares,
    items,
    profiles,
    startDay,
    endDay,
    extractDay,
    windowStartDay,
    years,
    yearFirstDay: years.map((fy) => Math.max(daysFromCivil(fy, 4, 1), windowStartDay)),
    yearLastDay: years.map((fy) => Math.min(daysFromCivil(fy + 1, 3, 31), endDay)),
    yearShare: yearTotal.map((x) => x / sum),
    volume,
    yearFactor: years.map(() => 1),
    arrivalWeights: [],
    mix: [],
    baseline: solveBaseline(
      plans,
      plans.map((p, k) => shares[k]! * (1 - 0.6 * p.care - 0.05)),
    ),
  };
  return refreshPlan(plan);
}

/** Recompute the year mix and arrival weights after `volume` or `yearFactor` changed. */
export function refreshPlan(plan: SynthPlan): SynthPlan {
  const { plans, years, volume, yearFactor, windowStartDay, endDay } = plan;
  plan.mix = years.map((fy) => plans.map((p, k) => volume[k]! * growthFactor(p, fy)));
  plan.arrivalWeights = years.map(
    (fy, i) =>
      plan.mix[i]!.reduce((s, x) => s + x, 0) * overlapDays(fy, windowStartDay, endDay) * yearFactor[i]!,
  );
  return plan;
}
