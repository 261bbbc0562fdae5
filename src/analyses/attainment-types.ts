// Shapes of the attainment-gap analysis (attainment.ts): its options, the outcomes it knows, and the
// plain-JSON result the worker returns, the CLI prints and <attainment-gap-table> renders.
import type { Warning } from '../warnings.js';

/** The outcome columns of the pupils file (DESIGN.md "Pupils"). */
export type AttainmentOutcome =
  | 'attainment8'
  | 'ks2_rwm_expected'
  | 'ks2_reading'
  | 'ks2_maths'
  | 'severe_absence'
  | 'persistent_absence'
  | 'suspended'
  | 'permanently_excluded';

/** What the gaps are measured against. */
export type AttainmentComparison = 'not-known' | 'all';

/** A published national figure for an outcome: children in need against all pupils. */
export interface OutcomeNational {
  childrenInNeed: number;
  allPupils: number;
  source: string;
  definition: string;
}

export interface OutcomeInfo {
  id: AttainmentOutcome;
  /** The key stage the outcome belongs to; null for school outcomes of the exam year (either). */
  keyStage: 2 | 4 | null;
  label: string;
  /** 'points' (a score: gaps in points) or 'proportion' (0/1: means and gaps shown as percentages). */
  scale: 'points' | 'proportion';
  /** 'ols' (linear regression) or 'lpm' (the linear probability model of a 0/1 outcome). */
  model: 'ols' | 'lpm';
  /** DfE's national figures, where published, as context (not a comparison of like with like). */
  national?: OutcomeNational | null;
}

const schoolOutcome = (
  id: AttainmentOutcome,
  label: string,
  national: OutcomeNational | null = null,
): OutcomeInfo => ({
  id,
  keyStage: null,
  label,
  scale: 'proportion',
  model: 'lpm',
  national,
});

export const OUTCOMES: Record<AttainmentOutcome, OutcomeInfo> = {
  attainment8: { id: 'attainment8', keyStage: 4, label: 'Attainment 8', scale: 'points', model: 'ols' },
  ks2_rwm_expected: {
    id: 'ks2_rwm_expected',
    keyStage: 2,
    label: 'reading, writing and maths at the expected standard',
    scale: 'proportion',
    model: 'lpm',
  },
  ks2_reading: {
    id: 'ks2_reading',
    keyStage: 2,
    label: 'reading scaled score',
    scale: 'points',
    model: 'ols',
  },
  ks2_maths: { id: 'ks2_maths', keyStage: 2, label: 'maths scaled score', scale: 'points', model: 'ols' },
  severe_absence: schoolOutcome('severe_absence', 'severe absence (missing 50% or more of sessions)', {
    childrenInNeed: 0.101,
    allPupils: 0.022,
    source: 'Department for Education, Outcomes for children in need, including children looked after',
    definition: 'pupils missing 50% or more of possible sessions in the school year',
  }),
  persistent_absence: schoolOutcome(
    'persistent_absence',
    'persistent absence (missing 10% or more of sessions)',
  ),
  suspended: schoolOutcome('suspended', 'at least one suspension in the year'),
  permanently_excluded: schoolOutcome('permanently_excluded', 'permanent exclusion in the year'),
};

/** The outcome used when none is given: Attainment 8 at KS4, the expected standard at KS2. */
export const DEFAULT_OUTCOME: Record<2 | 4, AttainmentOutcome> = { 4: 'attainment8', 2: 'ks2_rwm_expected' };

export interface AttainmentOptions {
  /** 2 or 4 (default 4). */
  keyStage?: 2 | 4;
  /** Defaults to DEFAULT_OUTCOME[keyStage]; must belong to the key stage. */
  outcome?: AttainmentOutcome;
  /** 'not-known' (default): pupils not known to children's social care; 'all': all pupils. */
  comparison?: AttainmentComparison;
  /** Exam years to include (default: every year in the file at the key stage). */
  years?: number[] | null;
  /** Rows of 1 to `threshold` pupils are suppressed (shown as `c`); default 5, the DfE convention. */
  threshold?: number;
  /** Robust standard errors (default 'hc1'); null for the classical ones (not advised for the LPM). */
  robust?: 'hc0' | 'hc1' | 'hc2' | 'hc3' | null;
}

/** Progress (stages done of the total) and cancellation (a checkpoint that throws) for attainmentAsync. */
export interface AttainmentHooks {
  onProgress?: (done: number, total: number) => void;
  checkpoint?: () => Promise<void>;
}

/** Demand categories of the assessments: one label per category, each row's category (-1 = none). */
export interface AssessmentCategories {
  labels: string[];
  /** Parallel to the assessment rows: index into labels, -1 for no category (no factors recorded). */
  ofAssessment: Int32Array;
  /** Where the categories came from, said in the result (e.g. 'national model', 'primary need'). */
  source?: string;
}

export type AttainmentRowKind = 'category' | 'uncategorised' | 'all-cin' | 'not-known' | 'all';

/** One row of the table. Numbers are null when suppressed, undefined by the data or the reference. */
export interface AttainmentRow {
  /** Stable id: `category:<index>`, 'uncategorised', 'all-cin', 'not-known', 'all'. */
  id: string;
  kind: AttainmentRowKind;
  label: string;
  /** Pupils in the analysis (null when suppressed). */
  n: number | null;
  /** Mean outcome (a proportion for the expected standard). */
  mean: number | null;
  /** Mean minus the comparison group's mean. */
  rawGap: number | null;
  /** Difference from the comparison group holding the covariates fixed, with its 95% interval. */
  adjustedGap: number | null;
  se: number | null;
  lower: number | null;
  upper: number | null;
  p: number | null;
  /** True for the comparison group's own row (gaps are measured from it). */
  reference: boolean;
  /** null, 'primary' (1 to threshold pupils) or 'secondary' (protects a primary suppression). */
  suppressed: null | 'primary' | 'secondary';
}

export interface AttainmentTerm {
  term: string;
  estimate: number | null;
  se: number | null;
  lower: number | null;
  upper: number | null;
  p: number | null;
  /** The term of a suppressed category: its figures are withheld. */
  suppressed?: boolean;
  /**
   * Pupils in the model at the term's level (factor terms: group, sen, gender, ethnicity, IDACI
   * decile, exam year), or at 1 of a 0/1 covariate (fsm); null for the intercept and other numeric
   * covariates (prior attainment).
   * Disclosure control withholds a coefficient resting on a few pupils (src/publish/).
   */
  n?: number | null;
  /** Pupils in the model at the factor's reference level (each coefficient is a contrast with it). */
  referenceN?: number | null;
}

export interface AttainmentModel {
  /** 'ols' or 'lpm' (linear probability model). */
  type: 'ols' | 'lpm';
  robust: 'hc0' | 'hc1' | 'hc2' | 'hc3' | null;
  n: number;
  df: number;
  r2: number | null;
  adjR2: number | null;
  /** Covariates adjusted for, as a reader names them. */
  covariates: string[];
  terms: AttainmentTerm[];
  warnings: Warning[];
}

export interface AttainmentResult {
  method: 'attainment-gap';
  version: string;
  options: Required<Omit<AttainmentOptions, 'years'>> & { years: number[] | null };
  outcome: OutcomeInfo;
  comparisonLabel: string;
  /** Exam years in the analysis, ascending. */
  years: number[];
  /** Where the demand categories came from. */
  categorySource: string;
  rows: AttainmentRow[];
  /** The regression (null when there is nothing to compare). */
  model: AttainmentModel | null;
  /** Pupils in the analysis. */
  n: number;
  /** Rows of the pupils file at the key stage and in the years asked for. */
  rowsInScope: number;
  /** Rows of the pupils file read (all key stages and years). */
  rowsRead: number;
  /** Rows in scope left out, by reason. */
  excluded: { code: string; reason: string; rows: number }[];
  rowsExcluded: number;
  /** The files as read (added by the worker): rows the reader could not use, by reason. */
  inputs?: {
    kind: 'assessments' | 'pupils';
    file: string;
    rowsRead: number;
    rowsExcluded: number;
    excluded: { code: string; reason: string; rows: number }[];
  }[];
  warnings: Warning[];
}
