// The pathways analysis: what happened after each assessment, by demand category. Composes the
// outcome of each assessment (pathways-outcomes.ts), shares with Wilson intervals, the adjusted odds
// of a plan and of care (pathways-adjusted.ts), the social gradient (pathways-gradient.ts) and plan
// categories against the factors assessed (pathways-plans.ts).
//
// Contract
// - Input: assessments (AssessmentData); options (PathwaysOptions, defaults in the signature);
//   inputs: the demand category of every row (`categories`, as the re-referral analysis takes
//   them), and optionally the file name and the rows the data layer excluded.
// - Unit: the assessment. Left out and counted: windows still open at the extract day, rows with no
//   category. The models also leave out rows with an unknown age, gender or ethnic group (adjusted)
//   or decile (gradient), counted in their `n`.
// - A category is marked 'higher' or 'lower' than the council for an outcome when its Wilson
//   interval excludes the council's overall share (so never by colour alone, and not for chance
//   differences of small categories).
// - England: 40% no further action, 45% child in need support, 9% a protection plan, 5% care
//   (Kingston University / NCB, England 2014-21): context, not a test.
// Cost: O(n) for outcomes and shares; the models are fitted on covariate patterns (a few thousand),
// so their cost hardly grows with n.
import { dayToIso, parseDate } from '../data/dates.js';
import { hasFactor, type AssessmentData } from '../data/types.js';
import { wilson } from '../math/proportion.js';
import { VERSION } from '../version.js';
import type { Warning } from '../warnings.js';
import { pathwaysAdjusted } from './pathways-adjusted.js';
import { ageBands, deciles, ethnicGroups, genders, type Coded } from './pathways-covariates.js';
import { pathwaysGradient } from './pathways-gradient.js';
import { pathwayRows } from './pathways-outcomes.js';
import { pathwaysPlans } from './pathways-plans.js';
import {
  GRADIENT_SPLITS,
  PATHWAY_OUTCOMES,
  type GradientSplit,
  type PathwayGroup,
  type PathwayOutcome,
  type PathwaysOptions,
  type PathwaysResult,
} from './pathways-types.js';
import { DAYS_PER_MONTH } from './rereferral-follow-up.js';
import { latestDay } from './rereferral.js';
import type { RowCategories } from './rereferral-types.js';

export type * from './pathways-types.js';

export const ENGLAND_PATHWAYS: PathwaysResult['england'] = {
  shares: { nfa: 0.4, cin: 0.45, cpp: 0.09, care: 0.05 },
  source: 'Kingston University and National Children\u2019s Bureau, England 2014-21',
  definition: 'highest intervention within 12 months of the assessment',
};

/**
 * What happened after each assessment, by demand category (see the file comment).
 * @example pathways(data, {windowMonths: 12}, {categories}).categories[0].shares[2].share // plan share
 */
export function pathways(
  data: AssessmentData,
  {
    windowMonths = 12,
    extractDate = null,
    reference = null,
    split = 'age',
    level = 0.95,
    models = true,
  }: PathwaysOptions = {},
  inputs: {
    categories: RowCategories;
    file?: string;
    loadExcluded?: { code: string; reason: string; rows: number }[];
    warnings?: Warning[];
  },
): PathwaysResult {
  if (!(windowMonths > 0 && windowMonths <= 120)) {
    throw new Error(
      `pathways: invalid windowMonths; expected a number of months from 1 to 120, got ${windowMonths}`,
    );
  }
  if (!GRADIENT_SPLITS.includes(split)) {
    throw new Error(`pathways: invalid split; expected one of ${GRADIENT_SPLITS.join(', ')}, got '${split}'`);
  }
  if (!(level > 0 && level < 1)) {
    throw new Error(`pathways: invalid level; expected a number between 0 and 1, got ${level}`);
  }
  const { categories } = inputs;
  if (!categories || categories.codes.length !== data.n) {
    throw new Error(
      `pathways: invalid categories; expected ${data.n} codes (one per row), got ${categories?.codes.length ?? 'none'}`,
    );
  }
  if (reference !== null && !categories.levels.includes(reference)) {
    throw new Error(
      `pathways: invalid reference; expected one of ${categories.levels.join(', ')}, got '${reference}'`,
    );
  }
  let extractDay = latestDay(data);
  if (extractDate) {
    extractDay = parseDate(extractDate);
    if (extractDay < -100000) {
      throw new Error(
        `pathways: invalid extractDate; expected a date such as 2024-03-31, got '${extractDate}'`,
      );
    }
  }
  const warnings: Warning[] = [...(inputs.warnings ?? [])];
  const windowDays = Math.round(windowMonths * DAYS_PER_MONTH);
  const rows = pathwayRows(data, windowDays, extractDay);
  const L = categories.levels.length;
  const labels = categories.labels ?? categories.levels;
  const category: Coded = {
    codes: Int32Array.from(categories.codes, (c) => (c >= 0 && c < L ? c : -1)),
    levels: [...categories.levels],
    labels: [...labels],
  };

  const use = new Uint8Array(data.n);
  const counts = Array.from({ length: L }, () => [0, 0, 0, 0]);
  const all = [0, 0, 0, 0];
  let noCategory = 0;
  for (let i = 0; i < data.n; i++) {
    const o = rows.outcome[i]!;
    if (o < 0) continue;
    const c = category.codes[i]!;
    if (c < 0) {
      noCategory++;
      continue;
    }
    use[i] = 1;
    counts[c]![o]!++;
    all[o]!++;
  }
  const nUsed = all.reduce((a, b) => a + b, 0);
  const overall = groupOf('all', 'All assessments', all, null, level);
  const overallShares = overall.shares.map((s) => s.share);
  const groups: PathwayGroup[] = [];
  category.levels.forEach((l, c) => {
    if (counts[c]!.some((k) => k > 0))
      groups.push(groupOf(l, category.labels[c]!, counts[c]!, overallShares, level));
  });

  const excluded: PathwaysResult['excluded'] = (inputs.loadExcluded ?? []).map((e) => ({
    code: e.code,
    reason: e.reason,
    count: e.rows,
    unit: 'rows' as const,
  }));
  if (rows.windowOpen) {
    excluded.push({
      code: 'window-open',
      reason: `authorised less than ${windowMonths} months before the extract date (${dayToIso(extractDay)}), so not yet followed for the whole window`,
      count: rows.windowOpen,
      unit: 'assessments',
    });
  }
  if (noCategory) {
    excluded.push({
      code: 'no-category',
      reason: 'no demand category (no factors recorded)',
      count: noCategory,
      unit: 'assessments',
    });
  }
  if (nUsed === 0) {
    warnings.push({
      code: 'no-assessments',
      message: 'No assessment has a complete window and a category: nothing to show.',
    });
  }

  let adjusted: PathwaysResult['adjusted'] = null;
  let gradient: PathwaysResult['gradient'] = null;
  let plans: PathwaysResult['plans'] = null;
  if (models && nUsed > 0) {
    const age = ageBands(data);
    adjusted = pathwaysAdjusted(
      {
        category,
        age,
        gender: genders(data),
        ethnicity: ethnicGroups(data),
        plan: rows.plan,
        care: rows.care,
        use,
      },
      reference,
    );
    if (adjusted) for (const m of [adjusted.plan, adjusted.care]) warnings.push(...m.warnings);
    const planOrCare = Uint8Array.from(rows.outcome, (o) => (o >= 2 ? 1 : 0));
    const decile = deciles(data);
    gradient = pathwaysGradient(planOrCare, use, decile, split, splitOf(data, split, age), level);
    if (gradient) warnings.push(...gradient.warnings);
    else
      warnings.push({
        code: 'no-deciles',
        message: 'No deprivation decile (imd_decile) in the file: no social gradient.',
      });
    plans = pathwaysPlans(data, level);
  }

  return {
    method: 'pathways',
    version: VERSION,
    file: inputs.file ?? null,
    options: {
      windowMonths,
      extractDate: dayToIso(extractDay),
      reference: adjusted?.reference.level ?? reference,
      split,
      level,
      models,
    },
    categorySource: categories.source ?? null,
    n: nUsed,
    excluded,
    overall,
    categories: groups,
    england: { ...ENGLAND_PATHWAYS, shares: { ...ENGLAND_PATHWAYS.shares } },
    adjusted,
    gradient,
    plans,
    warnings,
  };
}

function groupOf(
  levelId: string,
  label: string,
  counts: number[],
  council: (number | null)[] | null,
  level: number,
): PathwayGroup {
  const n = counts.reduce((a, b) => a + b, 0);
  return {
    level: levelId,
    label,
    n,
    shares: PATHWAY_OUTCOMES.map((outcome: PathwayOutcome, k) => {
      if (n === 0) return { outcome, count: 0, share: null, lower: null, upper: null, vsCouncil: null };
      const w = wilson(counts[k]!, n, { level });
      const ref = council?.[k] ?? null;
      const vsCouncil = ref === null ? null : w.lower > ref ? 'higher' : w.upper < ref ? 'lower' : null;
      return { outcome, count: counts[k]!, share: w.estimate, lower: w.lower, upper: w.upper, vsCouncil };
    }),
  };
}

/** The gradient's split as level codes per row. */
function splitOf(data: AssessmentData, split: GradientSplit, age: Coded): Coded {
  switch (split) {
    case 'none':
      return { codes: new Int32Array(data.n), levels: ['all'], labels: ['All assessments'] };
    case 'age':
      return {
        codes: Int32Array.from(age.codes, (c) => (c < 0 ? -1 : c <= 1 ? 0 : 1)),
        levels: ['under-5', '5-17'],
        labels: ['Under 5', '5 to 17'],
      };
    case 'neglect': {
      const j = data.factorCodes.indexOf('16A');
      return {
        codes: Int32Array.from({ length: data.n }, (_, i) => (j >= 0 && hasFactor(data, i, j) ? 0 : 1)),
        levels: ['neglect', 'other'],
        labels: ['Neglect recorded', 'Neglect not recorded'],
      };
    }
    case 'ethnicity':
      return ethnicGroups(data);
  }
}
