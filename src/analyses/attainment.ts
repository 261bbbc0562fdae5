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
import { VERSION } from '../version.js';
import type { Warning } from '../warnings.js';
import { NO_ASSESSMENT_BEFORE, NO_CHILD, NOT_KNOWN, attainmentGroups } from './attainment-groups.js';
import { fitAttainment, type AttainmentFit } from './attainment-fit.js';
import { ROW_LABELS, attainmentRows } from './attainment-rows.js';
import { attainmentModelTerms, checkAttainmentOptions, EXCLUSION_REASONS } from './attainment-options.js';
import {
  OUTCOMES,
  type AssessmentCategories,
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
  const opts = checkAttainmentOptions(options, categories, assessments.n);
  const scope = attainmentScope(assessments, pupils, categories, opts, placed);
  yield 1;
  const cases = completeCases(pupils, categories.labels.length, scope, opts);
  yield 2;
  yield 3;
  const fit = fitCases(pupils, categories.labels, scope, [{ opts, cases }])[0] ?? null;
  return attainmentResult(categories, opts, scope, cases, fit);
}

/**
 * Several tables at once, each as attainment() gives it: those of one key stage and years share the
 * placing of their pupils, and those whose kept pupils are the same (Attainment 8 and the school
 * outcomes, when each pupil has all of them) share one design and one fit of several outcomes
 * (attainment-fit.ts), about a fifth of the cost of one table each at national scale.
 * The tables are worked scope by scope (key stage and years), and a scope's arrays are dropped
 * before the next is placed: `between`, called after each scope but the last, lets a caller that
 * can collect garbage do so (the CLI: about 90 MB less at its peak at national scale).
 */
export function attainmentTables(
  assessments: AssessmentData,
  pupils: PupilData,
  categories: AssessmentCategories,
  optionsList: AttainmentOptions[],
  between: () => void = () => {},
): AttainmentResult[] {
  const checked = optionsList.map((o) => checkAttainmentOptions(o, categories, assessments.n));
  const K = categories.labels.length;
  const byScope = new Map<string, number[]>();
  checked.forEach((opts, i) => {
    const key = `${opts.keyStage} ${opts.years?.join(',') ?? ''}`;
    const list = byScope.get(key);
    if (list) list.push(i);
    else byScope.set(key, [i]);
  });
  const results: AttainmentResult[] = new Array(checked.length);
  let left = byScope.size;
  for (const indices of byScope.values()) {
    const scope = attainmentScope(assessments, pupils, categories, checked[indices[0]!]!, null);
    const tables = indices.map((i) => ({
      opts: checked[i]!,
      scope,
      cases: completeCases(pupils, K, scope, checked[i]!),
    }));
    // Batches: tables over the same kept pupils, with the same robust type.
    const fits: (AttainmentFit | null)[] = new Array(tables.length).fill(null);
    const done = new Uint8Array(tables.length);
    for (let i = 0; i < tables.length; i++) {
      if (done[i]) continue;
      const batch = [i];
      for (let j = i + 1; j < tables.length; j++) {
        const a = tables[i]!;
        const b = tables[j]!;
        if (!done[j] && a.opts.robust === b.opts.robust && sameRows(a.cases, b.cases)) batch.push(j);
      }
      const out = fitCases(
        pupils,
        categories.labels,
        scope,
        batch.map((k) => tables[k]!),
      );
      batch.forEach((k, b) => {
        done[k] = 1;
        fits[k] = out[b] ?? null;
      });
    }
    tables.forEach((t, k) => {
      results[indices[k]!] = attainmentResult(categories, t.opts, scope, t.cases, fits[k]!);
    });
    if (--left > 0) between();
  }
  return results;
}

type CheckedOptions = ReturnType<typeof checkAttainmentOptions>;

/** The pupils in scope (key stage, years) and each one's group. */
interface Scope {
  inScope: Int32Array;
  group: Int32Array;
  inScopeN: number;
  readN: number;
  /** Per pupil row, what a placed row stands for; null for rows of a file. */
  wt: Float64Array | null;
  /**
   * Per row in scope, the first covariate check it fails (covariateChecks' order), -1 for none:
   * made once by the first table and read by the others of the scope.
   */
  firstFail?: Int8Array;
  /** The cases of the scope's latest table, whose kept rows the next may share (completeCases). */
  lastCases?: Cases;
}

/** The checks of the model's covariates, in the order their failures are reported. */
function covariateChecks(pupils: PupilData, keyStage: 2 | 4): Check[] {
  const checks: Check[] = [
    numberCheck('missing_fsm', pupils.fsm),
    levelCheck('missing_sen', pupils.sen),
    levelCheck('missing_gender', pupils.gender),
    levelCheck('missing_ethnicity', pupils.ethnicity),
    numberCheck('missing_idaci_decile', pupils.idaciDecile),
  ];
  if (keyStage === 4) checks.push(numberCheck('missing_prior_attainment', pupils.priorAttainment));
  return checks;
}

function attainmentScope(
  assessments: AssessmentData,
  pupils: PupilData,
  categories: AssessmentCategories,
  opts: CheckedOptions,
  placed: PlacedPupils | null,
): Scope {
  const wt = placed ? placed.weight : null;
  const { keyStage } = opts;
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
  return { inScope, group, inScopeN, readN, wt };
}

/** The complete cases of one table: kept rows, their groups, exclusions, and counts and sums by group. */
interface Cases {
  rows: Int32Array;
  keptGroup: Int32Array;
  y: ArrayLike<number>;
  excludedCount: Record<string, number>;
  counts: Float64Array;
  sums: Float64Array;
  nObs: number;
  usedYears: number[];
}

function completeCases(pupils: PupilData, K: number, scope: Scope, opts: CheckedOptions): Cases {
  const { inScope, group, wt } = scope;
  const w = (i: number): number => (wt ? wt[i]! : 1);
  const outcome = OUTCOMES[opts.outcome];
  // Complete cases, each excluded row counted under its first problem. Checks are columns, not
  // closures, and a factor's blank levels are found once, not per row: at national scale this loop
  // visits millions of rows.
  // The outcome's check first, then the covariates' (the same for every table of the scope, so
  // each row's first failure among them is found once: scope.firstFail).
  const y = pupils[OUTCOME_COLUMN[outcome.id]];
  const covariates = covariateChecks(pupils, opts.keyStage);
  const checks: Check[] = [numberCheck(`missing_${outcome.id}`, y), ...covariates];
  if (!scope.firstFail) {
    const firstFail = new Int8Array(inScope.length).fill(-1);
    for (let r = 0; r < inScope.length; r++) {
      const i = inScope[r]!;
      for (let c = 0; c < covariates.length; c++) {
        if (!covariates[c]!.ok(i)) {
          firstFail[r] = c;
          break;
        }
      }
    }
    scope.firstFail = firstFail;
  }
  const firstFail = scope.firstFail;
  const excludedCount: Record<string, number> = {};
  // Slots: one per check, then "passed" (checks.length), then the two reasons a group can give.
  const failed = new Float64Array(checks.length + 3);
  const firstRow = new Int32Array(checks.length + 3).fill(-1);
  const CHILD = checks.length + 1;
  const BEFORE = checks.length + 2;
  // Two passes, the kept rows counted first and then written to arrays of their size: arrays of
  // every row in scope, cut afterwards, made two full-size arrays of garbage per table (350 MB over
  // the summary's ten tables at national scale). A table keeping the very rows of the scope's
  // previous table (Attainment 8 and the school outcomes, when pupils have them all) shares its arrays.
  const kept = (r: number): boolean => {
    const g = group[r]!;
    return (
      g !== NO_CHILD && g !== NO_ASSESSMENT_BEFORE && Number.isFinite(y[inScope[r]!]) && firstFail[r]! < 0
    );
  };
  let n = 0;
  for (let r = 0; r < inScope.length; r++) {
    const i = inScope[r]!;
    const g = group[r]!;
    let c = g === NO_CHILD ? CHILD : g === NO_ASSESSMENT_BEFORE ? BEFORE : 0;
    if (c === 0 && Number.isFinite(y[i])) c = firstFail[r]! < 0 ? checks.length : firstFail[r]! + 1;
    if (c === checks.length) n++;
    else {
      if (failed[c] === 0) firstRow[c] = wt ? c : r;
      failed[c]! += w(i);
    }
  }
  const last = scope.lastCases;
  let same = last !== undefined && last.rows.length === n;
  for (let r = 0, k = 0; same && r < inScope.length; r++) if (kept(r)) same = last!.rows[k++] === inScope[r];
  let rows: Int32Array;
  let keptGroup: Int32Array;
  if (same) ({ rows, keptGroup } = last!);
  else {
    rows = new Int32Array(n);
    keptGroup = new Int32Array(n);
    for (let r = 0, k = 0; r < inScope.length; r++) {
      if (!kept(r)) continue;
      rows[k] = inScope[r]!;
      keptGroup[k++] = group[r]!;
    }
  }
  // Reasons listed in the order the rows first met them.
  const codes = [...checks.map((c) => c.code), '', 'child-not-in-assessments', 'no-assessment-before-exam'];
  const met = [...codes.keys()].filter((k) => failed[k]! > 0).sort((a, b) => firstRow[a]! - firstRow[b]!);
  for (const k of met) excludedCount[codes[k]!] = failed[k]!;

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
  const cases = { rows, keptGroup, y, excludedCount, counts, sums, nObs, usedYears };
  scope.lastCases = cases;
  return cases;
}

function sameRows(a: Cases, b: Cases): boolean {
  if (a.rows === b.rows) return true;
  if (a.rows.length !== b.rows.length) return false;
  for (let r = 0; r < a.rows.length; r++) if (a.rows[r] !== b.rows[r]) return false;
  return true;
}

/**
 * The fits of tables over the same kept pupils (one fit of several outcomes); null for a table
 * without a model: no pupils, or no comparison group (its warning is added by attainmentResult).
 */
function fitCases(
  pupils: PupilData,
  labels: string[],
  scope: Scope,
  tables: { opts: CheckedOptions; cases: Cases }[],
): (AttainmentFit | null)[] {
  const { opts, cases } = tables[0]!;
  const K = labels.length;
  if (cases.rows.length === 0 || (cases.counts[K + 1] === 0 && cases.nObs > 0)) return tables.map(() => null);
  return fitAttainment({
    pupils,
    keyStage: opts.keyStage,
    labels,
    rows: cases.rows,
    keptGroup: cases.keptGroup,
    usedYears: cases.usedYears,
    robust: opts.robust,
    weight: scope.wt,
    nObs: cases.nObs,
    outcomes: tables.map((t) => ({ y: t.cases.y, model: OUTCOMES[t.opts.outcome].model })),
  });
}

/** One table's result from its scope, complete cases and fit. */
function attainmentResult(
  categories: AssessmentCategories,
  opts: CheckedOptions,
  scope: Scope,
  cases: Cases,
  fit: AttainmentFit | null,
): AttainmentResult {
  const { comparison, threshold, robust, keyStage } = opts;
  const outcome = OUTCOMES[opts.outcome];
  const K = categories.labels.length;
  const { counts, sums, nObs, usedYears, excludedCount } = cases;
  const warnings: Warning[] = [];
  if (counts[K + 1] === 0 && nObs > 0) {
    warnings.push({
      code: 'no-comparison-group',
      message:
        'The analysis has no pupils not known to children\u2019s social care (rows with an empty child_id): there is no comparison group, so the gaps cannot be estimated.',
    });
  }
  if (fit) warnings.push(...fit.warnings);
  const fitted = fit?.fitted ?? null;
  const model = fit?.model ?? null;
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
    rowsInScope: scope.inScopeN,
    rowsRead: scope.readN,
    excluded,
    rowsExcluded: scope.inScopeN - nObs,
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
