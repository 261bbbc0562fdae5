// Shapes of the pathways analysis (pathways.ts): what happened after each assessment, by demand
// category; plain JSON that crosses postMessage and can be published (null where a number is not
// known, never NaN).
import type { Warning } from '../warnings.js';

/** The highest intervention within the window: no further action, child in need only, plan, care. */
export type PathwayOutcome = 'nfa' | 'cin' | 'cpp' | 'care';
export const PATHWAY_OUTCOMES: readonly PathwayOutcome[] = ['nfa', 'cin', 'cpp', 'care'];
export const PATHWAY_LABELS: Record<PathwayOutcome, string> = {
  nfa: 'No further action',
  cin: 'Child in need support only',
  cpp: 'Child protection plan',
  care: 'Care',
};

/** What the social gradient is split by. */
export type GradientSplit = 'none' | 'age' | 'neglect' | 'ethnicity';
export const GRADIENT_SPLITS: readonly GradientSplit[] = ['none', 'age', 'neglect', 'ethnicity'];

export interface PathwaysOptions {
  /** Months after authorisation in which the highest intervention is sought; defaults to 12. */
  windowMonths?: number;
  /** ISO date of the extract; defaults to the latest date in the file. Windows must end by it. */
  extractDate?: string | null;
  /** The category the odds ratios compare against; defaults to the largest. */
  reference?: string | null;
  /** Split of the gradient; defaults to 'age' (under 5 against older). */
  split?: GradientSplit;
  /** Confidence level of every interval; defaults to 0.95. */
  level?: number;
  /** Fit the adjusted models, the gradient and the plan categories; default true. */
  models?: boolean;
}

/** One outcome's share of a group's assessments. */
export interface PathwayShare {
  outcome: PathwayOutcome;
  count: number;
  /** count / n with its Wilson interval; null when n = 0. */
  share: number | null;
  lower: number | null;
  upper: number | null;
  /** Against the council's overall share: 'higher' or 'lower' when the interval excludes it. */
  vsCouncil: 'higher' | 'lower' | null;
}

export interface PathwayGroup {
  level: string;
  label: string;
  n: number;
  shares: PathwayShare[];
}

/** An odds ratio from a logistic model, with the records it rests on. */
export interface PathwayOddsRatio {
  term: string;
  level: string | null;
  label: string;
  kind: 'category' | 'covariate';
  or: number | null;
  lower: number | null;
  upper: number | null;
  p: number | null;
  coef: number | null;
  se: number | null;
  /** Assessments at the term's level (factor terms), and at its factor's reference level. */
  n: number | null;
  referenceN: number | null;
}

export interface PathwayModel {
  outcome: 'plan' | 'care';
  /** Assessments in the model (with age band, gender and ethnic group known) and those with the outcome. */
  n: number;
  events: number;
  terms: PathwayOddsRatio[];
  converged: boolean;
  warnings: Warning[];
}

export interface PathwaysAdjusted {
  reference: { level: string; label: string; n: number };
  adjustedFor: string[];
  plan: PathwayModel;
  care: PathwayModel;
}

export interface GradientPoint {
  decile: number;
  n: number;
  events: number;
  share: number | null;
  lower: number | null;
  upper: number | null;
}

/** Odds ratio per decile more deprived (decile 1 the most deprived), from a logistic model. */
export interface GradientSlope {
  coef: number | null;
  se: number | null;
  or: number | null;
  lower: number | null;
  upper: number | null;
  p: number | null;
}

export interface GradientGroup {
  level: string;
  label: string;
  n: number;
  events: number;
  deciles: GradientPoint[];
  slope: GradientSlope;
}

export interface PathwaysGradient {
  /** The outcome: a child protection plan or care within the window. */
  outcome: 'plan-or-care';
  split: GradientSplit;
  splitTitle: string;
  n: number;
  events: number;
  overall: GradientGroup;
  groups: GradientGroup[];
  /** Likelihood-ratio test that the slope is the same in every group (split x decile interaction). */
  interaction: { chisq: number; df: number; p: number | null } | null;
  warnings: Warning[];
}

export interface PlanCategoryRow {
  /** CIN census InitialCategoryOfAbuse: NEG, PHY, SAB, EMO, MUL. */
  category: string;
  label: string;
  /** The factor codes that record it at assessment. */
  factors: string[];
  plans: number;
  /** Plans whose assessment recorded none of `factors`, with the share and its Wilson interval. */
  notRecorded: number;
  share: number | null;
  lower: number | null;
  upper: number | null;
}

export interface PathwaysPlans {
  plans: number;
  /** Plans with no category, or one outside NEG, PHY, SAB, EMO, MUL. */
  uncategorised: number;
  rows: PlanCategoryRow[];
}

export interface PathwaysResult {
  method: 'pathways';
  version: string;
  file: string | null;
  options: Required<Omit<PathwaysOptions, 'extractDate' | 'reference'>> & {
    extractDate: string;
    reference: string | null;
  };
  categorySource: string | null;
  /** Assessments whose window ended by the extract date and that have a category. */
  n: number;
  excluded: { code: string; reason: string; count: number; unit: 'rows' | 'assessments' }[];
  overall: PathwayGroup;
  categories: PathwayGroup[];
  england: { shares: Record<PathwayOutcome, number>; source: string; definition: string };
  adjusted: PathwaysAdjusted | null;
  gradient: PathwaysGradient | null;
  plans: PathwaysPlans | null;
  warnings: Warning[];
}
