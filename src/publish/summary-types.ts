// The published summary (`format: 'csc-demand-summary'`, schema version SUMMARY_VERSION): what the
// three elements show, aggregates only, with disclosure control applied. Each section has the shape
// of the analysis result its element renders, so an element renders a section through the same code
// path as a result from the worker. The exact mapping, result -> section:
//
// Every section: counts (numbers of assessments, episodes, children, pupils, rows) become `Published`
// (a whole number, 0 or above the threshold, or a symbol: `c` suppressed). Statistics computed from a
// suppressed count (a share, a mean, a gap, a hazard ratio, a curve) become null and the row or
// group says `suppressed`. Warnings keep their code; a message that quotes a count from 1 to the
// threshold is replaced by a sentence saying so. `version` is the package version that made it.
//
// rereferral (RereferralResult -> PublishedRereferral):
// - episodes.total, episodes.atRisk, episodes.notAtRisk[].episodes, n, events, censored[].episodes,
//   excluded[].count: Published (the episode, group, censoring and Cox tables are suppressed
//   together, src/publish/publish-rereferral.ts).
// - overall and groups[] (RereferralCurve -> PublishedRereferralCurve): n, events, censored
//   Published; months/estimate/lower/upper on a monthly grid (whole months; months merged where a
//   step would show 1 to threshold re-referrals or episodes leaving follow-up; cut where threshold
//   or fewer remain followed), with the new parallel arrays nRisk (followed at that month) and nEvent
//   (re-referrals since the previous point); at.months12/years6.nRisk and risk[].nRisk Published
//   (`c` at a month the grid leaves out); lastMonths the last month published; thinned true; new
//   `suppressed` (the group's counts are suppressed: its curve arrays are empty and `at` null).
//   When grouped, overall keeps n, events, censored and its estimates, but its at-risk and event
//   counts are `c` (with the groups' they would give the counts of the episodes without a group).
// - horizonMonths: whole months (the longest follow-up is one child's).
// - logRank.groups[]: n, observed Published, expected null where observed is suppressed.
// - cox: n, events, excluded[].episodes Published; terms[] withheld (null figures, `suppressed:
//   true`, new optional `suppressedReason`): those of suppressed groups ('suppressed-group'), and
//   every factor term (group, gender, referral source) whose level has 1 to threshold episodes in
//   the model ('small-level') or whose factor's reference level has ('small-reference'). The terms'
//   level counts (`n`, `referenceN`) are not published.
// attainment (AttainmentResult -> PublishedAttainment; one per key stage and outcome):
// - rows[].n, n, rowsInScope, rowsRead, rowsExcluded, excluded[].rows: Published; rows[] whose n is
//   suppressed (by the formal control, which may hide more rows than the analysis did) have mean,
//   gaps, interval and p null and `suppressed` set; model.n Published (model null when all pupils'
//   number is suppressed); for a 0/1 outcome (KS2 expected standard) a row's mean and raw gap are
//   null where the pupils reaching the standard, or those not, are suppressed (1 to threshold, or
//   hidden to protect such a number: they are tables of their own, publish-attainment.ts), and a
//   warning 'means-withheld' says so; model.terms withheld (null figures, `suppressed: true`, new optional
//   `suppressedReason`): those of suppressed categories ('suppressed-group'), and every factor term
//   (category, sen, gender, ethnicity, IDACI decile, exam year) whose level has 1 to threshold pupils
//   in the model ('small-level') or whose factor's reference level has ('small-reference', and then
//   the intercept too); the terms' level counts (`n`, `referenceN`) not published;
//   options.threshold the summary's; `inputs` dropped.
// demand (DemandResult -> PublishedDemand):
// - n, classified, noFactors, outsideItems, excluded[].rows, categories[].count, years[].total,
//   years[].counts[], characteristics[].n, characteristics[].categories[].count, fit.n,
//   codes.ignored[].count, codes.mapped[].count, codes.missingBeforeIntroduced[].rows: Published.
//   Suppressed together (publish-demand.ts): category x year with its totals; category x group for
//   each of gender, age band and ethnicity (same category totals, classified as grand total);
//   classified + no factors + outside the model = assessments in the period.
// - categories[]: share, lower, upper (Wilson, from the unrounded counts), modelShare and comparison
//   null where the count (or classified) is suppressed (share x classified would give it back);
//   new `suppressed`. years[].index null where its count or the base year's is suppressed.
//   characteristics' share, ratio and interval null unless the cell, the group, the category total
//   and classified are all published (ratio = share / overall share gives the others back).
// - profiles.probabilities and categories[].factors[].probability: null where the category's count
//   is suppressed, or where count x P or count x (1 - P) rounds to 1..threshold (a profile cell is
//   the share of the category's assessments recording the factor: a count in disguise; the national
//   scheme's own probabilities are published as they are). fits[].smallestShare of the chosen
//   model null when a category is suppressed. localScheme null (a model file for the analyst).
import type { Published } from './disclosure.js';
import type {
  RereferralAt,
  RereferralCox,
  RereferralCurve,
  RereferralHazardRatio,
  RereferralLogRank,
  RereferralResult,
} from '../analyses/rereferral-types.js';
import type {
  AttainmentModel,
  AttainmentResult,
  AttainmentRow,
  AttainmentTerm,
} from '../analyses/attainment-types.js';
import type {
  DemandCategory,
  DemandCharacteristic,
  DemandFitRow,
  DemandResult,
  DemandYear,
} from '../analyses/demand-types.js';
import type { Warning } from '../warnings.js';
import type { TermSuppression } from './withhold-term.js';
import type { PublishedPathways } from './publish-pathways.js';

export type { Published, TermSuppression };

export const SUMMARY_FORMAT = 'csc-demand-summary';
/** Major.minor: a reader of 1.x loads every 1.y (minor versions only add optional fields). */
export const SUMMARY_VERSION = '1.1';

export type SymbolCode = 'c' | 'z' | 'x' | 'low';

export interface SummarySymbol {
  symbol: SymbolCode;
  meaning: string;
}

export interface SummaryMetadata {
  /** The area the figures describe (e.g. 'Exampleshire County Council'); null if not given. */
  areaName: string | null;
  /** Financial years (April to March) of the assessments: first and last, e.g. '2014-15'. */
  period: { from: string | null; to: string | null };
  /** ISO date of the extract (follow-up ends there). */
  extractDate: string | null;
  /** The csc-demand-widgets version that made the summary. */
  packageVersion: string;
  /** When the summary was made (ISO date-time), as the caller gave it. */
  generatedAt: string | null;
  /** The methods' options, for a reader to reproduce the figures. */
  methods: {
    model: 'national' | 'local';
    rereferral: PublishedRereferral['options'] | null;
    attainment: PublishedAttainment['options'][];
    demand: PublishedDemand['options'] | null;
  };
  disclosure: {
    rule: 'dfe-suppression';
    /** Counts from 1 to this are shown as `c`. */
    threshold: number;
    secondary: true;
    description: string;
  };
}

export interface PublishedRereferralAt extends Omit<RereferralAt, 'nRisk'> {
  nRisk: Published;
}

export interface PublishedRereferralCurve extends Omit<
  RereferralCurve,
  'n' | 'events' | 'censored' | 'at' | 'risk'
> {
  n: Published;
  events: Published;
  censored: Published;
  /** Episodes still followed at `months[k]` (follow-up of at least that long). */
  nRisk: Published[];
  /** Re-referrals from `months[k - 1]` to `months[k]` (0 at the first point). */
  nEvent: Published[];
  at: { months12: PublishedRereferralAt; years6: PublishedRereferralAt };
  risk: { months: number; nRisk: Published }[];
  /** The group's counts are suppressed: no curve, no estimates. */
  suppressed: boolean;
}

export interface PublishedHazardRatio extends Omit<RereferralHazardRatio, 'n' | 'referenceN'> {
  /** The term's figures are withheld (hr, lower, upper, p, coef, se null). */
  suppressed?: boolean;
  /** Why, when suppressed (withhold-term.ts). */
  suppressedReason?: TermSuppression;
}

/** A term of the attainment model as published: its level counts are not published. */
export interface PublishedAttainmentTerm extends Omit<AttainmentTerm, 'n' | 'referenceN'> {
  /** Why, when suppressed (withhold-term.ts). */
  suppressedReason?: TermSuppression;
}

export interface PublishedRereferral extends Omit<
  RereferralResult,
  'episodes' | 'n' | 'events' | 'censored' | 'excluded' | 'overall' | 'groups' | 'logRank' | 'cox'
> {
  episodes: {
    total: Published;
    atRisk: Published;
    notAtRisk: { code: string; reason: string; episodes: Published }[];
  };
  n: Published;
  events: Published;
  censored: { code: 'data-end' | 'birthday-18'; reason: string; episodes: Published }[];
  excluded: { code: string; reason: string; count: Published; unit: 'rows' | 'episodes' }[];
  overall: PublishedRereferralCurve;
  groups: PublishedRereferralCurve[];
  logRank:
    | (Omit<RereferralLogRank, 'groups'> & {
        groups: {
          level: string;
          label: string;
          n: Published;
          observed: Published;
          expected: number | null;
        }[];
      })
    | null;
  cox:
    | (Omit<RereferralCox, 'n' | 'events' | 'excluded' | 'terms'> & {
        n: Published;
        events: Published;
        excluded: { reason: string; episodes: Published }[];
        terms: PublishedHazardRatio[];
      })
    | null;
}

export interface PublishedAttainmentRow extends Omit<AttainmentRow, 'n'> {
  n: Published;
}

export interface PublishedAttainment extends Omit<
  AttainmentResult,
  'rows' | 'model' | 'n' | 'rowsInScope' | 'rowsRead' | 'excluded' | 'rowsExcluded' | 'inputs'
> {
  rows: PublishedAttainmentRow[];
  model: (Omit<AttainmentModel, 'n' | 'terms'> & { n: Published; terms: PublishedAttainmentTerm[] }) | null;
  n: Published;
  rowsInScope: Published;
  rowsRead: Published;
  excluded: { code: string; reason: string; rows: Published }[];
  rowsExcluded: Published;
}

export interface PublishedDemandCategory extends Omit<
  DemandCategory,
  'count' | 'share' | 'lower' | 'upper' | 'modelShare' | 'factors'
> {
  count: Published;
  /** As the result's, the probability null where it rests on 1 to threshold assessments (as profiles). */
  factors: (Omit<DemandCategory['factors'][number], 'probability'> & { probability: number | null })[];
  share: number | null;
  lower: number | null;
  upper: number | null;
  modelShare: number | null;
  /** The count is suppressed: share, interval and comparison withheld. */
  suppressed: boolean;
}

export interface PublishedDemandYear extends Omit<DemandYear, 'total' | 'counts'> {
  total: Published;
  counts: Published[];
}

export interface PublishedDemandCharacteristic extends Omit<DemandCharacteristic, 'n' | 'categories'> {
  n: Published;
  categories: {
    count: Published;
    share: number | null;
    ratio: number | null;
    lower: number | null;
    upper: number | null;
  }[];
}

export interface PublishedDemand extends Omit<
  DemandResult,
  | 'n'
  | 'classified'
  | 'noFactors'
  | 'outsideItems'
  | 'excluded'
  | 'categories'
  | 'years'
  | 'characteristics'
  | 'fit'
  | 'fits'
  | 'codes'
  | 'localScheme'
  | 'profiles'
> {
  /**
   * As the result's, each probability null where the category's count is c or where it rests on 1
   * to threshold assessments: count x P or count x (1 - P) rounds to 1..threshold.
   */
  profiles: Omit<DemandResult['profiles'], 'probabilities'> & { probabilities: (number | null)[][] };
  n: Published;
  classified: Published;
  noFactors: Published;
  outsideItems: Published;
  excluded: { code: string; reason: string; rows: Published }[];
  categories: PublishedDemandCategory[];
  years: PublishedDemandYear[];
  characteristics: PublishedDemandCharacteristic[];
  fit: Omit<DemandResult['fit'], 'n'> & { n: Published };
  fits: (Omit<DemandFitRow, 'smallestShare'> & { smallestShare: number | null })[] | null;
  codes: {
    ignored: { code: string; count: Published }[];
    mapped: { from: string; to: string; count: Published }[];
    missingBeforeIntroduced: { code: string; from: string; rows: Published }[];
    unused: string[];
  };
  localScheme: null;
}

export interface Summary {
  format: typeof SUMMARY_FORMAT;
  /** 'major.minor' of the summary format (not the package). */
  schemaVersion: string;
  metadata: SummaryMetadata;
  /** The symbols the summary may use in place of a number, with their meaning. */
  symbols: SummarySymbol[];
  demand: PublishedDemand | null;
  rereferral: PublishedRereferral | null;
  /** One table per key stage and outcome (KS4 first). */
  attainment: PublishedAttainment[];
  /** What happened after assessments (publish-pathways.ts); absent in files before it. */
  pathways?: PublishedPathways | null;
  /** Repeat protection plans and re-entries to care: the re-referral section's shape. */
  repeatPlans?: PublishedRereferral | null;
  careReentry?: PublishedRereferral | null;
  /** Notes about the summary as a whole (sections left out and why). */
  warnings: Warning[];
}

export const SYMBOLS: SummarySymbol[] = [
  {
    symbol: 'c',
    meaning:
      'confidential: a count from 1 to the threshold, or a figure suppressed so that such a count cannot be worked out from the others',
  },
  { symbol: 'z', meaning: 'not applicable' },
  { symbol: 'x', meaning: 'not available' },
  { symbol: 'low', meaning: 'rounds to 0 but is not 0' },
];
