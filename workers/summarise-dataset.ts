// The small, cloneable account of a loaded dataset that `loadDataset` returns and
// `<csc-dataset-summary>` shows: how many assessments, children and episodes, the dates covered, the
// factor codes seen (with their meanings and counts), and every row not kept with the reason.
// Input: a LoadResult from the data layer. Output: DatasetSummary (api.ts). The counts of an
// assessments file are the core's `summariseAssessments` (so the page and `csc-demand check` agree);
// this adds the reasons in words, the referral range and the pupils case.
import type { DatasetSummary } from './api.js';
import type { AssessmentData, LoadResult, ProblemCode } from '../src/data/types.js';
import { MAX_PROBLEMS, MISSING_DAY } from '../src/data/types.js';
import { dayToIso } from '../src/data/dates.js';
import { summariseAssessments } from '../src/data/summary.js';
import { PROBLEM_LABELS } from '../src/data/validate.js';

// Indexed loops, not for...of: a typed array's iterator cost about 0.3 s over the 3.6 million rows of a
// national file, between its last byte and the chart's analysis.
/** Distinct non-missing codes of a dictionary-encoded column (codes are dense: 0..levels-1). */
function distinct(codes: Int32Array): number {
  let max = -1;
  for (let i = 0; i < codes.length; i++) if (codes[i]! > max) max = codes[i]!;
  const seen = new Uint8Array(max + 1);
  let n = 0;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    if (c >= 0 && !seen[c]) {
      seen[c] = 1;
      n++;
    }
  }
  return n;
}

function range(days: Int32Array): [string | null, string | null] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < days.length; i++) {
    const d = days[i]!;
    if (d === MISSING_DAY || d < -1e6) continue;
    if (d < lo) lo = d;
    if (d > hi) hi = d;
  }
  return lo === Infinity ? [null, null] : [dayToIso(lo), dayToIso(hi)];
}

/** Summarises a load for the page (see DatasetSummary in api.ts). */
export function summariseDataset(result: LoadResult): DatasetSummary {
  const { data } = result;
  const excluded = Object.entries(result.excluded)
    .filter(([, rows]) => (rows ?? 0) > 0)
    .map(([code, rows]) => ({ code, reason: PROBLEM_LABELS[code as ProblemCode] ?? code, rows: rows ?? 0 }))
    .sort((a, b) => b.rows - a.rows);
  const base = {
    file: result.file,
    encoding: result.encoding,
    delimiter: result.delimiter,
    rowsRead: result.rowsRead,
    rowsKept: result.rowsKept,
    records: data.n,
    excluded,
    rowsExcluded: excluded.reduce((s, e) => s + e.rows, 0),
    problems: result.problems.map((p) => ({ ...p })),
    problemCount: result.problemCount,
    unknownFactorCodes: result.unknownFactorCodes.map((u) => ({ ...u })),
    warnings: result.warnings.map((w) => ({ code: w.code, message: w.message })),
  };
  if (data.kind === 'pupils') {
    return {
      ...base,
      kind: 'pupils',
      children: distinct(data.pupilId.codes),
      episodes: null,
      firstReferral: null,
      lastReferral: null,
      firstAssessment: null,
      lastAssessment: null,
      factors: [],
    };
  }
  const core = summariseAssessments(result as LoadResult<AssessmentData>, { maxProblems: MAX_PROBLEMS });
  const [firstReferral, lastReferral] = range(data.referralDate);
  const [firstAssessment, lastAssessment] = range(data.assessmentDate);
  return {
    ...base,
    kind: 'assessments',
    children: core.children,
    episodes: core.episodes,
    firstReferral,
    lastReferral,
    firstAssessment,
    lastAssessment,
    factors: core.factorCodes
      .filter((f) => f.count > 0)
      .map((f) => ({ code: f.code, meaning: f.known ? f.meaning : null, count: f.count })),
  };
}
