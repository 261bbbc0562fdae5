// The first pass's `extent`: the latest date of each date column, one row. The latest of them is the
// extract date the pathways analysis takes by default (src/analyses/rereferral.ts latestDay: the
// latest date anywhere in the file), which decides whose window is still open.
import { col, max, type Select } from './builder.js';

/** The date columns latestDay reads. */
export const EXTENT_COLUMNS = [
  'referral_date',
  'assessment_date',
  'closure_date',
  'cpp_start_date',
  'cpp_end_date',
  'care_start_date',
  'care_end_date',
];

export function extentSelect(table: string): Select {
  return { columns: EXTENT_COLUMNS.map((c) => ({ e: max(col(c)), as: `latest_${c}` })), from: table };
}
