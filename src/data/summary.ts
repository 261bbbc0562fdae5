// What a loaded assessments file holds, as small plain JSON: the demo page and `csc-demand check`
// show it. Counts of kept rows only; `problems` are the first few (the result keeps more). Child-level
// data never appears here (only counts and codes), but the counts are not disclosure-controlled:
// publishing goes through src/publish/.
import { lookupFactor } from '../domain/cin-codes.js';
import { dayToIso } from './dates.js';
import { countEpisodes } from './count-episodes.js';
import {
  MISSING_DAY,
  type AssessmentData,
  type LoadResult,
  type Problem,
  type ProblemCode,
} from './types.js';
import type { Warning } from '../warnings.js';

export interface AssessmentSummary {
  file: string;
  assessments: number;
  children: number;
  /** Distinct child and referral date pairs. */
  episodes: number;
  /** Earliest referral and latest assessment date (ISO), null when no row has them. */
  dateRange: { from: string; to: string } | null;
  /** Codes seen, dictionary codes first, with their meaning and the number of assessments. */
  factorCodes: { code: string; meaning: string; count: number; known: boolean }[];
  rowsRead: number;
  rowsKept: number;
  excluded: Partial<Record<ProblemCode, number>>;
  problems: Problem[];
  problemCount: number;
  unknownFactorCodes: { code: string; count: number }[];
  encoding: string;
  delimiter: string;
  warnings: Warning[];
}

/**
 * Summarise a loaded assessments file.
 * @example summariseAssessments(await loadAssessments(bytes, { fileName: 'a.csv' })).children
 */
export function summariseAssessments(
  result: LoadResult<AssessmentData>,
  { maxProblems = 10 }: { maxProblems?: number } = {},
): AssessmentSummary {
  const data = result.data;
  if (!data || data.kind !== 'assessments') {
    throw new Error(
      `summariseAssessments: invalid result; expected an assessments dataset, got ${data?.kind}`,
    );
  }
  let from = Infinity;
  let to = -Infinity;
  for (let i = 0; i < data.n; i++) {
    const r = data.referralDate[i]!;
    const a = data.assessmentDate[i]!;
    if (r !== MISSING_DAY && r < from) from = r;
    if (a !== MISSING_DAY && a > to) to = a;
  }
  return {
    file: result.file,
    assessments: data.n,
    children: data.childId.levels.length,
    episodes: countEpisodes(data),
    dateRange:
      Number.isFinite(from) && Number.isFinite(to) ? { from: dayToIso(from), to: dayToIso(to) } : null,
    factorCodes: data.factorCodes.map((code, j) => {
      const f = lookupFactor(code);
      return {
        code,
        meaning: f ? f.meaning : 'not in the CIN factor dictionary',
        count: data.factorCounts[j]!,
        known: f !== undefined,
      };
    }),
    rowsRead: result.rowsRead,
    rowsKept: result.rowsKept,
    excluded: { ...result.excluded },
    problems: result.problems.slice(0, maxProblems),
    problemCount: result.problemCount,
    unknownFactorCodes: result.unknownFactorCodes.map((x) => ({ ...x })),
    encoding: result.encoding,
    delimiter: result.delimiter,
    warnings: result.warnings.map((w) => ({ ...w })),
  };
}
