// From the first pass to the second: the demand aggregate read as weighted assessments, each given
// its national demand category as the summary gives the rows theirs (src/publish/summary-parts.ts
// summaryCategories: the national model's shares fitted to these assessments, each pattern in its
// most likely category), and the list of categories by factor list and financial year that the
// second-pass queries join (./category-map.ts categoryRows).
import type { AssessmentData } from '../data/types.js';
import { summaryCategories, type SummaryCategories } from '../publish/summary-parts.js';
import { demandData, type AggregateRow } from './aggregate-data.js';
import { categoryRows } from './category-map.js';
import type { CategoryRow } from './survival-queries.js';

export interface FirstPass {
  assessments: AssessmentData;
  categories: SummaryCategories;
  map: CategoryRow[];
}

/** The first pass's assessments, their categories and the categories' list. */
export async function firstPass(demandRows: readonly AggregateRow[]): Promise<FirstPass> {
  const assessments = await demandData(demandRows);
  const categories = summaryCategories(assessments);
  return { assessments, categories, map: categoryRows(demandRows, assessments).rows };
}
