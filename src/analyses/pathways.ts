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
import { parseDate } from '../data/dates.js';
import { hasFactor, type AssessmentData } from '../data/types.js';
import type { Warning } from '../warnings.js';
import { ageBands, deciles, ethnicGroups, genders, type Coded } from './pathways-covariates.js';
import { pathwayRows } from './pathways-outcomes.js';
import { pathwaysPlans } from './pathways-plans.js';
import { ENGLAND_PATHWAYS, pathwaysTables } from './pathways-tables.js';
import {
  GRADIENT_SPLITS,
  type GradientSplit,
  type PathwaysOptions,
  type PathwaysResult,
} from './pathways-types.js';
import { DAYS_PER_MONTH } from './rereferral-follow-up.js';
import { latestDay } from './rereferral.js';
import type { RowCategories } from './rereferral-types.js';

export type * from './pathways-types.js';

export { ENGLAND_PATHWAYS };

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
  const windowDays = Math.round(windowMonths * DAYS_PER_MONTH);
  const rows = pathwayRows(data, windowDays, extractDay);
  const L = categories.levels.length;
  const labels = categories.labels ?? categories.levels;
  const codes = new Int32Array(categories.codes.length);
  for (let i = 0; i < codes.length; i++) {
    const c = categories.codes[i]!;
    codes[i] = c >= 0 && c < L ? c : -1;
  }
  const category: Coded = {
    codes,
    levels: [...categories.levels],
    labels: [...labels],
  };
  return pathwaysTables(
    {
      category,
      ...rows,
      weight: null,
      covariates: () => {
        const age = ageBands(data);
        return {
          age,
          gender: genders(data),
          ethnicity: ethnicGroups(data),
          decile: deciles(data),
          split: splitOf(data, split, age),
        };
      },
      plans: () => pathwaysPlans(data, level),
    },
    { windowMonths, extractDay, reference, split, level, models },
    inputs,
  );
}

/** The gradient's split as level codes per row. */
export function splitOf(data: AssessmentData, split: GradientSplit, age: Coded): Coded {
  switch (split) {
    case 'none':
      return { codes: new Int32Array(data.n), levels: ['all'], labels: ['All assessments'] };
    case 'age':
      return {
        codes: age.codes.map((c) => (c < 0 ? -1 : c <= 1 ? 0 : 1)),
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
