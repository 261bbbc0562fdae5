// The pathways section from the second pass's aggregates (./query-pathways.ts, ./query-pathway-plans.ts):
// each group a record standing for `n` assessments (or plans), through the code that publishes the
// section from rows (src/analyses/pathways-tables.ts), so shares, odds ratios, gradient and plans
// table are the rows' (the models are fitted on covariate patterns either way).
// Gender, ethnicity, decile and factor lists are read by the kit's loader as a file's would be, so
// the levels and the unknowns are the rows'.
// Contract: rows with the columns the queries name (any case), `n` a positive whole number; throws
// naming the aggregate, the row and the column otherwise.
import { parseDate } from '../data/dates.js';
import { DAYS_PER_MONTH } from '../analyses/rereferral-follow-up.js';
import { loadRows } from '../data/load-rows.js';
import { hasFactor, type AssessmentData } from '../data/types.js';
import { ageBands, deciles, ethnicGroups, genders, type Coded } from '../analyses/pathways-covariates.js';
import { PLAN_CATEGORIES, planCategoryIndex, plansTable } from '../analyses/pathways-plans.js';
import { splitOf } from '../analyses/pathways.js';
import { pathwaysTables } from '../analyses/pathways-tables.js';
import type { PathwaysOptions, PathwaysResult } from '../analyses/pathways-types.js';
import type { RowCategories } from '../analyses/rereferral-types.js';
import { withColumns, type AggregateRow } from './aggregate-data.js';

const PATHWAYS_COLUMNS = [
  'category',
  'neglect',
  'age_band',
  'gender',
  'ethnicity',
  'imd_decile',
  'outcome',
  'plan',
  'care',
  'n',
];
const PLANS_COLUMNS = ['cpp_category', 'factors', 'n'];

function whole(r: AggregateRow, i: number, name: string, column: string, lo: number, hi: number): number {
  const v = Number(r[column]);
  if (r[column] === null || r[column] === '' || !Number.isInteger(v) || v < lo || v > hi)
    throw new Error(
      `${name}: row ${i + 1}, column ${column}: expected a whole number from ${lo} to ${hi}, got ${JSON.stringify(r[column])}`,
    );
  return v;
}

/** Rows read by the kit's loader (one per record), or an error naming the first it could not read. */
async function load(rows: Record<string, unknown>[], name: string): Promise<AssessmentData> {
  const loaded = await loadRows(rows, { fileName: name, kind: 'assessments' });
  const data = loaded.data as AssessmentData;
  if (data.n !== rows.length) {
    const p = loaded.problems?.[0];
    throw new Error(`${name}: ${rows.length - data.n} rows could not be read${p ? ` (${p.message})` : ''}`);
  }
  return data;
}

/**
 * The pathways result from the aggregates (the window and extract date those the aggregate carries).
 * @example (await aggregatePathways({pathways, plans}, categories, {})).overall.n
 */
export async function aggregatePathways(
  input: { pathways: readonly AggregateRow[]; plans: readonly AggregateRow[] },
  categories: RowCategories,
  { windowMonths = 12, reference = null, split = 'age', level = 0.95, models = true }: PathwaysOptions,
  file: string | null = null,
): Promise<PathwaysResult> {
  if (split === 'neglect')
    throw new Error(
      "pathways: the neglect split needs the rows (the category list carries no factors); from aggregates: split 'age', 'ethnicity' or 'none'",
    );
  const rows = withColumns(input.pathways, 'pathways', PATHWAYS_COLUMNS);
  // The window and extract date the second pass was written with: a window other than the one asked
  // for now is refused, as the windows' outcomes cannot be recomputed here.
  const windowDays = Math.round(windowMonths * DAYS_PER_MONTH);
  const first = rows[0];
  const extractDate = first ? String(first.extract_date).slice(0, 10) : '';
  if (first && Number(first.window_days) !== windowDays)
    throw new Error(
      `pathways: the aggregate was computed with a window of ${String(first.window_days)} days, not the ${windowDays} of ${windowMonths} months asked for; print the second pass again with these options`,
    );
  const L = categories.levels.length;
  const n = rows.length;
  const code = new Int32Array(n);
  const outcome = new Int8Array(n);
  const plan = new Uint8Array(n);
  const care = new Uint8Array(n);
  const weight = new Float64Array(n);
  const ages = new Float64Array(n);
  let windowOpen = 0;
  const pseudo = rows.map((r, i) => {
    weight[i] = whole(r, i, 'pathways', 'n', 1, Number.MAX_SAFE_INTEGER);
    const c = whole(r, i, 'pathways', 'category', -1, L - 1);
    code[i] = c;
    outcome[i] = whole(r, i, 'pathways', 'outcome', -1, 3);
    if (outcome[i] < 0) windowOpen += weight[i]!;
    plan[i] = whole(r, i, 'pathways', 'plan', 0, 1);
    care[i] = whole(r, i, 'pathways', 'care', 0, 1);
    ages[i] = r.age_band === null || r.age_band === '' ? NaN : whole(r, i, 'pathways', 'age_band', -1, 16);
    // The neglect flag as the factor it stands for, so the split reads it as from rows.
    const neglect = whole(r, i, 'pathways', 'neglect', 0, 1);
    return {
      child_id: `g${i + 1}`,
      referral_date: '2000-01-01',
      assessment_date: '2000-01-01',
      factors: neglect ? '16A' : '',
      gender: r.gender ?? '',
      ethnicity: r.ethnicity ?? '',
      imd_decile: r.imd_decile ?? '',
    };
  });
  // The band's lowest age stands for the band (as aggregate-data.ts does for demand). No records:
  // nothing is modelled, so nothing is read.
  const data: AssessmentData | null = n ? { ...(await load(pseudo, 'pathways')), age: ages } : null;
  const plans = await plansOf(input.plans, level);
  const category: Coded = {
    codes: code,
    levels: [...categories.levels],
    labels: [...(categories.labels ?? categories.levels)],
  };
  return pathwaysTables(
    {
      category,
      outcome,
      plan,
      care,
      windowOpen,
      weight,
      covariates: () => {
        const age = ageBands(data!);
        return {
          age,
          gender: genders(data!),
          ethnicity: ethnicGroups(data!),
          decile: deciles(data!),
          split: splitOf(data!, split, age),
        };
      },
      plans: () => plans,
    },
    { windowMonths, extractDay: parseDate(extractDate), reference, split, level, models },
    { categories, ...(file ? { file } : {}) },
  );
}

/** The plans table from `pathway_plans`; null when no plan has a category (as from rows). */
async function plansOf(input: readonly AggregateRow[], level: number): Promise<PathwaysResult['plans']> {
  const rows = withColumns(input, 'pathway_plans', PLANS_COLUMNS);
  if (!rows.length) return null;
  const data = await load(
    rows.map((r, i) => ({
      child_id: `g${i + 1}`,
      referral_date: '2000-01-01',
      assessment_date: '2000-01-01',
      factors: r.factors ?? '',
    })),
    'pathway_plans',
  );
  return plansTable(
    rows.map((r, i) => {
      const k = planCategoryIndex(String(r.cpp_category ?? ''));
      const recorded =
        k >= 0 &&
        PLAN_CATEGORIES[k]!.factors.some((f) => {
          const j = data.factorCodes.indexOf(f);
          return j >= 0 && hasFactor(data, i, j);
        });
      return { category: k, recorded, weight: whole(r, i, 'pathway_plans', 'n', 1, Number.MAX_SAFE_INTEGER) };
    }),
    level,
  );
}
