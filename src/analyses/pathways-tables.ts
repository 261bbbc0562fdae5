// The pathways result from each assessment's outcome and characteristics: shares with Wilson
// intervals, the adjusted models, the gradient and the plans table (pathways.ts's contract). Apart
// from pathways() so that the same code publishes the section from rows (one record an assessment)
// and from a SQL engine's aggregates (one record a group of assessments alike in everything read
// here, `weight` the number it stands for: src/sql/aggregate-pathways.ts). Counts are sums of
// whole weights, so exact; the models are fitted on the same covariate patterns either way.
import { dayToIso } from '../data/dates.js';
import { wilson } from '../math/proportion.js';
import { VERSION } from '../version.js';
import type { Warning } from '../warnings.js';
import { pathwaysAdjusted } from './pathways-adjusted.js';
import type { Coded } from './pathways-covariates.js';
import { pathwaysGradient } from './pathways-gradient.js';
import {
  PATHWAY_OUTCOMES,
  type GradientSplit,
  type PathwayGroup,
  type PathwayOutcome,
  type PathwaysPlans,
  type PathwaysResult,
} from './pathways-types.js';
import type { RowCategories } from './rereferral-types.js';

export const ENGLAND_PATHWAYS: PathwaysResult['england'] = {
  shares: { nfa: 0.4, cin: 0.45, cpp: 0.09, care: 0.05 },
  source: 'Kingston University and National Children\u2019s Bureau, England 2014-21',
  definition: 'highest intervention within 12 months of the assessment',
};

export interface PathwaysRecords {
  /** Per record: demand category (-1 none). */
  category: Coded;
  /** Per record: 0 NFA, 1 CIN, 2 plan, 3 care; -1 window still open. */
  outcome: Int8Array;
  plan: Uint8Array;
  care: Uint8Array;
  /** Assessments whose window is still open. */
  windowOpen: number;
  /** Assessments each record stands for (null: one each). */
  weight: ArrayLike<number> | null;
  /** The models' covariates and the gradient's split, per record (asked for only when needed). */
  covariates: () => { age: Coded; gender: Coded; ethnicity: Coded; decile: Coded; split: Coded };
  plans: () => PathwaysPlans | null;
}

export interface PathwaysSettings {
  windowMonths: number;
  extractDay: number;
  reference: string | null;
  split: GradientSplit;
  level: number;
  models: boolean;
}

/** The result (see the file comment). */
export function pathwaysTables(
  x: PathwaysRecords,
  { windowMonths, extractDay, reference, split, level, models }: PathwaysSettings,
  inputs: {
    categories: RowCategories;
    file?: string;
    loadExcluded?: { code: string; reason: string; rows: number }[];
    warnings?: Warning[];
  },
): PathwaysResult {
  const { categories } = inputs;
  const warnings: Warning[] = [...(inputs.warnings ?? [])];
  const { category, weight } = x;
  const n = x.outcome.length;
  const L = category.levels.length;
  const use = new Uint8Array(n);
  const counts = Array.from({ length: L }, () => [0, 0, 0, 0]);
  const all = [0, 0, 0, 0];
  let noCategory = 0;
  for (let i = 0; i < n; i++) {
    const o = x.outcome[i]!;
    if (o < 0) continue;
    const c = category.codes[i]!;
    const w = weight ? weight[i]! : 1;
    if (c < 0) {
      noCategory += w;
      continue;
    }
    use[i] = 1;
    counts[c]![o]! += w;
    all[o]! += w;
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
  if (x.windowOpen) {
    excluded.push({
      code: 'window-open',
      reason: `authorised less than ${windowMonths} months before the extract date (${dayToIso(extractDay)}), so not yet followed for the whole window`,
      count: x.windowOpen,
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
    const cov = x.covariates();
    adjusted = pathwaysAdjusted(
      {
        category,
        age: cov.age,
        gender: cov.gender,
        ethnicity: cov.ethnicity,
        plan: x.plan,
        care: x.care,
        use,
        weight,
      },
      reference,
    );
    if (adjusted) for (const m of [adjusted.plan, adjusted.care]) warnings.push(...m.warnings);
    const planOrCare = new Uint8Array(x.outcome.length);
    for (let i = 0; i < planOrCare.length; i++) planOrCare[i] = x.outcome[i]! >= 2 ? 1 : 0;
    gradient = pathwaysGradient(planOrCare, use, cov.decile, split, cov.split, level, weight);
    if (gradient) warnings.push(...gradient.warnings);
    else
      warnings.push({
        code: 'no-deciles',
        message: 'No deprivation decile (imd_decile) in the file: no social gradient.',
      });
    plans = x.plans();
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
