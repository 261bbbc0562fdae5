// The summary validator on the page: the core's validateSummary (src/publish/validate-summary.ts:
// format and version, the JSON Schema, no count from 1 to the file's threshold, figures consistent
// with each other), for elements given published figures (`results-src`, `results`). Elements import
// this module lazily, only when they are given a summary, so the first load stays small and the
// analysis worker never starts for published figures. No code generation (runs under a strict CSP).
export { validateSummary } from '../src/publish/validate-summary.js';
export type { SummaryProblem, SummaryValidation } from '../src/publish/validate-summary.js';
