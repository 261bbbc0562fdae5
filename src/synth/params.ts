// The synthetic council's planted parameters, per national category (src/domain/national-scheme.ts holds
// the categories themselves: names, shares, profiles). Calibrated to the figures published by the
// Kingston University / NCB study (England, 2014-21) and DfE's Outcomes for children in need where
// they exist; the rest are plausible values chosen so the overall figures come out right:
// - growth FY2014-15 to FY2020-21: child mental health x2.11, risks in and outside the home x1.78,
//   complex domestic abuse x1.63, another person x1.52, risks outside the home x1.46, parental mental
//   health x1.46 (published); the others chosen so that all assessments grow by about 22%;
// - re-referral hazard ratios (proportional hazards, relative to domestic abuse as a single factor):
//   highest for risks in and outside the home, another person, risks outside the home and parental
//   mental health, as published; the baseline is solved in synth-calibrate.ts so that 30% of children
//   come back within 12 months and 59% within six years;
// - outcome after assessment: protection plan 32% after complex domestic abuse, 20% after another
//   person and after risks in and outside the home; care 16% after risks in and outside the home and
//   after complex domestic abuse, 11% after risks outside the home (published); overall about 40% no
//   further action, 45% a child in need plan only, 9% a protection plan, 5% care;
// - boys over-represented in disability, risks outside the home and physical abuse; girls in sexual
//   abuse, child mental health and risks in and outside the home; every category more common in
//   deprived areas (P(decile d) proportional to exp(-deprivation * (d - 1)), decile 1 most deprived);
// - attainment: adjusted gaps to pupils not known to children's social care (Attainment 8 points at
//   KS4, scaled-score points at KS2), worst after risks outside / in and outside the home, smallest
//   after single-factor physical or sexual abuse.

/** Planted parameters of one category. */
export interface CategoryPlan {
  /** Assessments in FY2020-21 over FY2014-15; level after 2020-21, as before 2014-15. */
  growth: number;
  /** Re-referral hazard ratio against domestic abuse as a single factor (1). */
  hazardRatio: number;
  /** Outcome of the assessment: no further action, protection plan, care; the rest a CIN plan only. */
  nfa: number;
  cpp: number;
  care: number;
  /** P(boy). */
  male: number;
  /** Weights of age at referral 0-4, 5-9, 10-15, 16-17 (uniform within each band). */
  ages: readonly [number, number, number, number];
  /** Slope of the deprivation gradient (larger: more concentrated in deprived areas). */
  deprivation: number;
  /** Extra log odds of a plan or care per decile more deprived, beyond GRADIENT (default 0). */
  gradient?: number;
  /** P(disability recorded). */
  disabled: number;
  /** Weights of primary need codes N1-N9. */
  need: readonly [number, number, number, number, number, number, number, number, number];
  /** Multipliers of the referral source mix: police, schools, health. */
  source: readonly [number, number, number];
  /** Pupils: P(free school meals), P(SEN support), P(EHC plan). */
  fsm: number;
  senSupport: number;
  ehcp: number;
  /** Planted adjusted gap: Attainment 8 points (KS4), scaled-score points for reading and maths (KS2). */
  ks4: number;
  ks2: number;
}

const plan = (p: CategoryPlan): CategoryPlan => p;

/** Planted parameters by national category id (same order as NATIONAL_SCHEME.categories). */
export const CATEGORY_PLANS: Readonly<Record<string, CategoryPlan>> = {
  'domestic-abuse': plan({
    growth: 1.08,
    hazardRatio: 1.0,
    nfa: 0.45,
    cpp: 0.08,
    care: 0.02,
    male: 0.5,
    ages: [0.36, 0.3, 0.28, 0.06],
    deprivation: 0.16,
    disabled: 0.04,
    need: [60, 1, 3, 12, 20, 1, 1, 1, 1],
    source: [3, 0.8, 0.8],
    fsm: 0.55,
    senSupport: 0.22,
    ehcp: 0.05,
    ks4: -22.5,
    ks2: -1,
  }),
  'parental-mental-health': plan({
    growth: 1.46,
    hazardRatio: 1.3,
    nfa: 0.38,
    cpp: 0.1,
    care: 0.05,
    male: 0.5,
    ages: [0.36, 0.3, 0.28, 0.06],
    deprivation: 0.2,
    disabled: 0.06,
    need: [40, 1, 25, 15, 15, 1, 2, 1, 0.5],
    source: [1, 1, 1.5],
    fsm: 0.6,
    senSupport: 0.26,
    ehcp: 0.06,
    ks4: -23.5,
    ks2: -1.25,
  }),
  other: plan({
    growth: 0.88,
    hazardRatio: 0.88,
    nfa: 0.6,
    cpp: 0.02,
    care: 0.02,
    male: 0.52,
    ages: [0.25, 0.25, 0.35, 0.15],
    deprivation: 0.1,
    disabled: 0.06,
    need: [10, 4, 6, 25, 10, 6, 8, 12, 19],
    source: [1, 1, 1],
    fsm: 0.5,
    senSupport: 0.24,
    ehcp: 0.06,
    ks4: -22,
    ks2: -0.9,
  }),
  disability: plan({
    growth: 1.12,
    hazardRatio: 0.7,
    nfa: 0.3,
    cpp: 0.01,
    care: 0.04,
    male: 0.68,
    ages: [0.2, 0.35, 0.35, 0.1],
    deprivation: 0.06,
    disabled: 0.85,
    need: [3, 80, 4, 8, 3, 1, 0.5, 0.2, 0.3],
    source: [0.3, 1.5, 3],
    fsm: 0.45,
    senSupport: 0.25,
    ehcp: 0.55,
    ks4: -24,
    ks2: -1.75,
  }),
  'risks-outside-home': plan({
    growth: 1.46,
    hazardRatio: 1.4,
    nfa: 0.35,
    cpp: 0.05,
    care: 0.11,
    male: 0.64,
    ages: [0.01, 0.04, 0.6, 0.35],
    deprivation: 0.18,
    disabled: 0.08,
    need: [25, 2, 2, 15, 15, 38, 1, 2, 0.5],
    source: [2.5, 1.3, 0.8],
    fsm: 0.6,
    senSupport: 0.35,
    ehcp: 0.1,
    ks4: -28,
    ks2: -2,
  }),
  'complex-domestic-abuse': plan({
    growth: 1.63,
    hazardRatio: 1.2,
    nfa: 0.2,
    cpp: 0.32,
    care: 0.16,
    male: 0.49,
    ages: [0.4, 0.3, 0.25, 0.05],
    deprivation: 0.24,
    disabled: 0.05,
    need: [78, 1, 5, 6, 8, 0.5, 1, 0.5, 0.2],
    source: [2.5, 0.8, 1],
    fsm: 0.68,
    senSupport: 0.28,
    ehcp: 0.07,
    ks4: -25,
    ks2: -1.5,
  }),
  'child-mental-health': plan({
    growth: 2.11,
    hazardRatio: 1.12,
    nfa: 0.45,
    cpp: 0.02,
    care: 0.04,
    male: 0.38,
    ages: [0.02, 0.13, 0.6, 0.25],
    deprivation: 0.08,
    disabled: 0.12,
    need: [10, 20, 4, 30, 15, 12, 1, 2, 6],
    source: [0.8, 1.5, 2.5],
    fsm: 0.45,
    senSupport: 0.32,
    ehcp: 0.12,
    ks4: -25,
    ks2: -1.25,
  }),
  'physical-abuse': plan({
    growth: 0.98,
    hazardRatio: 0.82,
    nfa: 0.4,
    cpp: 0.08,
    care: 0.04,
    male: 0.58,
    ages: [0.2, 0.35, 0.38, 0.07],
    deprivation: 0.14,
    disabled: 0.05,
    need: [80, 1, 2, 7, 7, 1, 0.5, 1, 0.5],
    source: [1.5, 2, 1],
    fsm: 0.52,
    senSupport: 0.22,
    ehcp: 0.05,
    ks4: -20,
    ks2: -0.5,
  }),
  neglect: plan({
    growth: 0.92,
    hazardRatio: 1.05,
    nfa: 0.3,
    cpp: 0.12,
    care: 0.08,
    male: 0.51,
    ages: [0.45, 0.28, 0.22, 0.05],
    deprivation: 0.28,
    gradient: 0.15,
    disabled: 0.06,
    need: [82, 1, 4, 5, 5, 0.5, 2, 1, 0.5],
    source: [1, 1.5, 1.5],
    fsm: 0.72,
    senSupport: 0.3,
    ehcp: 0.07,
    ks4: -24,
    ks2: -1.5,
  }),
  'sexual-abuse': plan({
    growth: 1.04,
    hazardRatio: 0.76,
    nfa: 0.35,
    cpp: 0.08,
    care: 0.05,
    male: 0.3,
    ages: [0.08, 0.25, 0.5, 0.17],
    deprivation: 0.1,
    disabled: 0.06,
    need: [85, 1, 1, 6, 5, 1, 0.3, 0.5, 0.2],
    source: [2, 1.5, 1],
    fsm: 0.5,
    senSupport: 0.22,
    ehcp: 0.05,
    ks4: -20,
    ks2: -0.5,
  }),
  'another-person': plan({
    growth: 1.52,
    hazardRatio: 1.5,
    nfa: 0.32,
    cpp: 0.2,
    care: 0.05,
    male: 0.5,
    ages: [0.3, 0.3, 0.32, 0.08],
    deprivation: 0.2,
    disabled: 0.06,
    need: [45, 1, 8, 20, 22, 1, 1, 1, 1],
    source: [1.5, 1, 1],
    fsm: 0.6,
    senSupport: 0.25,
    ehcp: 0.06,
    ks4: -23.5,
    ks2: -1.25,
  }),
  'risks-in-and-outside-home': plan({
    growth: 1.78,
    hazardRatio: 1.7,
    nfa: 0.22,
    cpp: 0.2,
    care: 0.16,
    male: 0.4,
    ages: [0.02, 0.08, 0.65, 0.25],
    deprivation: 0.26,
    disabled: 0.1,
    need: [55, 1, 2, 10, 12, 18, 1, 1, 0.2],
    source: [2, 1.2, 1.2],
    fsm: 0.7,
    senSupport: 0.36,
    ehcp: 0.1,
    ks4: -29,
    ks2: -2.25,
  }),
};

/** Effect on KS4 Attainment 8 and KS2 scaled scores of a pupil known to children's social care whose
 * latest assessment before the exam recorded no factors (or only 21): no category to give. */
export const UNCATEGORISED_EFFECT = { ks4: -22, ks2: -1 } as const;

/** Re-referral calibration targets (Kingston/NCB): within 12 months and within six years of closure. */
export const REREFERRAL_TARGET = { months12: 0.3, years6: 0.59 } as const;

/** Share of assessments recorded with no factors (half an empty cell, half code 21 alone). */
export const NO_FACTOR_SHARE = 0.025;

/**
 * Planted hazards of a repeat plan (from the end of a protection plan to the start of the child's
 * next) and of re-entry to care (from the end of a period in care to the start of the next), by the
 * category of the ended plan's or period's assessment: proportional hazards, exactly
 * (repeat-hazards.ts), with these hazard ratios against domestic abuse as a single factor. More
 * complex categories more often repeat a plan (the national study: complex domestic abuse, another
 * person, risks in and outside the home, parental mental health, neglect), as they are more often
 * re-referred; single-factor disability, sexual and physical abuse least often.
 * The baseline is theta * (1 - S_ref(t)^m) / m, S_ref the chance that the reference category's next
 * referral has not come by t, so the planted hazard never outruns the referrals that carry it
 * (m = the highest re-referral hazard ratio). Theta is calibrated to the published figures: about
 * 24% of plans starting are a child's second or later (DfE, Characteristics of children in need
 * 2023-24: 23.8%); about a third of children leaving care return within five years (the study's
 * data).
 */
/** The categories' plan and care rates are those of all their assessments, repeats included: an
 * assessment that is not a repeat (repeat-hazards.ts) gets them times these factors, so that with the
 * planted repeats the realised shares stay near the published ones (9% a plan, 5% care). */
export const NON_REPEAT_RATE = { cpp: 0.9, care: 0.85 } as const;

export const REPEAT_HAZARDS = {
  plan: {
    theta: 0.65,
    m: 1.7,
    hazardRatio: {
      'domestic-abuse': 1,
      'parental-mental-health': 1.3,
      other: 0.8,
      disability: 0.6,
      'risks-outside-home': 1.1,
      'complex-domestic-abuse': 1.5,
      'child-mental-health': 0.9,
      'physical-abuse': 0.75,
      neglect: 1.3,
      'sexual-abuse': 0.7,
      'another-person': 1.6,
      'risks-in-and-outside-home': 1.7,
    } as Readonly<Record<string, number>>,
  },
  care: {
    theta: 0.8,
    m: 1.7,
    hazardRatio: {
      'domestic-abuse': 1,
      'parental-mental-health': 1.2,
      other: 0.8,
      disability: 0.6,
      'risks-outside-home': 1.4,
      'complex-domestic-abuse': 1.3,
      'child-mental-health': 1.1,
      'physical-abuse': 0.8,
      neglect: 1.2,
      'sexual-abuse': 0.75,
      'another-person': 1.4,
      'risks-in-and-outside-home': 1.6,
    } as Readonly<Record<string, number>>,
  },
} as const;

/**
 * The social gradient of interventions: the log odds of a protection plan or care after an
 * assessment rise by `base` per decile more deprived (decile 1 the most deprived), by `under5` more
 * for children under 5 at assessment and by a category's own `gradient` (neglect: 0.15), as the
 * companion study found (steepest for the youngest children and for neglect). The odds are centred
 * on the category's mean decile, so each category's overall plan and care rates stay near their
 * planted values; plans and care share the odds in the category's planted ratio.
 */
export const GRADIENT = { base: 0.04, under5: 0.08 };
