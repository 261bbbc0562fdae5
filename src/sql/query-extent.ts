// The first pass's `extent`: the latest date of each date column, one row. The latest of them is the
// extract date the pathways analysis takes by default (src/analyses/rereferral.ts latestDay: the
// latest date anywhere in the file), which decides whose window is still open.
import { DATE_SLOTS } from '../data/validate.js';
import { col, max, type Select } from './builder.js';

/** The date columns latestDay reads. */
export const EXTENT_COLUMNS = DATE_SLOTS.filter((c) => c !== 'date_of_birth');

export function extentSelect(table: string): Select {
  return { columns: EXTENT_COLUMNS.map((c) => ({ e: max(col(c)), as: `latest_${c}` })), from: table };
}
