// Shapes of the synthetic council: its options, its rows (keyed by the DESIGN.md column names, every
// value the text of its CSV cell, '' when empty, so rows can be handed to an element's `data`
// property as they are) and the truth it planted (plain JSON, so tests can check recovery).

/** Options of every synthesise* function. */
export interface SynthOptions {
  /** Assessment rows to write (default 25,000: a mid-sized council over ten years). */
  assessments?: number;
  /** Seed of every random draw (default 1): the same seed gives the same bytes. */
  seed?: number;
  /** First and last referral dates, ISO (default 2014-04-01 to 2024-03-31). */
  start?: string;
  end?: string;
  /** Date of the extract (default `end`): later dates are unknown, so episodes still open are blank. */
  extractDate?: string;
  /** Pupils not known to children's social care per known pupil, by key stage and year (default 4). */
  comparisonRatio?: number;
}

export const ASSESSMENT_COLUMNS = [
  'child_id',
  'referral_date',
  'assessment_date',
  'factors',
  'closure_date',
  'closure_reason',
  'referral_source',
  'primary_need',
  'date_of_birth',
  'gender',
  'ethnicity',
  'disability',
  'imd_decile',
  'cpp_start_date',
  'cpp_end_date',
  'cpp_category',
  'care_start_date',
  'care_end_date',
] as const;

export const PUPIL_COLUMNS = [
  'pupil_id',
  'child_id',
  'key_stage',
  'year',
  'attainment8',
  'ks2_rwm_expected',
  'ks2_reading',
  'ks2_maths',
  'fsm',
  'sen',
  'gender',
  'ethnicity',
  'idaci_decile',
  'prior_attainment',
  'severe_absence',
  'persistent_absence',
  'suspended',
  'permanently_excluded',
] as const;

export type AssessmentRow = Record<(typeof ASSESSMENT_COLUMNS)[number], string>;
export type PupilRow = Record<(typeof PUPIL_COLUMNS)[number], string>;

/** Planted effects of one attainment outcome: outcome = intercept + sum of effects + bounded noise. */
export interface PlantedOutcome {
  /** Value for a boy not known to social care, no FSM, no SEN, White, IDACI decile 1 (and prior 100). */
  intercept: number;
  fsm: number;
  sen: { none: 0; support: number; ehcp: number };
  gender: Record<string, number>;
  ethnicity: Record<string, number>;
  /** Per IDACI decile above 1 (linear). */
  idaciDecile: number;
  /** Per point of prior attainment above 100 (KS4 only; 0 at KS2). */
  priorAttainment: number;
  /** Adjusted gap of each category to pupils not known to children's social care (0). */
  categories: Record<string, number>;
  /** Known to social care, latest assessment before the exam without factors. */
  uncategorised: number;
}

/** Everything the generator planted, for recovery tests. Plain JSON. */
export interface SynthTruth {
  seed: number;
  options: Required<SynthOptions>;
  /** 12: the number of latent classes. */
  nClasses: number;
  /** Factor codes the profiles cover (the LCA items). */
  factorCodes: string[];
  categories: {
    id: string;
    name: string;
    /** Planted share of assessments (the national share, normalised). */
    share: number;
    /** Share of the generated rows. */
    realisedShare: number;
    profile: Record<string, number>;
    /** Planned assessments FY2020-21 over FY2014-15. */
    growth: number;
    /** Re-referral hazard ratio against domestic abuse as a single factor. */
    hazardRatio: number;
    /** True P(re-referred within 365 days / 2191 days of closure), before censoring. */
    rereferral: { months12: number; years6: number };
    /** Planned outcome of the assessment. */
    outcome: { nfa: number; cinPlan: number; cpp: number; care: number };
  }[];
  rows: {
    /** Planted category of each assessment row (index into `categories`), in file order. */
    category: number[];
    /** Rows written without factors (an empty cell or 21 alone): the analyses leave them out. */
    noFactors: number[];
    /**
     * Planted probabilities of each row's assessment outcome (params.ts GRADIENT, the category's
     * rates, raised after an earlier plan or care): no further action, a protection plan, care; the
     * rest is child in need support. A pathways estimate converges to the mean of these over the
     * rows it uses (and a logistic model to the fit of these probabilities), except for the few
     * episodes cut short by an 18th birthday before the plan or care began.
     */
    pathway: { nfa: number[]; cpp: number[]; care: number[] };
  };
  /** How school outcomes were planted (school-outcomes.ts): rates not known, for children in need, multipliers by category. */
  schoolOutcomes: {
    notKnown: Record<string, number>;
    childrenInNeed: Record<string, number>;
    multipliers: Record<string, Record<string, number>>;
  };
  /** How plan categories (cpp_category) were planted from the factors recorded (plan-category.ts). */
  planCategories: {
    /** Several abuse categories recorded: the plan is MUL with this probability, else the first. */
    multiple: number;
    /** No abuse category recorded: the plan's category drawn with these probabilities. */
    noneRecorded: Record<string, number>;
  };
  /** The planted social gradient (params.ts GRADIENT): log odds per decile more deprived. */
  gradient: { base: number; under5: number; byCategory: Record<string, number> };
  /** Generated rows by financial year ('2014-15') and category (in `categories` order). */
  byYear: { year: string; counts: number[] }[];
  rereferral: {
    target: { months12: number; years6: number };
    /** Weibull proportional hazards: H(t) = scale * hazardRatio * t^shape, t in years. */
    baseline: { shape: number; scale: number };
    /** Mean of the true probabilities over the at-risk closures (RC7/RC8) in the file. */
    months12: number;
    years6: number;
    /** What a pooled Kaplan-Meier converges to under the file's own censoring (extract date, 18th
     * birthdays), which differ by category; by category the estimates are consistent as they stand. */
    expectedKm: { months12: number; years6: number };
    closuresAtRisk: number;
    /** Category ids from the highest re-referral hazard to the lowest. */
    hazardOrder: string[];
  };
  /** Planted repeat-plan hazards (params.ts REPEAT_HAZARDS.plan, repeat-hazards.ts). */
  repeatPlans: RepeatTruth & {
    /** Plans starting in the window that were the child's second or later (burn-in included). */
    secondOrLater: number;
    plansStarted: number;
  };
  /** Planted re-entry-to-care hazards (params.ts REPEAT_HAZARDS.care). */
  careReentry: RepeatTruth;
  outcomes: { planned: Record<string, number>; realised: Record<string, number> };
  attainment: {
    ks4Attainment8: PlantedOutcome;
    ks2Reading: PlantedOutcome;
    ks2Maths: PlantedOutcome;
    /** KS2 RWM expected is derived (reading >= 100, maths >= 100, writing at the expected standard):
     * no linear effect is planted for it. */
    note: string;
    /** Realised means by group. */
    means: Record<string, number>;
    /** Pupils whose linear predictor was clamped into range (a small bias for them). */
    clamped: number;
  };
  pupils: {
    /** Group of each pupil row: -1 not known to social care, 0-11 category, 12 uncategorised. */
    group: number[];
  };
  counts: Record<string, number>;
}

/** Planted hazards of a repeat plan or of re-entry to care, by the category of the ended one. */
export interface RepeatTruth {
  /** Proportional hazards against domestic abuse as a single factor (1), by category id. */
  hazardRatio: Record<string, number>;
  /** Baseline cumulative hazard theta (1 - S_ref(t)^m) / m (repeat-hazards.ts). */
  theta: number;
  m: number;
  /** Planted P(next plan / period in care within 12 months, 5 and 6 years of the end), before censoring. */
  byCategory: Record<string, { months12: number; years5: number; years6: number }>;
  /** The same, averaged over the file's spells at risk (ended by the extract date before the 18th
   * birthday; for care not by adoption or death), and their number. */
  expected: { months12: number; years5: number; years6: number };
  spellsAtRisk: number;
  /** Probability mass the generator could not deliver (repeat-hazards.ts), largest over categories: 0 when exact. */
  capped: number;
}
