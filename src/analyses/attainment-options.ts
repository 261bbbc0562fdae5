// Checks of the attainment-gap analysis's options (with their defaults), the reasons rows are left
// out as a person reads them, and the model's terms as the result reports them.
import { termCounts } from '../regression/term-counts.js';
import { studentQuantile, studentTwoSidedP } from '../math/special.js';
import { ROW_LABELS, type FittedModel } from './attainment-rows.js';
import {
  DEFAULT_OUTCOME,
  OUTCOMES,
  type AssessmentCategories,
  type AttainmentOptions,
  type AttainmentOutcome,
  type AttainmentRow,
  type AttainmentTerm,
} from './attainment-types.js';

export interface CheckedAttainmentOptions {
  keyStage: 2 | 4;
  outcome: AttainmentOutcome;
  comparison: 'not-known' | 'all';
  years: number[] | null;
  threshold: number;
  robust: 'hc0' | 'hc1' | 'hc2' | 'hc3' | null;
}

export const EXCLUSION_REASONS: Record<string, string> = {
  'child-not-in-assessments': 'child_id not found in the assessments file',
  'no-assessment-before-exam': 'no assessment of the child before 1 September of the exam year',
  missing_attainment8: 'no Attainment 8 result',
  missing_ks2_rwm_expected: 'no KS2 reading, writing and maths result',
  missing_ks2_reading: 'no KS2 reading scaled score',
  missing_ks2_maths: 'no KS2 maths scaled score',
  missing_fsm: 'free school meals not recorded',
  missing_sen: 'special educational needs not recorded',
  missing_gender: 'gender not recorded',
  missing_ethnicity: 'ethnicity not recorded',
  missing_idaci_decile: 'IDACI decile not recorded',
  missing_prior_attainment: 'no prior attainment (KS2) recorded',
  missing_severe_absence: 'severe absence not recorded (nor sessions possible and missed)',
  missing_persistent_absence: 'persistent absence not recorded (nor sessions possible and missed)',
  missing_suspended: 'suspensions not recorded',
  missing_permanently_excluded: 'permanent exclusions not recorded',
};

const fail = (option: string, expected: string, got: unknown): Error =>
  new Error(`attainment: invalid ${option}; expected ${expected}, got ${JSON.stringify(got) ?? String(got)}`);

/** The options with their defaults, or a throw naming the option. */
export function checkAttainmentOptions(
  {
    keyStage = 4,
    outcome,
    comparison = 'not-known',
    years = null,
    threshold = 5,
    robust = 'hc1',
  }: AttainmentOptions,
  categories: AssessmentCategories,
  nAssessments: number,
): CheckedAttainmentOptions {
  if (keyStage !== 2 && keyStage !== 4) throw fail('keyStage', '2 or 4', keyStage);
  const out = outcome ?? DEFAULT_OUTCOME[keyStage];
  const info = OUTCOMES[out as AttainmentOutcome];
  if (!info) throw fail('outcome', Object.keys(OUTCOMES).join(', '), outcome);
  if (info.keyStage !== null && info.keyStage !== keyStage)
    throw fail('outcome', `a key stage ${keyStage} outcome (${keyStageOutcomes(keyStage)})`, outcome);
  if (comparison !== 'not-known' && comparison !== 'all')
    throw fail('comparison', "'not-known' or 'all'", comparison);
  if (years !== null && (!Array.isArray(years) || !years.every((y) => Number.isInteger(y))))
    throw fail('years', 'an array of whole years such as [2019, 2022]', years);
  if (!Number.isInteger(threshold) || threshold < 0)
    throw fail('threshold', 'a non-negative whole number', threshold);
  if (robust !== null && !['hc0', 'hc1', 'hc2', 'hc3'].includes(robust))
    throw fail('robust', "'hc0', 'hc1', 'hc2', 'hc3' or null", robust);
  if (!categories || !Array.isArray(categories.labels) || !(categories.ofAssessment instanceof Int32Array))
    throw fail('categories', '{labels: string[], ofAssessment: Int32Array}', typeof categories);
  if (categories.ofAssessment.length !== nAssessments)
    throw fail(
      'categories',
      `one category per assessment row (${nAssessments})`,
      `${categories.ofAssessment.length} values`,
    );
  const K = categories.labels.length;
  // An indexed loop: an iterator over millions of rows, once per table, cost a tenth of a second each.
  const of = categories.ofAssessment;
  for (let i = 0; i < of.length; i++) {
    const c = of[i]!;
    if (c < -1 || c >= K) throw fail('categories', `categories from -1 to ${K - 1}`, c);
  }
  return {
    keyStage,
    outcome: out,
    comparison,
    years: years ? [...years].sort((a, b) => a - b) : null,
    threshold,
    robust,
  };
}

function keyStageOutcomes(keyStage: 2 | 4): string {
  return Object.values(OUTCOMES)
    .filter((o) => o.keyStage === keyStage || o.keyStage === null)
    .map((o) => o.id)
    .join(', ');
}

/** The covariates a reader is told about, in model order. */
export function covariateNames(keyStage: 2 | 4, pooledYears: boolean): string[] {
  return [
    'free school meals',
    'special educational needs',
    'gender',
    'ethnicity',
    'IDACI decile',
    ...(keyStage === 4 ? ['prior attainment at KS2'] : []),
    ...(pooledYears ? ['exam year'] : []),
  ];
}

/**
 * The model's terms with readable names (`category=<label>`), intervals, the pupils at each factor
 * term's level and its reference (`n`, `referenceN`), and suppressed categories withheld.
 */
export function attainmentModelTerms(
  m: FittedModel,
  labels: string[],
  rows: AttainmentRow[],
  keyStage: 2 | 4,
  pooledYears: boolean,
): { terms: AttainmentTerm[]; covariates: string[] } {
  const tCrit = m.df > 0 ? studentQuantile(0.975, m.df) : NaN;
  const K = labels.length;
  const terms = m.names.map((name, j): AttainmentTerm => {
    let term = name;
    let suppressed = false;
    const g = name === 'group=uncategorised' ? K : name.startsWith('group=c') ? Number(name.slice(7)) : -1;
    if (g >= 0) {
      term = `category=${g === K ? ROW_LABELS.uncategorised : labels[g]}`;
      suppressed = rows[g]!.suppressed !== null;
    }
    // The pupils the term rests on, for disclosure control (null for the intercept).
    const counts = m.counts ? termCounts(m.counts, name) : { n: null, referenceN: null };
    const estimate = m.estimates[j] ?? null;
    const v = m.vcov[j]?.[j];
    const se = v === null || v === undefined ? null : Math.sqrt(v);
    if (suppressed)
      return {
        term,
        estimate: null,
        se: null,
        lower: null,
        upper: null,
        p: null,
        suppressed: true,
        ...counts,
      };
    const ok = estimate !== null && se !== null && Number.isFinite(tCrit);
    return {
      term,
      estimate,
      se,
      lower: ok ? estimate - tCrit * se : null,
      upper: ok ? estimate + tCrit * se : null,
      p: ok && se > 0 ? studentTwoSidedP(estimate / se, m.df) : null,
      ...counts,
    };
  });
  return { terms, covariates: covariateNames(keyStage, pooledYears) };
}
