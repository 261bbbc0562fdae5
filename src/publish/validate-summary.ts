// Checking a summary on load (an element's `results-src`, or anyone reading the file): is it a
// csc-demand summary, of a version this reader understands, shaped as the schema says, within its
// own disclosure rule, and consistent with itself? Every problem names the JSON path of the figure.
//
// Contract
// - Input: the parsed JSON, or its text (parsed here; a syntax error is a problem at `$`).
// - Versions: the format's major version must be 1; any minor version loads (a minor version only
//   adds optional fields, which this reader then ignores, with a warning when the file is newer
//   than the reader; `current` overrides the reader's version, for tests).
// - Checks, in order: format and version; the threshold rule (at least MIN_THRESHOLD, 3:
//   disclosure.ts); no bidirectional-text control in any string (bidi.ts: one would let a label
//   reorder the figures after it on the page); the schema (schema.ts via summary-schema-check.ts, no
//   code generation, so it runs under a strict Content-Security-Policy); every count against the
//   threshold the file states (a count from 1 to the threshold is never published, so one means the
//   file was altered or made without disclosure control); the figures against each other
//   (summary-consistency.ts).
// - Output: {valid, errors, warnings, summary}; `summary` is the input when valid, else null.
import { isPublishableThreshold, thresholdRule } from './disclosure.js';
import { SUMMARY_SCHEMA } from './schema.js';
import { bidiProblems } from './bidi.js';
import { summaryConsistency } from './summary-consistency.js';
import { show, summarySchemaCheck, type SchemaProblem } from './summary-schema-check.js';
import { SUMMARY_FORMAT, SUMMARY_VERSION, type Summary } from './summary-types.js';

export type SummaryProblem = SchemaProblem;

export interface SummaryValidation {
  valid: boolean;
  errors: SummaryProblem[];
  warnings: SummaryProblem[];
  summary: Summary | null;
}

const failed = (errors: SummaryProblem[], warnings: SummaryProblem[] = []): SummaryValidation => ({
  valid: false,
  errors,
  warnings,
  summary: null,
});

/**
 * Check a published summary (see the file comment).
 * @example validateSummary(JSON.parse(text)).errors[0]
 * // {path: '$.rereferral.groups[2].nRisk[4]', message: '3 is a count from 1 to 5, ...'}
 */
export function validateSummary(
  json: unknown,
  { current = SUMMARY_VERSION }: { current?: string } = {},
): SummaryValidation {
  let doc = json;
  if (typeof json === 'string') {
    try {
      doc = JSON.parse(json);
    } catch (e) {
      return failed([{ path: '$', message: `is not JSON: ${e instanceof Error ? e.message : String(e)}` }]);
    }
  }
  const o = doc as Record<string, unknown> | null;
  if (typeof o !== 'object' || o === null || Array.isArray(o) || o['format'] !== SUMMARY_FORMAT)
    return failed([
      {
        path: '$.format',
        message: `expected "${SUMMARY_FORMAT}": this is not a csc-demand summary (got ${show(o?.['format'])})`,
      },
    ]);
  const version = o['schemaVersion'];
  const m = typeof version === 'string' ? /^(\d+)\.(\d+)$/.exec(version) : null;
  const [major, minor] = current.split('.').map(Number) as [number, number];
  if (!m || Number(m[1]) !== major)
    return failed([
      {
        path: '$.schemaVersion',
        message: `expected a version ${major}.x summary, got ${show(version)}: this reader cannot read it (a newer csc-demand-widgets may)`,
      },
    ]);
  const warnings: SummaryProblem[] = [];
  if (Number(m[2]) > minor)
    warnings.push({
      path: '$.schemaVersion',
      message: `the file is version ${version}, newer than this reader (${current}): figures it adds are ignored`,
    });

  // The threshold rule before the schema, so a file declaring threshold 0 is told why it is refused.
  const declared = (o['metadata'] as { disclosure?: { threshold?: unknown } } | undefined)?.disclosure
    ?.threshold;
  if (declared !== undefined && !isPublishableThreshold(declared))
    return failed(
      [
        {
          path: '$.metadata.disclosure.threshold',
          message: `${thresholdRule(show(declared))}: a summary made with a lower threshold does not protect the children it counts`,
        },
      ],
      warnings,
    );
  const bidi = bidiProblems(o);
  if (bidi.length) return failed(bidi, warnings);

  const counts: [string, unknown][] = [];
  const errors = summarySchemaCheck(o, SUMMARY_SCHEMA as unknown as Record<string, unknown>, (p, v) =>
    counts.push([p, v]),
  );
  if (errors.length) return failed(errors, warnings);

  const summary = o as unknown as Summary;
  const threshold = summary.metadata.disclosure.threshold;
  for (const [path, v] of counts)
    if (typeof v === 'number' && v >= 1 && v <= threshold)
      errors.push({
        path,
        message: `${v} is a count from 1 to ${threshold}, which this summary's disclosure rule never publishes: the file was altered or made without disclosure control`,
      });
  errors.push(...summaryConsistency(summary));
  return errors.length ? failed(errors, warnings) : { valid: true, errors, warnings, summary };
}
