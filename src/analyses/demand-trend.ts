// Classified assessments per financial year (April-March) and category, and their growth indexed to
// the first full year = 100. A year is partial when the data's first assessment comes more than a
// month after its 1 April, or the last more than a month before its 31 March: such a year is flagged
// (its count is not comparable with full years) and never the base of the index. With a period, the
// years are the period's, including any the data do not reach (shown with zero counts, flagged).
import type { AssessmentData } from '../data/types.js';
import { financialYear, yearEnd, yearLabel, yearStart, type Period } from './demand-period.js';
import type { DemandYear } from './demand-types.js';

const PARTIAL_SLACK_DAYS = 31;

/**
 * Counts per financial year and category, indexed to the first full year.
 * @param first first and last assessment day in the data (for partial years)
 */
export function demandTrend(
  data: AssessmentData,
  ofAssessment: Int32Array,
  K: number,
  period: Period | null,
  first: number,
  last: number,
): { years: DemandYear[]; baseYear: string | null } {
  let y0 = Infinity;
  let y1 = -Infinity;
  for (let i = 0; i < data.n; i++) {
    if (ofAssessment[i]! < 0) continue;
    const fy = financialYear(data.assessmentDate[i]!);
    y0 = Math.min(y0, fy);
    y1 = Math.max(y1, fy);
  }
  if (period) {
    y0 = financialYear(period.from);
    y1 = financialYear(period.to);
  }
  if (!Number.isFinite(y0) || K === 0) return { years: [], baseYear: null };
  const counts = new Float64Array((y1 - y0 + 1) * K);
  for (let i = 0; i < data.n; i++) {
    const k = ofAssessment[i]!;
    if (k >= 0) counts[(financialYear(data.assessmentDate[i]!) - y0) * K + k]! += data.weight?.[i] ?? 1;
  }
  const years: DemandYear[] = [];
  for (let y = y0; y <= y1; y++) {
    const row = Array.from(counts.subarray((y - y0) * K, (y - y0 + 1) * K));
    years.push({
      year: yearLabel(y),
      partial: first > yearStart(y) + PARTIAL_SLACK_DAYS || last < yearEnd(y) - PARTIAL_SLACK_DAYS,
      total: row.reduce((a, b) => a + b, 0),
      counts: row,
      index: [],
    });
  }
  const base = years.find((y) => !y.partial) ?? years[0]!;
  for (const y of years)
    y.index = y.counts.map((c, k) => (base.counts[k]! > 0 ? (100 * c) / base.counts[k]! : null));
  return { years, baseYear: base.year };
}
