// `csc-demand analyse --assessments F... [--pupils F] [--model national|local] [--classes K]
// [--period P] [--suppress 5] [--area NAME] [--extract-date D] [--generated-at T] [--month-first]
// --out FILE [--json]`: the
// publishable summary (src/publish/summary.ts): the analyses the three elements show, aggregates
// only, with disclosure control applied, in the versioned summary format a public page's elements
// load through `results-src`.
// - Files are streamed from disk (as `check` reads them); rows the reader cannot use are left out
//   and counted on stderr, as the elements count them. Two threads share the reading and the
//   analyses (analyse-threads.ts), with the same summary as one. The assessments may be a CSV or one or more
//   CIN census returns (XML; several are merged, load-files.ts).
// - --classes and --period: the demand section's options, as the element's `classes` and `period`
//   attributes (the analyst page's choices, so its summary and this command's can be the same).
// - --suppress: counts from 1 to this are shown as c (default 5, the DfE convention); below 3 is
//   refused (disclosure.ts MIN_THRESHOLD): a summary is for the public, whatever the threshold.
// - --aggregates DIR / --engine duckdb: from a SQL engine's aggregates instead of rows (analyse-sql.ts);
//   --sections a,b publishes only those sections (demand, rereferral, attainment, pathways, ...).
// - --generated-at: the time stamped in the file (default now); give it for byte-identical reruns.
// - Output: the summary written to --out (pretty JSON), and a line per section on stdout saying
//   what was published and how much was suppressed. --json prints the summary itself on stdout
//   (then --out is optional). Exit 0 when written; 1 for an unreadable file or a failed analysis;
//   2 for bad usage.
import { writeFileSync } from 'node:fs';
import { intOption, listOption, parseArgs, required, UsageError, type CliIO } from './args.js';
import { analyseInThreads } from './analyse-threads.js';
import { isPublishableThreshold, thresholdRule } from '../publish/disclosure.js';
import type { Summary } from '../publish/summary-types.js';
import { sectionsOption, sqlSource, sqlSummary } from './analyse-sql.js';

/** Entries shown as `c` anywhere in a value. */
function suppressed(value: unknown): number {
  if (value === 'c') return 1;
  if (Array.isArray(value)) return value.reduce((a: number, v) => a + suppressed(v), 0);
  if (value && typeof value === 'object')
    return Object.values(value).reduce((a: number, v) => a + suppressed(v), 0);
  return 0;
}

function report(s: Summary, out: string | undefined): string[] {
  const lines: string[] = [];
  const where = out ? `${out}: ` : '';
  lines.push(
    `${where}csc-demand summary ${s.schemaVersion}${s.metadata.areaName ? ` for ${s.metadata.areaName}` : ''}, ` +
      `${s.metadata.period.from ?? '?'} to ${s.metadata.period.to ?? '?'}; counts from 1 to ${s.metadata.disclosure.threshold} shown as c`,
  );
  const d = s.demand;
  if (d)
    lines.push(
      `  demand (${d.model} model): ${d.categories.length} categories (${d.categories.filter((c) => c.suppressed).length} suppressed), ${d.years.length} financial years; ${suppressed(d)} figures shown as c`,
    );
  else lines.push('  demand: not published');
  const r = s.rereferral;
  if (r) {
    const withheld = r.groups.filter((g) => g.suppressed).length;
    lines.push(
      `  re-referral: ${r.groups.length} groups (${withheld} withheld), curves at ${r.groups.reduce((a, g) => a + g.months.length, 0)} monthly points; ${suppressed(r)} figures shown as c`,
    );
  } else lines.push('  re-referral: not published');
  for (const a of s.attainment)
    lines.push(
      `  attainment, key stage ${a.options.keyStage} (${a.outcome.label}): ${a.rows.length} rows (${a.rows.filter((x) => x.suppressed).length} suppressed); ${suppressed(a)} figures shown as c`,
    );
  if (!s.attainment.length) lines.push('  attainment: not published (no pupils file)');
  for (const w of s.warnings) lines.push(`warning: ${w.message}`);
  return lines;
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs(
    argv,
    [
      'assessments',
      'pupils',
      'model',
      'classes',
      'period',
      'suppress',
      'area',
      'extract-date',
      'generated-at',
      'out',
      'aggregates',
      'engine',
      'sections',
    ],
    ['month-first', 'json'],
  );
  const fromSql = sqlSource(args);
  if (!fromSql || fromSql.engine) required(args, 'assessments');
  // Several CIN census returns: a comma list, or the files after it (`--assessments cin-*.xml`).
  const assessmentPaths = [...(listOption(args, 'assessments') ?? []), ...args.positionals];
  const json = args.flags.has('json');
  const out = args.options.get('out');
  if (!out && !json) throw new UsageError('missing required option --out (or --json to print the summary)');
  const model = args.options.get('model') ?? 'national';
  if (model !== 'national' && model !== 'local')
    throw new UsageError(`option --model: expected national or local, got '${model}'`);
  const classesText = args.options.get('classes') ?? 'auto';
  const classes = classesText === 'auto' ? 'auto' : Number(classesText);
  if (classes !== 'auto' && !(Number.isInteger(classes) && classes >= 1 && classes <= 30))
    throw new UsageError(
      `option --classes: expected auto or a whole number from 1 to 30, got '${classesText}'`,
    );
  const period = args.options.get('period') ?? null;
  if (period !== null && !/^\s*\d{4}\s*[-/–]\s*(\d{2}|\d{4})\s*$/.test(period))
    throw new UsageError(
      `option --period: expected financial years such as 2018-2024 or 2021-22, got '${period}'`,
    );
  const threshold = intOption(args, 'suppress', 5);
  if (!isPublishableThreshold(threshold))
    throw new UsageError(`option --suppress: ${thresholdRule(threshold)}`);
  const generatedAt = args.options.get('generated-at') ?? new Date().toISOString();
  if (Number.isNaN(Date.parse(generatedAt)))
    throw new UsageError(`option --generated-at: expected an ISO date-time, got '${generatedAt}'`);
  const extractDate = args.options.get('extract-date');
  const monthFirst = args.flags.has('month-first');
  const sections = sectionsOption(args);

  if (fromSql) {
    const summary = await sqlSummary(
      fromSql,
      assessmentPaths,
      io,
      {
        threshold,
        model,
        areaName: args.options.get('area') ?? null,
        generatedAt,
        // Passed on so that aggregates, which end follow-up at the data's latest date, refuse another.
        ...(extractDate ? { rereferral: { extractDate } } : {}),
        ...(sections ? { sections } : {}),
      },
      listOption(args, 'pupils') ?? [],
    );
    return write(summary, out, json, io);
  }

  const { summary, assessments, pupils } = await analyseInThreads({
    assessmentPaths,
    pupilsPath: args.options.get('pupils'),
    monthFirst,
    options: {
      threshold,
      model,
      areaName: args.options.get('area') ?? null,
      generatedAt,
      ...(extractDate ? { rereferral: { extractDate } } : {}),
      ...(classes !== 'auto' || period !== null ? { demand: { classes, period } } : {}),
      ...(sections ? { sections } : {}),
    },
  });
  if (assessments.merged)
    io.err(
      `${assessments.returns!.length} returns read together: ${assessments.merged.episodes.toLocaleString('en-GB')} episodes carried over from one return to the next merged\n`,
    );
  for (const l of [assessments, pupils])
    if (l && l.rowsRead > l.rowsKept)
      io.err(
        `${l.file}: ${(l.rowsRead - l.rowsKept).toLocaleString('en-GB')} of ${l.rowsRead.toLocaleString('en-GB')} rows left out (csc-demand check ${l.file} lists them)\n`,
      );
  return write(summary, out, json, io);
}

function write(summary: Summary, out: string | undefined, json: boolean, io: CliIO): number {
  const text = JSON.stringify(summary, null, 2) + '\n';
  if (out) {
    try {
      writeFileSync(out, text);
    } catch (e) {
      throw new Error(`cannot write ${out}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
  }
  if (json) io.out(text);
  else io.out(report(summary, out).join('\n') + '\n');
  return 0;
}
