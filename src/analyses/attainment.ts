// The attainment-gap analysis: how the Key Stage 2 or Key Stage 4 results of children in need differ
// from those of pupils not known to children's social care, by demand category, raw and adjusted
// for the characteristics that also predict attainment (the Kingston University / NCB study's
// attainment models; DfE "Outcomes for children in need").
//
// Contract
// - assessments, pupils: loaded datasets (src/data/types.ts). categories: each assessment row's
//   demand category (-1 = none) with the categories' labels (the national model of ./categories.ts).
// - Scope: pupil rows at `keyStage` with `year` in `years` (default: all). Each row's group comes
//   from attainment-groups.ts (the category of the child's latest assessment before 1 September of
//   the exam year; "uncategorised" if it had none; not known if child_id is empty). Rows whose
//   child cannot be placed, or with the outcome or a covariate missing, are excluded and counted by
//   reason; every figure (n, means, raw and adjusted gaps) is over the same remaining rows.
// - Model: outcome ~ group + fsm + sen + gender + ethnicity + idaci_decile (a factor) [+ prior
//   attainment at KS4] [+ exam year (a factor) when several years are pooled], by OLS (ols.ts) with
//   not-known pupils the reference group. For the 0/1 expected standard it is a linear probability
//   model, whose errors are heteroskedastic by construction: the HC1 robust covariance (the default
//   for every outcome) is then required, and a warning says so if it is turned off.
// - Output: AttainmentResult (attainment-types.ts): rows (attainment-rows.ts: adjusted gaps with 95%
//   intervals, small rows suppressed), the model (n, R^2, terms; each factor term with `n`, the
//   pupils at its level, and `referenceN`, those at its factor's reference level, for disclosure
//   control), exclusions and warnings.
// References: Kingston University & NCB, children in need categories and outcomes (2014-21);
// DfE, Outcomes for children in need, including children looked after (2023); White (1980);
// MacKinnon & White (1985) for HC1; Angrist & Pischke (2009) ch. 3 on the linear probability model.
import type { Categorical, AssessmentData, PupilData } from '../data/types.js';
import { designMatrix } from '../regression/design-matrix.js';
import { ols } from '../regression/ols.js';
import { VERSION } from '../version.js';
import type { Warning } from '../warnings.js';
import { NO_ASSESSMENT_BEFORE, NO_CHILD, NOT_KNOWN, attainmentGroups } from './attainment-groups.js';
import { attainmentPatterns } from './attainment-patterns.js';
import { ROW_LABELS, attainmentRows, type FittedModel } from './attainment-rows.js';
import { attainmentModelTerms, checkAttainmentOptions, EXCLUSION_REASONS } from './attainment-options.js';
import {
  OUTCOMES,
  type AssessmentCategories,
  type AttainmentModel,
  type AttainmentHooks,
  type AttainmentOptions,
  type AttainmentResult,
} from './attainment-types.js';

export type * from './attainment-types.js';

/** The pupils' column of each outcome (also read by src/sql/aggregate-attainment.ts). */
export const OUTCOME_COLUMN = {
  attainment8: 'attainment8',
  ks2_rwm_expected: 'ks2Rwm',
  ks2_reading: 'ks2Reading',
  ks2_maths: 'ks2Maths',
  severe_absence: 'severeAbsence',
  persistent_absence: 'persistentAbsence',
  suspended: 'suspended',
  permanently_excluded: 'permanentlyExcluded',
} as const;

const isBlank = (level: string | undefined): boolean =>
  level === undefined || level.trim() === '' || level.trim() === 'NA';

/**
 * Attainment gaps of children in need by demand category, raw and adjusted.
 * @param categories each assessment row's category (-1 none) and the categories' labels
 * @param options keyStage (4), outcome (Attainment 8 at KS4, the expected standard at KS2),
 *   comparison ('not-known'), years (all), threshold (5), robust ('hc1')
 * @example attainment(assessments, pupils, {labels: ['Neglect'], ofAssessment}).rows[0]
 * // {id: 'category:0', label: 'Neglect', n: 120, mean: 21.4, rawGap: -25.6, adjustedGap: -19.8, ...}
 */
export function attainment(
  assessments: AssessmentData,
  pupils: PupilData,
  categories: AssessmentCategories,
  options: AttainmentOptions = {},
): AttainmentResult {
  const steps = attainmentSteps(assessments, pupils, categories, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * attainment() with progress and cancellation between its stages (the pupils placed, the design
 * built, the model fitted): the worker's form, so a cancelled fit stops part way (AbortError from
 * `checkpoint`) instead of running to its end.
 */
export async function attainmentAsync(
  assessments: AssessmentData,
  pupils: PupilData,
  categories: AssessmentCategories,
  options: AttainmentOptions = {},
  hooks: AttainmentHooks = {},
): Promise<AttainmentResult> {
  const steps = attainmentSteps(assessments, pupils, categories, options);
  for (;;) {
    const step = steps.next();
    if (step.done) {
      hooks.onProgress?.(STAGES, STAGES);
      return step.value;
    }
    hooks.onProgress?.(step.value, STAGES);
    await hooks.checkpoint?.();
  }
}

/**
 * Pupils already placed in their groups and standing for several alike each (rows of a SQL engine's
 * aggregates: src/sql/aggregate-attainment.ts): `groups` per pupil row as attainment-groups.ts
 * codes them, `weight` the pupils a row stands for. Counts, sums and exclusions are weighted and the
 * model is fitted with frequency weights, so the result is the pupils' written out. Exclusion
 * reasons are then listed in the order of the checks (rows of aggregates have no file order).
 */
export interface PlacedPupils {
  groups: Int32Array;
  weight: Float64Array;
}

/** attainment() on pupils placed elsewhere (see PlacedPupils). */
export function attainmentOfPlaced(
  assessments: AssessmentData,
  pupils: PupilData,
  categories: AssessmentCategories,
  options: AttainmentOptions,
  placed: PlacedPupils,
): AttainmentResult {
  const steps = attainmentSteps(assessments, pupils, categories, options, placed);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Stages attainmentSteps yields between (each yield gives how many are done). */
const STAGES = 4;

/** The analysis, pausing (yield) after each costly stage; attainment() runs it straight through. */
function* attainmentSteps(
  assessments: AssessmentData,
  pupils: PupilData,
  categories: AssessmentCategories,
  options: AttainmentOptions,
  placed: PlacedPupils | null = null,
): Generator<number, AttainmentResult> {
  const wt = placed ? placed.weight : null;
  const w = (i: number): number => (wt ? wt[i]! : 1);
  const opts = checkAttainmentOptions(options, categories, assessments.n);
  const { keyStage, comparison, threshold, robust } = opts;
  const outcome = OUTCOMES[opts.outcome];
  const K = categories.labels.length;
  const years = opts.years ? new Set(opts.years) : null;

  let inScopeCount = 0;
  for (let i = 0; i < pupils.n; i++)
    if (pupils.keyStage[i] === keyStage && (!years || years.has(pupils.year[i]!))) inScopeCount++;
  const inScope = new Int32Array(inScopeCount);
  for (let i = 0, r = 0; i < pupils.n; i++)
    if (pupils.keyStage[i] === keyStage && (!years || years.has(pupils.year[i]!))) inScope[r++] = i;
  const group = placed
    ? Int32Array.from(inScope, (i) => placed.groups[i]!)
    : attainmentGroups(assessments, pupils, categories.ofAssessment, K, inScope);
  let inScopeN = inScope.length;
  let readN = pupils.n;
  if (wt) {
    inScopeN = 0;
    for (const i of inScope) inScopeN += wt[i]!;
    readN = 0;
    for (let i = 0; i < pupils.n; i++) readN += wt[i]!;
  }
  yield 1;

  // Complete cases, each excluded row counted under its first problem. Checks are columns, not
  // closures, and a factor's blank levels are found once, not per row: at national scale this loop
  // visits millions of rows.
  const y = pupils[OUTCOME_COLUMN[outcome.id]];
  const checks: Check[] = [
    numberCheck(`missing_${outcome.id}`, y),
    numberCheck('missing_fsm', pupils.fsm),
    levelCheck('missing_sen', pupils.sen),
    levelCheck('missing_gender', pupils.gender),
    levelCheck('missing_ethnicity', pupils.ethnicity),
    numberCheck('missing_idaci_decile', pupils.idaciDecile),
  ];
  if (keyStage === 4) checks.push(numberCheck('missing_prior_attainment', pupils.priorAttainment));
  const excludedCount: Record<string, number> = {};
  // Slots: one per check, then "passed" (checks.length), then the two reasons a group can give.
  const failed = new Float64Array(checks.length + 3);
  const firstRow = new Int32Array(checks.length + 3).fill(-1);
  const CHILD = checks.length + 1;
  const BEFORE = checks.length + 2;
  const keepAll = new Int32Array(inScope.length);
  const groupAll = new Int32Array(inScope.length);
  let n = 0;
  for (let r = 0; r < inScope.length; r++) {
    const i = inScope[r]!;
    const g = group[r]!;
    let c = g === NO_CHILD ? CHILD : g === NO_ASSESSMENT_BEFORE ? BEFORE : 0;
    if (c === 0) while (c < checks.length && checks[c]!.ok(i)) c++;
    if (c === checks.length) {
      keepAll[n] = i;
      groupAll[n++] = g;
    } else {
      if (failed[c] === 0) firstRow[c] = wt ? c : r;
      failed[c]! += w(i);
    }
  }
  // Reasons listed in the order the rows first met them.
  const codes = [...checks.map((c) => c.code), '', 'child-not-in-assessments', 'no-assessment-before-exam'];
  const met = [...codes.keys()].filter((k) => failed[k]! > 0).sort((a, b) => firstRow[a]! - firstRow[b]!);
  for (const k of met) excludedCount[codes[k]!] = failed[k]!;
  const rows = keepAll.slice(0, n);
  const keptGroup = groupAll.subarray(0, n);
  yield 2;

  // Counts and sums by group: categories 0..K-1, uncategorised K, not-known K + 1.
  const counts = new Float64Array(K + 2);
  const sums = new Float64Array(K + 2);
  const codeOf = (g: number) => (g === NOT_KNOWN ? K + 1 : g);
  let nObs = 0;
  for (let r = 0; r < n; r++) {
    const k = codeOf(keptGroup[r]!);
    const wr = w(rows[r]!);
    counts[k]! += wr;
    sums[k]! += wr * y[rows[r]!]!;
    nObs += wr;
  }
  const yearSet = new Set<number>();
  for (let r = 0; r < n; r++) yearSet.add(pupils.year[rows[r]!]!);
  const usedYears = [...yearSet].sort((a, b) => a - b);

  const warnings: Warning[] = [];
  let fitted: FittedModel | null = null;
  let model: AttainmentModel | null = null;
  if (counts[K + 1] === 0 && nObs > 0) {
    warnings.push({
      code: 'no-comparison-group',
      message:
        'The analysis has no pupils not known to children\u2019s social care (rows with an empty child_id): there is no comparison group, so the gaps cannot be estimated.',
    });
  } else if (n > 0) {
    // The records the model is fitted on: the pupils, or (rows of a file, HC0/HC1 or classical
    // errors) their covariate patterns with frequency weights (attainment-patterns.ts), the same fit
    // at a fraction of the cost when the patterns are few.
    const patterns =
      wt || robust === 'hc2' || robust === 'hc3'
        ? null
        : attainmentPatterns(rows, keptGroup, y, [
            pupils.fsm,
            keyStage === 4 ? pupils.priorAttainment : undefined,
            pupils.sen,
            pupils.gender,
            pupils.ethnicity,
            pupils.idaciDecile,
            usedYears.length > 1 ? pupils.year : undefined,
          ]);
    const recRows = patterns ? patterns.rep : rows;
    const recGroup = patterns ? patterns.group : keptGroup;
    const m = recRows.length;
    const levels = ['not-known', ...categories.labels.map((_, g) => `c${g}`), 'uncategorised'];
    const groupCodes = new Int32Array(m);
    for (let r = 0; r < m; r++) groupCodes[r] = recGroup[r] === NOT_KNOWN ? 0 : recGroup[r]! + 1;
    const groupCol: Categorical = { codes: groupCodes, levels };
    // Plain loops: TypedArray.from with a map function runs through the iterator protocol, several
    // times slower over hundreds of thousands of rows.
    const sub = (col: Categorical): Categorical => {
      const codes = new Int32Array(m);
      for (let r = 0; r < m; r++) codes[r] = col.codes[recRows[r]!]!;
      return { codes, levels: col.levels };
    };
    const num = (col: ArrayLike<number>): Float64Array => {
      const v = new Float64Array(m);
      for (let r = 0; r < m; r++) v[r] = col[recRows[r]!]!;
      return v;
    };
    const recWeight = patterns ? patterns.weight : wt ? num(wt) : null;
    const factors = [
      'group',
      'sen',
      'gender',
      'ethnicity',
      'idaci_decile',
      ...(usedYears.length > 1 ? ['year'] : []),
    ];
    const senCol = sub(pupils.sen);
    const senSeen = new Uint8Array(senCol.levels.length);
    for (let r = 0; r < m; r++) senSeen[senCol.codes[r]!] = 1;
    const senLevels = new Set(senCol.levels.filter((_, k) => senSeen[k]));
    const design = designMatrix(
      {
        y: patterns ? patterns.y : num(y),
        fsm: num(pupils.fsm),
        // Columns the model leaves out are not copied.
        prior_attainment: keyStage === 4 ? num(pupils.priorAttainment) : undefined,
        group: groupCol,
        sen: senCol,
        gender: sub(pupils.gender),
        ethnicity: sub(pupils.ethnicity),
        idaci_decile: num(pupils.idaciDecile),
        year: usedYears.length > 1 ? num(pupils.year) : undefined,
      },
      {
        outcomes: ['y'],
        covariates: ['fsm', ...(keyStage === 4 ? ['prior_attainment'] : [])],
        factors,
        ref: { group: 'not-known', ...(senLevels.has('none') ? { sen: 'none' } : {}) },
        dense: false,
        ...(recWeight ? { counts: recWeight } : {}),
      },
    );
    yield 3;
    if (nObs > design.p) {
      const fit = ols(design.outcomes['y']!, design.designRows, design.names, {
        robust,
        ...(recWeight ? { frequencies: recWeight } : {}),
      });
      const vcov = (robust ? fit.robustVcov : fit.vcov) ?? fit.vcov;
      const termOf = Int32Array.from({ length: K + 1 }, (_, g) =>
        design.names.indexOf(g === K ? 'group=uncategorised' : `group=c${g}`),
      );
      fitted = {
        names: design.names,
        estimates: fit.coefficients.map((c) => c.estimate),
        vcov,
        df: fit.df,
        termOf,
        counts: { levels: design.levels, levelCounts: design.levelCounts, binaryCounts: design.binaryCounts },
      };
      model = {
        type: outcome.model,
        robust,
        n: fit.n,
        df: fit.df,
        r2: fit.r2,
        adjR2: fit.adjR2,
        covariates: [],
        terms: [],
        warnings: [...design.warnings, ...fit.warnings],
      };
      if (outcome.model === 'lpm') {
        let outside = 0;
        fit.fitted.forEach((f, r) => {
          if (f < 0 || f > 1) outside += recWeight ? recWeight[design.rows[r]!]! : 1;
        });
        if (outside > 0)
          model.warnings.push({
            code: 'lpm-fitted-outside',
            message: `${outside} of ${fit.n} fitted probabilities fall outside 0 to 1, a known limit of the linear probability model; the average gaps remain interpretable.`,
          });
      }
    } else {
      warnings.push({
        code: 'too-few-pupils',
        message: `The model has ${design.p} terms but only ${nObs} pupils: the adjusted gaps cannot be estimated.`,
      });
    }
  }
  if (outcome.model === 'lpm' && !robust)
    warnings.push({
      code: 'lpm-classical-se',
      message:
        'The linear probability model has heteroskedastic errors by construction: its classical standard errors are not valid; use robust (HC1) ones.',
    });

  const tableRows = attainmentRows(
    { labels: categories.labels, counts, sums },
    fitted,
    comparison,
    threshold,
  );
  if (model && fitted) {
    const t = attainmentModelTerms(fitted, categories.labels, tableRows, keyStage, usedYears.length > 1);
    model.terms = t.terms;
    model.covariates = t.covariates;
  }
  const suppressedRows = tableRows.filter((r) => r.suppressed).length;
  if (suppressedRows)
    warnings.push({
      code: 'suppressed-rows',
      message: `${suppressedRows} row${suppressedRows > 1 ? 's' : ''} with ${threshold} or fewer pupils (or protecting such a row) ${suppressedRows > 1 ? 'are' : 'is'} not shown.`,
    });

  const excluded = Object.entries(excludedCount).map(([code, count]) => ({
    code,
    reason: EXCLUSION_REASONS[code] ?? code,
    rows: count,
  }));
  return {
    method: 'attainment-gap',
    version: VERSION,
    options: { ...opts, years: opts.years },
    outcome,
    comparisonLabel: comparison === 'all' ? ROW_LABELS.all : ROW_LABELS.notKnown,
    years: usedYears,
    categorySource: categories.source ?? 'given',
    rows: tableRows,
    model,
    n: nObs,
    rowsInScope: inScopeN,
    rowsRead: readN,
    excluded,
    rowsExcluded: inScopeN - nObs,
    warnings: [...warnings, ...(model?.warnings ?? [])],
  };
}

interface Check {
  code: string;
  ok: (i: number) => boolean;
}

function numberCheck(code: string, col: ArrayLike<number>): Check {
  return { code, ok: (i) => Number.isFinite(col[i]) };
}

function levelCheck(code: string, col: Categorical): Check {
  const usable = Uint8Array.from(col.levels, (l) => (isBlank(l) ? 0 : 1));
  const codes = col.codes;
  return { code, ok: (i) => codes[i]! >= 0 && usable[codes[i]!] === 1 };
}
