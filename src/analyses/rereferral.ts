// The re-referral analysis: how soon children come back to children's social care after a
// child-in-need episode closes, by group. Composes episodes (src/data/episodes.ts), follow-up
// (rereferral-follow-up.ts: origin, event, censoring, who is at risk), grouping, Kaplan-Meier curves
// of 1 - S(t) with bands, the log-rank test and Cox hazard ratios (src/survival/).
//
// Contract
// - Input: assessments (AssessmentData); options (RereferralOptions, defaults in the signature);
//   inputs: for group 'category' the demand category of every row (`categories`), and optionally the
//   file name and the rows the data layer excluded (passed through into `excluded`).
// - The extract day defaults to the latest date in the file (referral, assessment, closure, plan or
//   care dates): nothing after it can be in the data, so follow-up ends there.
// - Horizon: the requested months (default 72, six years), cut to the longest follow-up observed.
// - Output: RereferralResult (rereferral-types.ts), plain JSON; statistical trouble is a warning.
// - Benchmarks: 30% within 12 months and 59% within six years of closure (Kingston University /
//   NCB, England 2014-21, the same definition), and DfE's 22% re-referral rate for 2023-24 (a
//   different definition: referrals within 12 months of a previous referral, not of a closure).
// Cost: O(n) for episodes and follow-up (whole days), O(n) Kaplan-Meier and log-rank, then the Cox
// fit, O(n p^2) a Newton step.
import { dayToIso, parseDate } from '../data/dates.js';
import { deriveEpisodes, type Episodes } from '../data/episodes.js';
import { MISSING_DAY, type AssessmentData } from '../data/types.js';
import { kaplanMeier, type KaplanMeierOptions, type KaplanMeierResult } from '../survival/kaplan-meier.js';
import { kaplanMeierGroups, type KaplanMeierGroupsResult } from '../survival/kaplan-meier-groups.js';
import { VERSION } from '../version.js';
import type { Warning } from '../warnings.js';
import { rereferralCox } from './rereferral-cox.js';
import { rereferralCurve } from './rereferral-curve.js';
import {
  DAYS_PER_MONTH,
  DAYS_PER_YEAR,
  NOT_AT_RISK_REASONS,
  rereferralFollowUp,
  type FollowUp,
} from './rereferral-follow-up.js';
import { rereferralGrouping, type Grouping } from './rereferral-grouping.js';
import { spellFollowUp } from './rereferral-spells.js';
import {
  REREFERRAL_GROUPS,
  REREFERRAL_OUTCOMES,
  type RereferralOutcome,
  type RereferralBenchmark,
  type RereferralCurve,
  type RereferralOptions,
  type RereferralResult,
  type RowCategories,
} from './rereferral-types.js';

export type * from './rereferral-types.js';

export const REREFERRAL_BENCHMARKS: readonly RereferralBenchmark[] = [
  {
    id: 'kingston-12m',
    months: 12,
    value: 0.3,
    label: 'England 30%',
    source: 'Kingston University and National Children\u2019s Bureau, England 2014-21',
    sameDefinition: true,
    definition: 're-referred within 12 months of a child-in-need episode closing',
  },
  {
    id: 'kingston-6y',
    months: 72,
    value: 0.59,
    label: 'England 59%',
    source: 'Kingston University and National Children\u2019s Bureau, England 2014-21',
    sameDefinition: true,
    definition: 're-referred within six years of a child-in-need episode closing',
  },
  {
    id: 'dfe-12m',
    months: 12,
    value: 0.22,
    label: 'DfE 22%',
    source: 'Department for Education, Children in need 2023-24',
    sameDefinition: false,
    definition:
      'referrals within 12 months of a previous referral of the same child (a different definition)',
  },
];

/**
 * Published figures for the other outcomes. DfE's repeat-plan figure counts plans starting in the
 * year that were a child's second or later plan, at any interval: a different definition from the
 * curves' (time from the end of one plan to the start of the next), shown as context. No national
 * figure of the curves' kind is published for re-entry to care, so none is shown.
 */
export const OUTCOME_BENCHMARKS: Record<RereferralOutcome, readonly RereferralBenchmark[]> = {
  rereferral: REREFERRAL_BENCHMARKS,
  'repeat-plan': [
    {
      id: 'dfe-repeat-plan',
      months: 72,
      value: 0.238,
      label: 'DfE 23.8% second or later plans',
      source: 'Department for Education, Characteristics of children in need 2023-24',
      sameDefinition: false,
      definition:
        'plans starting in the year that were the child\u2019s second or later plan, at any interval (a different definition)',
    },
  ],
  'care-reentry': [],
};

/** What each outcome's curves follow, for captions. */
export const OUTCOME_DEFINITIONS: Record<RereferralOutcome, string> = {
  rereferral: 'time from the closure of a child-in-need episode to the next referral of the same child',
  'repeat-plan':
    'time from the end of a child protection plan to the start of another plan for the same child',
  'care-reentry': 'time from the end of a period in care to the start of another for the same child',
};

/** Whole-year marks of the result: 12 months and six years, in days. */
const AT_DAYS = [DAYS_PER_YEAR, 6 * DAYS_PER_YEAR];

export const NOT_AT_RISK: Record<string, string> = {
  'after-extract': 'referred after the extract date',
  open: 'still open at the extract date',
  'no-reason': 'closed with no reason recorded',
  'closed-at-18': 'closed on or after the 18th birthday',
  'ended-at-18': 'ended on or after the 18th birthday',
  'adopted-or-died': 'the episode closed by adoption or death (RC1, RC2)',
  ...Object.fromEntries(Object.entries(NOT_AT_RISK_REASONS).map(([k, v]) => [k, `closed: ${v} (${k})`])),
};

export function latestDay(data: AssessmentData): number {
  let latest = MISSING_DAY;
  for (const col of [
    data.referralDate,
    data.assessmentDate,
    data.closureDate,
    data.cppStart,
    data.cppEnd,
    data.careStart,
    data.careEnd,
  ]) {
    for (let i = 0; i < col.length; i++) if (col[i]! > latest) latest = col[i]!;
  }
  return latest;
}

function check(options: Required<Omit<RereferralOptions, 'extractDate' | 'reference'>>): void {
  const { outcome, group, confType, confLevel, horizonMonths, maxPoints } = options;
  if (!REREFERRAL_OUTCOMES.includes(outcome)) {
    throw new Error(
      `rereferral: invalid outcome; expected one of ${REREFERRAL_OUTCOMES.join(', ')}, got '${outcome}'`,
    );
  }
  if (!REREFERRAL_GROUPS.includes(group)) {
    throw new Error(
      `rereferral: invalid group; expected one of ${REREFERRAL_GROUPS.join(', ')}, got '${group}'`,
    );
  }
  if (confType !== 'log-log' && confType !== 'log' && confType !== 'plain') {
    throw new Error(`rereferral: invalid confType; expected 'log-log', 'log' or 'plain', got '${confType}'`);
  }
  if (!(confLevel > 0 && confLevel < 1)) {
    throw new Error(`rereferral: invalid confLevel; expected a number in (0, 1), got ${confLevel}`);
  }
  if (!(horizonMonths > 0 && Number.isFinite(horizonMonths))) {
    throw new Error(`rereferral: invalid horizonMonths; expected a positive number, got ${horizonMonths}`);
  }
  if (!Number.isInteger(maxPoints) || maxPoints < 10) {
    throw new Error(`rereferral: invalid maxPoints; expected a whole number >= 10, got ${maxPoints}`);
  }
}

/** The day follow-up ends: the extract date asked for, or the latest date in the file. */
function extractDayOf(data: AssessmentData, extractDate: string | null): number {
  if (!extractDate) return latestDay(data);
  const day = parseDate(extractDate);
  if (day < -100000) {
    throw new Error(
      `rereferral: invalid extractDate; expected a date such as 2024-03-31, got '${extractDate}'`,
    );
  }
  return day;
}

/** The horizon in days: the months asked for, cut (with a warning) to the longest follow-up. */
function horizonDaysOf(fu: FollowUp, horizonMonths: number, warnings: Warning[]): number {
  let maxDays = 0;
  for (let k = 0; k < fu.n; k++) if (fu.days[k]! > maxDays) maxDays = fu.days[k]!;
  const horizonDays = Math.min(horizonMonths * DAYS_PER_MONTH, maxDays);
  if (fu.n > 0 && horizonDays < horizonMonths * DAYS_PER_MONTH) {
    warnings.push({
      code: 'horizon-cut',
      message: `The longest follow-up is ${Math.floor(maxDays / DAYS_PER_MONTH)} months, so the curves stop there rather than at ${horizonMonths} months.`,
    });
  }
  return horizonDays;
}

/** One curve per level of the grouping that has episodes, in the grouping's order, and the log-rank test. */
function groupCurves(
  fu: FollowUp,
  grouping: Grouping,
  kmOptions: KaplanMeierOptions,
  curveOptions: { horizonDays: number; maxPoints: number },
): {
  groups: RereferralCurve[];
  logRank: RereferralResult['logRank'];
  byGroup: KaplanMeierGroupsResult;
} {
  const byGroup = kaplanMeierGroups(
    fu.days,
    fu.event,
    { codes: grouping.codes, levels: grouping.levels },
    kmOptions,
  );
  const index = new Map(byGroup.groups.map((g, i) => [g.level, i]));
  const groups: RereferralCurve[] = [];
  grouping.levels.forEach((level, c) => {
    const i = index.get(level);
    if (i !== undefined) {
      groups.push(
        rereferralCurve(byGroup.groups[i]!, { level, label: grouping.labels[c]!, ...curveOptions }),
      );
    }
  });
  const lr = byGroup.logRank;
  if (lr.df <= 0) return { groups, logRank: null, byGroup };
  const labelOf = new Map(grouping.levels.map((l, c) => [l, grouping.labels[c]!]));
  return {
    groups,
    byGroup,
    logRank: {
      chisq: lr.chisq,
      df: lr.df,
      p: Number.isFinite(lr.p) ? lr.p : null,
      groups: grouping.levels
        .filter((l) => index.has(l))
        .map((l) => {
          const g = lr.groups.find((x) => x.level === l)!;
          return { level: l, label: labelOf.get(l)!, n: g.n, observed: g.observed, expected: g.expected };
        }),
    },
  };
}

/** Every episode accounted for: not at risk (by reason), censored (by cause) and left out of the groups. */
function accounting(
  fu: FollowUp,
  grouping: Grouping,
  group: RereferralOptions['group'],
  loadExcluded: { code: string; reason: string; rows: number }[],
): Pick<RereferralResult, 'censored' | 'excluded'> & {
  notAtRisk: RereferralResult['episodes']['notAtRisk'];
} {
  // Most first; equal counts in the reasons' own order, not in the order the file happened to meet
  // them (which a summary from aggregates cannot know).
  const order = Object.keys(NOT_AT_RISK);
  const notAtRisk = Object.entries(fu.notAtRisk)
    .sort((a, b) => b[1] - a[1] || order.indexOf(a[0]) - order.indexOf(b[0]))
    .map(([code, episodes]) => ({ code, reason: NOT_AT_RISK[code] ?? code, episodes }));
  let dataEnd = 0;
  let birthday = 0;
  for (let k = 0; k < fu.n; k++) {
    if (fu.censorAt[k] === 1) dataEnd++;
    else if (fu.censorAt[k] === 2) birthday++;
  }
  const excluded: RereferralResult['excluded'] = loadExcluded.map((e) => ({
    code: e.code,
    reason: e.reason,
    count: e.rows,
    unit: 'rows' as const,
  }));
  if (group !== 'none' && grouping.missing > 0) {
    excluded.push({
      code: 'no-group',
      reason: `no ${grouping.title.toLowerCase()} (left out of the group curves, kept in the overall one)`,
      count: grouping.missing,
      unit: 'episodes',
    });
  }
  const censored: RereferralResult['censored'] = [
    { code: 'data-end', reason: 'still followed at the extract date', episodes: dataEnd },
    { code: 'birthday-18', reason: 'reached their 18th birthday', episodes: birthday },
  ];
  return { notAtRisk, censored, excluded };
}

/** Warnings about how follow-up was derived: estimated birthdays, overlapping or inconsistent episodes. */
function followUpWarnings(fu: FollowUp, ep: Pick<Episodes, 'inconsistentClosures'>): Warning[] {
  const warnings: Warning[] = [];
  if (fu.birthdayEstimated > 0) {
    warnings.push({
      code: 'birthday-estimated',
      message: `${fu.birthdayEstimated} episodes had no date of birth: their 18th birthday was estimated from the age at referral.`,
    });
  }
  if (fu.noBirthday > 0) {
    warnings.push({
      code: 'no-birthday',
      message: `${fu.noBirthday} episodes had neither a date of birth nor an age: they are followed to the extract date, not censored at 18.`,
    });
  }
  if (fu.overlapping > 0) {
    warnings.push({
      code: 'overlapping-episodes',
      message: `${fu.overlapping} episodes had a further referral of the same child while still open; re-referral is counted from the closure.`,
    });
  }
  if (ep.inconsistentClosures > 0) {
    warnings.push({
      code: 'inconsistent-closures',
      message: `${ep.inconsistentClosures} episodes record different closure dates or reasons on their rows; the latest closure is used.`,
    });
  }
  return warnings;
}

/**
 * Cumulative re-referral after closure by group: curves, log-rank test, Cox hazard ratios.
 * @param inputs `categories` (needed for group 'category'), `file` (for the result), `loadExcluded`
 *   (rows the data layer left out: passed through so the result accounts for every row)
 * @example rereferral(data, { group: 'age' }).groups.map((g) => g.at.months12.estimate)
 */
export function rereferral(
  data: AssessmentData,
  options: RereferralOptions = {},
  inputs: {
    categories?: RowCategories;
    file?: string;
    loadExcluded?: { code: string; reason: string; rows: number }[];
    warnings?: Warning[];
  } = {},
): RereferralResult {
  // Derived once the options are checked (rereferralFromFollowUp checks them first).
  return rereferralFromFollowUp(() => rowFollowUp(data, options, inputs), options, inputs);
}

/**
 * The follow-up of the rows, as rereferral derives it: episodes (or plans, or periods in care),
 * their follow-up, their groups, and the Cox fit on demand. Options are taken as given (unchecked:
 * rereferralFromFollowUp checks them).
 * @example rereferralFromFollowUp(rowFollowUp(data, { group: 'age' }), { group: 'age' }).n
 */
export function rowFollowUp(
  data: AssessmentData,
  options: RereferralOptions = {},
  inputs: { categories?: RowCategories } = {},
): FollowUpParts {
  const { outcome = 'rereferral', group = 'category', extractDate = null, reference = null } = options;
  const extractDay = extractDayOf(data, extractDate);
  const { ep, fu } =
    outcome === 'rereferral'
      ? (() => {
          const e = deriveEpisodes(data);
          return { ep: e, fu: rereferralFollowUp(data, e, extractDay) };
        })()
      : spellFollowUp(data, outcome === 'repeat-plan' ? 'cpp' : 'care', extractDay);
  const grouping = rereferralGrouping(data, ep, fu, group, inputs.categories);
  // The other characteristics adjust the group's ratios; the group itself is never its own covariate.
  const fitCox = () => {
    const gender = group === 'gender' ? null : rereferralGrouping(data, ep, fu, 'gender');
    const source = group === 'source' ? null : rereferralGrouping(data, ep, fu, 'source');
    return rereferralCox(fu, grouping, { gender, source, age: group !== 'age', reference });
  };
  return { ep, fu, grouping, extractDay, fitCox };
}

/** The follow-up a result is computed from: the rows path derives it; aggregates rebuild it from counts. */
export interface FollowUpParts {
  /** Spells in all (followed up or not), and those whose rows disagree on the closure. */
  ep: Pick<Episodes, 'n' | 'inconsistentClosures'>;
  fu: FollowUp;
  grouping: Grouping;
  extractDay: number;
  /**
   * The Cox fit, or null where only counts by group and time exist: it adjusts for age at closure
   * and episode length (continuous, in days), which such counts do not carry, so the hazard ratios
   * are left out with a warning saying so.
   */
  fitCox: (() => ReturnType<typeof rereferralCox>) | null;
}

/**
 * The result from follow-up already derived (the second half of rereferral).
 * @param parts the follow-up, or a function deriving it (called once the options are checked)
 * @example rereferralFromFollowUp(parts, { group: 'category' }).groups.length
 */
export function rereferralFromFollowUp(
  parts: FollowUpParts | (() => FollowUpParts),
  options: RereferralOptions = {},
  inputs: Parameters<typeof rereferralFits>[2] = {},
): RereferralResult {
  return rereferralFits(parts, options, inputs).result;
}

/**
 * What a result was computed from, for the monthly life tables (summary-life-tables.ts): the
 * follow-up and its Kaplan-Meier fits, pooled and by group (null for group 'none' or no episodes),
 * so the tables count what the curves counted without deriving and fitting it all again.
 */
export interface RereferralFits {
  parts: FollowUpParts;
  overall: KaplanMeierResult;
  byGroup: KaplanMeierGroupsResult | null;
}

/**
 * rereferralFromFollowUp's result with the fits behind it (see RereferralFits).
 * @example rereferralFits(() => rowFollowUp(data), {}).byGroup?.groups.length
 */
export function rereferralFits(
  parts: FollowUpParts | (() => FollowUpParts),
  {
    outcome = 'rereferral',
    group = 'category',
    confType = 'log-log',
    confLevel = 0.95,
    horizonMonths = 72,
    reference = null,
    maxPoints = 300,
    cox = true,
  }: RereferralOptions = {},
  inputs: {
    categories?: RowCategories;
    file?: string;
    loadExcluded?: { code: string; reason: string; rows: number }[];
    warnings?: Warning[];
  } = {},
): { result: RereferralResult } & RereferralFits {
  check({ outcome, group, confType, confLevel, horizonMonths, maxPoints, cox });
  const derived = typeof parts === 'function' ? parts() : parts;
  const { ep, fu, grouping, extractDay, fitCox } = derived;
  const warnings: Warning[] = [...(inputs.warnings ?? [])];
  const kmOptions = { confType, confLevel, at: AT_DAYS, quantiles: [] };

  const overallKm = kaplanMeier(fu.days, fu.event, kmOptions);
  const horizonDays = horizonDaysOf(fu, horizonMonths, warnings);
  const curveOptions = { horizonDays, maxPoints };
  const overall = rereferralCurve(overallKm, { level: 'all', label: 'All episodes', ...curveOptions });
  const { groups, logRank, byGroup } =
    group !== 'none' && fu.n > 0
      ? groupCurves(fu, grouping, kmOptions, curveOptions)
      : { groups: [overall], logRank: null, byGroup: null };

  let coxResult: RereferralResult['cox'] = null;
  if (cox && group !== 'none' && fu.n > 0 && fitCox) {
    const fit = fitCox();
    coxResult = fit.cox;
    warnings.push(...fit.warnings);
  } else if (cox && group !== 'none' && fu.n > 0) {
    warnings.push({
      code: 'cox-needs-rows',
      message:
        'No hazard ratios: they adjust for age and episode length in days, which aggregates do not carry (the rows give them).',
    });
  }
  const { notAtRisk, censored, excluded } = accounting(fu, grouping, group, inputs.loadExcluded ?? []);
  warnings.push(...followUpWarnings(fu, ep), ...overallKm.warnings);

  const result: RereferralResult = {
    method: 'rereferral',
    version: VERSION,
    file: inputs.file ?? null,
    options: {
      outcome,
      group,
      confType,
      confLevel,
      horizonMonths,
      extractDate: dayToIso(extractDay),
      reference: coxResult?.reference.level ?? reference ?? null,
    },
    groupTitle: grouping.title,
    categorySource: group === 'category' ? (inputs.categories?.source ?? null) : null,
    horizonMonths: Math.round((horizonDays / DAYS_PER_MONTH) * 1e4) / 1e4,
    episodes: { total: ep.n, atRisk: fu.n, notAtRisk },
    n: fu.n,
    events: overallKm.nEvents,
    censored,
    excluded,
    overall,
    groups,
    logRank,
    cox: coxResult,
    benchmarks: OUTCOME_BENCHMARKS[outcome].map((b) => ({ ...b })),
    warnings,
  };
  return { result, parts: derived, overall: overallKm, byGroup };
}
