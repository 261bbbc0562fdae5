// The summary check on the page: the core's validateSummary (src/publish/validate-summary.ts: format
// and version, the JSON Schema, no count from 1 to the file's threshold, figures consistent with each
// other), for elements given published figures (`results-src`, `results`), and the error an element
// shows when a file fails it. Elements import this module lazily, only when they are given a
// summary, so the first load stays small and the analysis worker never starts for published figures.
// No code generation (runs under a strict CSP).
import { validateSummary } from '../src/publish/validate-summary.js';
import type { Summary } from '../src/publish/summary-types.js';
import { AnalysisError } from './errors.js';

export { validateSummary };
export type { SummaryProblem, SummaryValidation } from '../src/publish/validate-summary.js';

/** A summary that passed, with the notes of its check (a newer minor version). */
export interface CheckedSummary {
  summary: Summary;
  notes: string[];
}

/**
 * Checks published JSON as a summary: the summary and its notes, or an AnalysisError
 * ('invalid-summary') listing every failing figure with its JSON path (as the element shows it).
 * @param where the file or property the JSON came from, for the message
 */
export function checkSummary(json: unknown, where: string): CheckedSummary {
  const check = validateSummary(json);
  if (check.valid)
    return { summary: check.summary!, notes: check.warnings.map((w) => `${w.path}: ${w.message}`) };
  const errors = check.errors;
  const problems = errors.map((p) => ({
    file: where,
    line: 0,
    column: p.path,
    value: '',
    expected: '',
    code: 'invalid-summary',
    message: `${p.path}: ${p.message}`,
  }));
  throw new AnalysisError(
    `The published figures in ${where} cannot be shown: ${errors.length === 1 ? 'a figure fails' : `${errors.length} figures fail`} the summary's checks, so the file may have been altered or damaged.`,
    'invalid-summary',
    { file: where, problems },
  );
}
