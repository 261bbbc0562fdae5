// The names the second pass (./survival-queries.ts) and its readers share, apart from the queries so
// that a reader (the worker's summary from aggregates) does not carry the query builder.

export type SurvivalAggregate = 'rereferral' | 'repeatPlans' | 'careReentry';

export const SURVIVAL_AGGREGATES: readonly SurvivalAggregate[] = ['rereferral', 'repeatPlans', 'careReentry'];

/** The table a second-pass query reads the categories from when they are not written in. */
export const CATEGORIES_TABLE = 'csc_demand_categories';

/** The columns every second-pass query returns. */
export const SURVIVAL_COLUMNS = [
  'status',
  'category',
  'days',
  'event',
  'censor_at',
  'no_birthday',
  'overlapping',
  'inconsistent',
  'extract_date',
  'n',
] as const;

/** One row of the categories: the factors as written, the financial year (-1 for none), the category's index. */
export type CategoryRow = [factors: string, financialYear: number, category: number];
