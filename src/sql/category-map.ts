// The demand category of each factor pattern and financial year, from the first pass (the demand
// aggregate): what the second-pass queries (./survival-queries.ts) join on to give each episode,
// plan or period in care the category of its latest assessment.
// The categories are the summary's (src/publish/summary-parts.ts summaryCategories: the national
// model, its shares estimated on the whole data), fitted here on the demand aggregate's weighted
// rows, so they are the rows' categories. A category depends on the factors and on the financial
// year alone (codes introduced in a year are missing, not absent, before it), so one (factors, year)
// never has two; rows with no category of the scheme (no factors, or only codes it does not use)
// are left out, and the join then gives them none, as the rows path does.
import type { AssessmentData } from '../data/types.js';
import { summaryCategories } from '../publish/summary-parts.js';
import type { RowCategories } from '../analyses/rereferral-types.js';
import { withColumns, type AggregateRow } from './aggregate-data.js';
import type { CategoryRow } from './survival-names.js';

/**
 * (factors, financial year, category index) of every classified pattern of the demand aggregate.
 * @param rows the demand aggregate as read; `data` what demandData made of it (same order)
 * @example categoryRows(rows, await demandData(rows)).rows[0] // ['3A', 2020, 4]
 */
export function categoryRows(
  rows: readonly AggregateRow[],
  data: AssessmentData,
): { rows: CategoryRow[]; categories: Omit<RowCategories, 'codes'> } {
  const { rowCategories } = summaryCategories(data);
  const cols = withColumns(rows, 'demand', ['factors', 'financial_year', 'first_date', 'last_date', 'n']);
  const seen = new Map<string, number>();
  const out: CategoryRow[] = [];
  let at = 0;
  cols.forEach((r, i) => {
    const category = rowCategories.codes[at]!;
    // demandData writes a group whose first and last dates differ as two rows (aggregate-data.ts).
    const first = String(r.first_date ?? '').slice(0, 10);
    const last = String(r.last_date ?? '').slice(0, 10);
    at += Number(r.n) > 1 && first !== last ? 2 : 1;
    const factors = r.factors;
    if (category < 0 || factors === null || factors === undefined || factors === '') return;
    const fy = r.financial_year;
    const year = fy === null || fy === '' ? -1 : Number(fy);
    const key = `${String(factors)}\u0000${year}`;
    const known = seen.get(key);
    if (known === undefined) {
      seen.set(key, category);
      out.push([String(factors), year, category]);
    } else if (known !== category)
      throw new Error(`demand: row ${i + 1}: expected one category per factors and year, got two`);
  });
  if (at !== data.n)
    throw new Error(
      `categoryRows: expected the demand data made of these rows (${at} rows here, ${data.n} there)`,
    );
  const { levels, labels, source } = rowCategories;
  return { rows: out, categories: { levels, labels, source } };
}

/** The categories as CSV (factors, financial_year, category): a table to load in place of writing them in. */
export function categoriesCsv(rows: readonly CategoryRow[]): string {
  const quote = (v: string): string => `"${v.replace(/"/g, '""')}"`;
  return (
    ['factors,financial_year,category', ...rows.map(([f, y, c]) => `${quote(f)},${y},${c}`)].join('\n') + '\n'
  );
}
