// Shapes of the re-referral analysis (rereferral.ts): its options and its result, plain JSON that
// crosses postMessage and can be published (numbers only where a number is known: null otherwise,
// never NaN, so JSON.stringify keeps them). Times are in months (1 month = 365.25 / 12 days).
import type { Warning } from '../warnings.js';

/** What the curves are grouped by. */
export type RereferralGroupBy = 'category' | 'age' | 'gender' | 'ethnicity' | 'source' | 'need' | 'none';

export const REREFERRAL_GROUPS: readonly RereferralGroupBy[] = [
  'category',
  'age',
  'gender',
  'ethnicity',
  'source',
  'need',
  'none',
];

/** What the curves follow: re-referral after a closed episode, a repeat plan after a plan ends, or
 * re-entry to care after a period in care ends. */
export type RereferralOutcome = 'rereferral' | 'repeat-plan' | 'care-reentry';
export const REREFERRAL_OUTCOMES: readonly RereferralOutcome[] = [
  'rereferral',
  'repeat-plan',
  'care-reentry',
];

export type RereferralConfType = 'log-log' | 'log' | 'plain';

export interface RereferralOptions {
  /** Defaults to 'rereferral'. */
  outcome?: RereferralOutcome;
  /** Defaults to 'category' (needs `categories`, see rereferral.ts). */
  group?: RereferralGroupBy;
  /** Confidence bands on S(t), as R's survfit conf.type; defaults to 'log-log'. */
  confType?: RereferralConfType;
  /** Defaults to 0.95. */
  confLevel?: number;
  /** Months of follow-up to show; defaults to 72 (six years), cut to the longest follow-up observed. */
  horizonMonths?: number;
  /** ISO date of the extract: follow-up ends there. Defaults to the latest date in the file. */
  extractDate?: string | null;
  /** The group the hazard ratios compare against; defaults to the largest group. */
  reference?: string | null;
  /** Most points drawn per curve (after thinning); defaults to 300. */
  maxPoints?: number;
  /** Fit the Cox model; defaults to true (it needs two groups or more). */
  cox?: boolean;
}

/** Demand categories of the assessment rows: codes[i] indexes levels (-1 = none), labels for people. */
export interface RowCategories {
  codes: ArrayLike<number>;
  levels: readonly string[];
  labels?: readonly string[];
  /** How the categories were made, for the caption (e.g. 'national model' or 'planted'). */
  source?: string;
}

/** A value of 1 - S(t) with its interval and the number still followed. */
export interface RereferralAt {
  months: number;
  /** Cumulative proportion re-referred; null when nobody was followed this long. */
  estimate: number | null;
  lower: number | null;
  upper: number | null;
  nRisk: number;
}

/** One group's curve of the cumulative proportion re-referred. */
export interface RereferralCurve {
  level: string;
  label: string;
  /** Episodes at risk, re-referrals and censored episodes in the group. */
  n: number;
  events: number;
  censored: number;
  /**
   * The step curve, columnar: at `months[k]` the curve steps to `estimate[k]` (band `lower[k]` to
   * `upper[k]`) and stays there until `months[k + 1]`. Starts at (0, 0); the last entry repeats the
   * final value at the end of follow-up (or the horizon). Steps within a small interval may be
   * merged (`thinned`), but every point is an exact (time, value) of the estimate and the value at
   * every whole year (so at 12 months and six years) is exact.
   */
  months: number[];
  estimate: number[];
  lower: number[];
  upper: number[];
  thinned: boolean;
  /** Longest follow-up in the group (months). */
  lastMonths: number;
  /** At 12 months and at six years. */
  at: { months12: RereferralAt; years6: RereferralAt };
  /** Number at risk at 0, 12, 24, ... months up to the horizon. */
  risk: { months: number; nRisk: number }[];
}

export interface RereferralLogRank {
  chisq: number;
  df: number;
  p: number | null;
  groups: { level: string; label: string; n: number; observed: number; expected: number }[];
}

export interface RereferralHazardRatio {
  /** The term as the model names it (`group=level`, `age`, `gender=Female`, ...). */
  term: string;
  /** For group terms the group's level and label; for the others a description. */
  level: string | null;
  label: string;
  kind: 'group' | 'covariate';
  hr: number | null;
  lower: number | null;
  upper: number | null;
  p: number | null;
  coef: number | null;
  se: number | null;
  /**
   * Episodes in the model at the term's level (factor terms: the group, gender or referral source);
   * null for a numeric covariate (age, episode length). Disclosure control needs it: a coefficient
   * resting on a few episodes says something about them (src/publish/publish-rereferral.ts).
   */
  n?: number | null;
  /** Episodes in the model at the factor's reference level (each coefficient is a contrast with it). */
  referenceN?: number | null;
}

export interface RereferralCox {
  reference: { level: string; label: string };
  /** The group terms first (in group order, reference left out), then the adjustment terms. */
  terms: RereferralHazardRatio[];
  /** Plain-English list of what the model adjusts for. */
  adjustedFor: string[];
  n: number;
  events: number;
  /** Episodes left out of the model for a missing covariate, by reason. */
  excluded: { reason: string; episodes: number }[];
  converged: boolean;
  concordance: number | null;
  likelihoodRatio: { chisq: number; df: number; p: number | null };
  ties: 'efron';
}

export interface RereferralBenchmark {
  id: 'kingston-12m' | 'kingston-6y' | 'dfe-12m' | 'dfe-repeat-plan';
  months: number;
  value: number;
  label: string;
  source: string;
  /** True where the benchmark measures the same thing as the curves. */
  sameDefinition: boolean;
  definition: string;
}

export interface RereferralResult {
  method: 'rereferral';
  version: string;
  file: string | null;
  options: {
    outcome: RereferralOutcome;
    group: RereferralGroupBy;
    confType: RereferralConfType;
    confLevel: number;
    horizonMonths: number;
    extractDate: string;
    reference: string | null;
  };
  /** What the groups are, for a heading: 'Demand category', 'Age at closure', ... */
  groupTitle: string;
  /** How demand categories were assigned, when grouped by category. */
  categorySource: string | null;
  /** The horizon used (months): the requested one, cut to the longest follow-up. */
  horizonMonths: number;
  episodes: {
    total: number;
    /** Closed by RC7 or RC8 before the 18th birthday and by the extract date: followed up. */
    atRisk: number;
    /** Not at risk, by reason (open, RC1-RC6, closed at 18, no reason recorded). */
    notAtRisk: { code: string; reason: string; episodes: number }[];
  };
  /** Episodes followed up, re-referrals, and censored episodes by reason. */
  n: number;
  events: number;
  censored: { code: 'data-end' | 'birthday-18'; reason: string; episodes: number }[];
  /** Rows or episodes the analysis could not use, and why (the data layer's exclusions included). */
  excluded: { code: string; reason: string; count: number; unit: 'rows' | 'episodes' }[];
  /** Every episode followed up, pooled. */
  overall: RereferralCurve;
  /** One curve per group (just the pooled one when group is 'none'). */
  groups: RereferralCurve[];
  logRank: RereferralLogRank | null;
  cox: RereferralCox | null;
  benchmarks: RereferralBenchmark[];
  warnings: Warning[];
}
