// Each assessment's demand category under the national model, as the attainment analysis takes them:
// one place for what the worker (for <attainment-gap-table>) and `csc-demand attainment` both use,
// so the command line gives the element's numbers.
import type { AssessmentData } from '../data/types.js';
import type { AssessmentCategories } from './attainment-types.js';
import { assignCategories } from './categories.js';

/**
 * The national model's categories of the assessments (assignCategories): each row in its most likely
 * category; rows with no factors, or only codes outside the scheme, have none (-1).
 * @example nationalCategories(data).labels[0] // 'Domestic abuse and parental mental health'
 */
export function nationalCategories(assessments: AssessmentData): AssessmentCategories {
  const a = assignCategories(assessments);
  return {
    labels: a.labels.map((l) => l.name),
    ofAssessment: a.ofAssessment.map((k) => (k < 0 ? -1 : k)),
    source: `the national model (${a.scheme.version}), each assessment in its most likely category`,
  };
}
