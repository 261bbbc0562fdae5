// The second-pass aggregates (./second-pass.ts), in the order `csc-demand sql --aggregates DIR`
// prints them, and the pass itself made from the first pass's aggregates.
import { DAYS_PER_MONTH } from '../analyses/rereferral-follow-up.js';
import type { Aggregates } from './aggregate-data.js';
import { firstPass, type FirstPass } from './first-pass.js';
import { attainmentSelect } from './query-attainment.js';
import { pathwayPlansSelect } from './query-pathway-plans.js';
import { pathwaysSelect } from './query-pathways.js';
import { extentDate, type SecondPass, type SecondPassQuery } from './second-pass.js';

export const SECOND_PASS_QUERIES: readonly SecondPassQuery[] = [
  {
    name: 'pathways',
    about:
      'assessments by demand category, what followed within the window, age band, gender, ethnicity and decile',
    select: pathwaysSelect,
  },
  {
    name: 'attainment',
    about:
      'pupil results by key stage, year, group (category of the latest assessment before the exam) and covariates: counts, sums and sums of squares of each outcome',
    pupils: true,
    select: attainmentSelect,
  },
  {
    name: 'pathway_plans',
    about: 'child protection plans by initial category and the factor list of their assessment',
    select: pathwayPlansSelect,
  },
];

export interface SecondPassOptions {
  windowMonths?: number;
  extractDate?: string | null;
}

/**
 * The second pass from the first's aggregates (demand, extent) and the pathways options; `categories`
 * a table holding them in place of writing them in.
 */
export async function secondPass(
  aggregates: Aggregates,
  { windowMonths = 12, extractDate = null }: SecondPassOptions = {},
  categories: string | null = null,
): Promise<{ first: FirstPass; pass: SecondPass }> {
  const demand = aggregates.get('demand');
  if (!demand) throw new Error('no demand aggregate');
  const first = await firstPass(demand);
  const extract = extractDate ?? extentDate(aggregates.get('extent'));
  if (!extract)
    throw new Error('extent: no date in the assessments, so no extract date for the pathways windows');
  if (!(windowMonths > 0 && windowMonths <= 120))
    throw new Error(
      `pathways: invalid windowMonths; expected a number of months from 1 to 120, got ${windowMonths}`,
    );
  return {
    first,
    pass: {
      categories: categories ?? first.map,
      extractDate: extract,
      windowDays: Math.round(windowMonths * DAYS_PER_MONTH),
    },
  };
}
