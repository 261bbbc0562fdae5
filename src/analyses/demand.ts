// The demand analysis behind <demand-category-chart>: which categories of demand a council's
// assessments fall into, how their shares compare with England's, how each has grown by financial
// year, what each is made of, and who is in it. Input: AssessmentData (src/data/types.ts) and
// DemandOptions (./demand-types.ts); output: a DemandResult, plain JSON.
// - model 'national' (default): the 12 national categories (or a user's scheme) estimated on these
//   data and each assessment given its most probable category (./categories.ts); 'local': classes
//   found in these data, K fixed or chosen by BIC (./demand-local.ts).
// - Shares are of the assessments given a category (the study left out assessments with no factors
//   or only code 21: they are counted apart), with Wilson intervals (src/math/proportion.ts). The
//   benchmark (./demand-models.ts) is England's share for the national scheme. Following PHE
//   Fingertips, a share is 'higher' or 'lower' than the benchmark when the benchmark lies outside
//   its interval, else 'similar'.
// - Trend (./demand-trend.ts): assessments per financial year (April-March) by category, indexed to
//   the first full year = 100; a year the data cover only in part is flagged and never the base.
// - Profiles: P(factor | category) estimated on these data (the M-step at the final posteriors), and
//   for a scheme its own profiles beside them. Characteristics: ./demand-characteristics.ts.
// Reference: Linzer & Lewis (2011), poLCA; the categories: Kingston University / NCB (2014-21).
import { MISSING_DAY, type AssessmentData } from '../data/types.js';
import { wilson } from '../math/proportion.js';
import { VERSION } from '../version.js';
import { demandCharacteristics } from './demand-characteristics.js';
import { localPart, nationalPart } from './demand-models.js';
import { parsePeriod, periodIso } from './demand-period.js';
import { demandTrend } from './demand-trend.js';
import type { Comparison, DemandCategory, DemandHooks, DemandOptions, DemandResult } from './demand-types.js';

export type * from './demand-types.js';

function check(ok: boolean, option: string, expected: string, got: unknown): void {
  if (!ok) throw new Error(`demand: invalid ${option}; expected ${expected}, got ${JSON.stringify(got)}`);
}

function compare(lower: number, upper: number, benchmark: number | null): Comparison | null {
  if (benchmark === null || Number.isNaN(lower)) return null;
  return lower > benchmark ? 'higher' : upper < benchmark ? 'lower' : 'similar';
}

/**
 * Categories of demand in a council's assessments, against England.
 * @param assessments loaded assessments (loadAssessments)
 * @param hooks progress and cancellation (the worker's); not part of the result
 * @example (await demand(data)).categories[0] // {id: 'domestic-abuse', share: 0.21, benchmark: 0.206, ...}
 */
export async function demand(
  assessments: AssessmentData,
  {
    model = 'national',
    classes = 'auto',
    maxClasses = 14,
    period = null,
    benchmark = 'england',
    scheme,
    estimate = 'shares',
    seed = 1,
    starts = 12,
    level = 0.95,
  }: DemandOptions = {},
  hooks: DemandHooks = {},
): Promise<DemandResult> {
  check(model === 'national' || model === 'local', 'model', "'national' or 'local'", model);
  check(
    classes === 'auto' || (Number.isInteger(classes) && classes >= 1 && classes <= 30),
    'classes',
    "'auto' or a whole number from 1 to 30",
    classes,
  );
  check(
    Number.isInteger(maxClasses) && maxClasses >= 1 && maxClasses <= 30,
    'maxClasses',
    'a whole number from 1 to 30',
    maxClasses,
  );
  check(benchmark === 'england' || benchmark === 'none', 'benchmark', "'england' or 'none'", benchmark);
  check(estimate === 'shares' || estimate === 'full', 'estimate', "'shares' or 'full'", estimate);
  check(Number.isInteger(seed), 'seed', 'an integer', seed);
  check(
    Number.isInteger(starts) && starts >= 1 && starts <= 1000,
    'starts',
    'a whole number from 1 to 1000',
    starts,
  );
  check(level > 0 && level < 1, 'level', 'a number between 0 and 1', level);
  check(model === 'national' || scheme === undefined, 'scheme', "no scheme with model 'local'", 'a scheme');
  const p = parsePeriod(period);

  const data = assessments;
  const rows = new Uint8Array(data.n).fill(1);
  // Frequency weights (rows rebuilt from a SQL engine's aggregates): a row counts that many times.
  const weight = data.weight;
  let total = 0;
  let outsidePeriod = 0;
  let noDate = 0;
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < data.n; i++) {
    const d = data.assessmentDate[i]!;
    const wt = weight ? weight[i]! : 1;
    total += wt;
    if (d !== MISSING_DAY) {
      first = Math.min(first, d);
      last = Math.max(last, d);
    }
    if (!p) continue;
    if (d === MISSING_DAY) {
      rows[i] = 0;
      noDate += wt;
    } else if (d < p.from || d > p.to) {
      rows[i] = 0;
      outsidePeriod += wt;
    }
  }
  // Progress: the local fits report their own steps; the national model is one quick step.
  if (model === 'national') hooks.onProgress?.(0, 1);
  const part =
    model === 'national'
      ? nationalPart(data, rows, { scheme, estimate, benchmark })
      : await localPart(
          data,
          rows,
          { classes, maxClasses, seed, starts, benchmark, periodLabel: p?.label ?? 'all years' },
          hooks,
        );
  if (model === 'national') hooks.onProgress?.(1, 1);
  const { ofAssessment, maxPosterior, classified, noFactors, outsideItems } = part;
  const warnings = [...part.warnings];

  const K = part.categories.length;
  const counts = new Float64Array(K);
  const postSum = new Float64Array(K);
  for (let i = 0; i < data.n; i++) {
    const k = ofAssessment[i]!;
    if (k < 0) continue;
    const wt = weight ? weight[i]! : 1;
    counts[k]! += wt;
    postSum[k]! += wt * maxPosterior[i]!;
  }
  const categories: DemandCategory[] = part.categories.map((b, k) => {
    const w = wilson(counts[k]!, classified, { level });
    return {
      ...b,
      count: counts[k]!,
      share: w.estimate,
      lower: w.lower,
      upper: w.upper,
      comparison: compare(w.lower, w.upper, b.benchmark),
      averagePosterior: counts[k]! > 0 ? postSum[k]! / counts[k]! : null,
    };
  });

  const { years, baseYear } = demandTrend(data, ofAssessment, K, p, first, last);
  const partial = years.filter((y) => y.partial).map((y) => y.year);
  if (partial.length)
    warnings.push({
      code: 'partial-year',
      message: `The data cover only part of ${partial.join(', ')}: not comparable with full years, and never the base of the index.`,
    });
  if (classified === 0)
    warnings.push({
      code: 'nothing-classified',
      message: 'No assessment in the period records a factor the model uses.',
    });

  const excluded: DemandResult['excluded'] = [
    { code: 'outside-period', reason: `Assessed outside ${p?.label ?? 'the period'}`, rows: outsidePeriod },
    { code: 'no-assessment-date', reason: 'No assessment date, so not placed in the period', rows: noDate },
    {
      code: 'no-factors',
      reason: 'No factors recorded, or only 21 (no factors identified)',
      rows: noFactors,
    },
    { code: 'outside-items', reason: 'Only factor codes the model does not use', rows: outsideItems },
  ].filter((e) => e.rows > 0);

  const pct = `${Math.round(level * 100)}%`;
  const method =
    model === 'national'
      ? `Latent class analysis (Linzer & Lewis 2011) with the ${K} categories of ${scheme === undefined ? 'the national scheme' : 'the given scheme'}: ${estimate === 'shares' ? 'category shares estimated by EM with the profiles fixed' : 'shares and profiles estimated by EM from the scheme'}; each assessment given its most probable category; ${pct} Wilson intervals.`
      : `Latent class analysis (Linzer & Lewis 2011) of the factors recorded at assessment: ${classes === 'auto' ? `1 to ${part.fits?.length ?? maxClasses} classes fitted, ${part.chosen ?? 0} chosen by BIC` : `${K} classes`}; each assessment given its most probable class; ${pct} Wilson intervals.`;
  return {
    kind: 'demand',
    method,
    model,
    options: {
      model,
      classes,
      maxClasses,
      period: p?.label ?? null,
      benchmark,
      estimate,
      seed,
      starts,
      level,
      scheme: part.scheme?.version ?? null,
    },
    version: VERSION,
    n: total - outsidePeriod - noDate,
    classified,
    noFactors,
    outsideItems,
    excluded,
    period: p ? periodIso(p) : null,
    scheme: part.scheme,
    benchmark: part.benchmark,
    level,
    categories,
    years,
    baseYear,
    profiles: part.profiles,
    characteristics: demandCharacteristics(data, ofAssessment, K, level),
    fit: part.fit,
    fits: part.fits,
    chosen: part.chosen,
    codes: part.codes,
    localScheme: part.localScheme,
    input: null,
    warnings,
  };
}
