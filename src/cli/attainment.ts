// `csc-demand attainment --assessments F --pupils F [--key-stage 2|4] [--outcome O]
// [--comparison not-known|all] [--years 2022,2023] [--suppress 5] [--robust hc0|hc1|hc2|hc3|none]
// [--month-first] [--json]`: the attainment-gap model as <attainment-gap-table> fits it (the worker's
// `attainment`: the national model's demand categories, src/analyses/attainment.ts), from the command
// line, so a researcher can check or script the element's numbers.
// - Files are streamed from disk and read as the elements read them; rows the reader cannot use are
//   left out and counted (`inputs`, and a line on stderr).
// - --key-stage defaults to 4, or 2 when --outcome is a KS2 outcome; --outcome defaults to
//   attainment8 at KS4 and ks2_rwm_expected at KS2. --suppress: rows of 1 to this many pupils are
//   withheld (default 5, as the element); 0 shows every row.
// - --json prints the result the element receives (AttainmentResult with `inputs`), one document;
//   otherwise a table of the gaps, the model and what was left out. Exit 0 when fitted; 1 for an
//   unreadable file or a failed analysis; 2 for bad usage.
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { intOption, listOption, parseArgs, required, UsageError, type CliIO } from './args.js';
import { attainment, type AttainmentResult } from '../analyses/attainment.js';
import { OUTCOMES, type AttainmentOptions, type AttainmentOutcome } from '../analyses/attainment-types.js';
import { nationalCategories } from '../analyses/national-categories.js';
import { loadTable } from '../data/load.js';
import { PROBLEM_LABELS } from '../data/validate.js';
import type { AssessmentData, LoadResult, ProblemCode, PupilData } from '../data/types.js';

const ROBUST = ['hc0', 'hc1', 'hc2', 'hc3', 'none'] as const;

async function load(path: string, kind: 'assessments' | 'pupils', monthFirst: boolean): Promise<LoadResult> {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new Error(`cannot read ${path}: no such file`);
  }
  return loadTable(createReadStream(path, { highWaterMark: 1 << 20 }), {
    fileName: basename(path),
    kind,
    monthFirst,
    totalBytes: size,
  });
}

/** What the worker adds to the result about each file (workers/summarise-dataset.ts's excluded). */
function inputOf(l: LoadResult): NonNullable<AttainmentResult['inputs']>[number] {
  const excluded = Object.entries(l.excluded)
    .filter(([, rows]) => (rows ?? 0) > 0)
    .map(([code, rows]) => ({ code, reason: PROBLEM_LABELS[code as ProblemCode] ?? code, rows: rows ?? 0 }))
    .sort((a, b) => b.rows - a.rows);
  return {
    kind: l.data.kind,
    file: l.file,
    rowsRead: l.rowsRead,
    rowsExcluded: excluded.reduce((s, e) => s + e.rows, 0),
    excluded,
  };
}

/** The options from the command line, checked as the element checks its attributes. */
function options(args: ReturnType<typeof parseArgs>): AttainmentOptions {
  const outcome = args.options.get('outcome') as AttainmentOutcome | undefined;
  if (outcome !== undefined && !(outcome in OUTCOMES))
    throw new UsageError(
      `option --outcome: expected one of ${Object.keys(OUTCOMES).join(', ')}, got '${outcome}'`,
    );
  const stage = args.options.get('key-stage') ?? (outcome ? String(OUTCOMES[outcome].keyStage) : '4');
  if (stage !== '2' && stage !== '4')
    throw new UsageError(`option --key-stage: expected 2 or 4, got '${stage}'`);
  const keyStage = Number(stage) as 2 | 4;
  if (outcome && OUTCOMES[outcome].keyStage !== keyStage)
    throw new UsageError(
      `option --outcome: ${outcome} is a key stage ${OUTCOMES[outcome].keyStage} outcome, not key stage ${keyStage}`,
    );
  const comparison = args.options.get('comparison') ?? 'not-known';
  if (comparison !== 'not-known' && comparison !== 'all')
    throw new UsageError(`option --comparison: expected not-known or all, got '${comparison}'`);
  const years = listOption(args, 'years')?.map((y) => {
    if (!/^\d{4}$/.test(y))
      throw new UsageError(`option --years: expected exam years such as 2022,2023, got '${y}'`);
    return Number(y);
  });
  const threshold = intOption(args, 'suppress', 5);
  if (threshold < 0)
    throw new UsageError(`option --suppress: expected a whole number from 0, got ${threshold}`);
  const robust = args.options.get('robust') ?? 'hc1';
  if (!(ROBUST as readonly string[]).includes(robust))
    throw new UsageError(`option --robust: expected hc0, hc1, hc2, hc3 or none, got '${robust}'`);
  return {
    keyStage,
    ...(outcome ? { outcome } : {}),
    comparison,
    years: years?.length ? years : null,
    threshold,
    robust: robust === 'none' ? null : (robust as 'hc0' | 'hc1' | 'hc2' | 'hc3'),
  };
}

const fmt = (v: number | null, digits: number): string => (v === null ? '' : v.toFixed(digits));

/** The result as a person reads it: the gaps table, the model, what was left out. */
function text(r: AttainmentResult): string[] {
  const pct = r.outcome.scale === 'proportion';
  const value = (v: number | null): string =>
    v === null ? '' : pct ? `${(100 * v).toFixed(1)}%` : v.toFixed(2);
  const lines = [
    `attainment gaps, key stage ${r.options.keyStage}, ${r.outcome.label}; measured from ${r.comparisonLabel.toLowerCase()}; exam years ${r.years.join(', ') || 'none'}`,
    `categories: ${r.categorySource}`,
    '',
  ];
  const width = Math.max(5, ...r.rows.map((x) => x.label.length));
  lines.push(
    `${'group'.padEnd(width)}  ${'n'.padStart(7)}  ${'mean'.padStart(8)}  ${'raw gap'.padStart(8)}  ${'adjusted'.padStart(8)}  95% interval        p`,
  );
  for (const row of r.rows) {
    const n = row.suppressed ? 'c' : row.n === null ? '' : String(row.n);
    const interval =
      row.lower === null || row.upper === null ? '' : `${value(row.lower)} to ${value(row.upper)}`;
    lines.push(
      `${row.label.padEnd(width)}  ${n.padStart(7)}  ${value(row.mean).padStart(8)}  ${value(row.rawGap).padStart(8)}  ${(row.reference ? 'ref' : value(row.adjustedGap)).padStart(8)}  ${interval.padEnd(18)}  ${row.p === null ? '' : row.p < 1e-4 ? '<0.0001' : fmt(row.p, 4)}`,
    );
  }
  lines.push('');
  const m = r.model;
  if (m) {
    const se = m.robust ? `${m.robust.toUpperCase()} robust standard errors` : 'classical standard errors';
    lines.push(
      `model: ${m.type === 'lpm' ? 'linear probability model' : 'linear regression'} (OLS), n = ${m.n}, df = ${m.df}, R-squared ${fmt(m.r2, 4)}, ${se}; adjusted for ${m.covariates.join(', ') || 'nothing'}`,
    );
  } else lines.push('model: not fitted');
  lines.push(
    `pupils: ${r.rowsRead} rows read, ${r.rowsInScope} at key stage ${r.options.keyStage} in the years asked, ${r.n} in the analysis` +
      (r.excluded.length ? `; left out: ${r.excluded.map((e) => `${e.rows} ${e.reason}`).join(', ')}` : ''),
  );
  for (const w of r.warnings) lines.push(`warning: ${w.message}`);
  return lines;
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs(
    argv,
    ['assessments', 'pupils', 'key-stage', 'outcome', 'comparison', 'years', 'suppress', 'robust'],
    ['month-first', 'json'],
  );
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument '${args.positionals[0]}'`);
  const assessmentsPath = required(args, 'assessments');
  const pupilsPath = required(args, 'pupils');
  const opts = options(args);
  const monthFirst = args.flags.has('month-first');
  const assessments = await load(assessmentsPath, 'assessments', monthFirst);
  const pupils = await load(pupilsPath, 'pupils', monthFirst);
  for (const l of [assessments, pupils])
    if (l.rowsRead > l.rowsKept)
      io.err(
        `${l.file}: ${(l.rowsRead - l.rowsKept).toLocaleString('en-GB')} of ${l.rowsRead.toLocaleString('en-GB')} rows left out (csc-demand check ${l.file} lists them)\n`,
      );
  const a = assessments.data as AssessmentData;
  const result: AttainmentResult = {
    ...attainment(a, pupils.data as PupilData, nationalCategories(a), opts),
    inputs: [inputOf(assessments), inputOf(pupils)],
  };
  io.out(args.flags.has('json') ? JSON.stringify(result, null, 2) + '\n' : text(result).join('\n') + '\n');
  return 0;
}
