// `csc-demand check FILE... [--kind assessments|pupils] [--month-first] [--json]`: validate an input
// file the way the elements and `analyse` will read it, and list its problems with line numbers.
// Several files are CIN census returns read together, as `analyse` reads them (src/cli/load-files.ts).
// - The file is streamed from disk (file-chunks.ts), never read whole.
// - Text output: one problem a line, `file:line: column: what; expected ...` (editors and CI
//   annotate from that form), then a count summary and the warnings. `--json`: one JSON document
//   {file, ok, kind, rowsRead, rowsKept, excluded, problemCount, problems, ...}.
// - Exit 0 when every row is usable; 1 when any row is bad or the file is unusable (a missing column,
//   no data rows); 2 for bad usage.
import { basename } from 'node:path';
import { parseArgs, UsageError, type CliIO } from './args.js';
import { loadFiles } from './load-files.js';
import { PROBLEM_LABELS } from '../data/validate.js';
import { DataError, type LoadResult, type Problem, type ProblemCode } from '../data/types.js';

/** `file:line: column: what; expected ...` from a problem (its message minus the location). */
function problemLine(p: Problem): string {
  const at = p.message.indexOf(': ');
  const rest = at >= 0 ? p.message.slice(at + 2) : p.message;
  return `${p.file}:${p.line}: ${p.column ? `${p.column}: ` : ''}${rest}`;
}

function excludedText(excluded: Partial<Record<ProblemCode, number>>): string {
  return Object.entries(excluded)
    .map(([code, n]) => `${n.toLocaleString('en-GB')} ${PROBLEM_LABELS[code as ProblemCode] ?? code}`)
    .join(', ');
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv, ['kind'], ['month-first', 'json']);
  if (args.positionals.length === 0)
    throw new UsageError('expected a FILE to check (or several CIN census returns)');
  const paths = args.positionals;
  const kind = args.options.get('kind') ?? 'auto';
  if (kind !== 'assessments' && kind !== 'pupils' && kind !== 'auto') {
    throw new UsageError(`option --kind: expected assessments or pupils, got '${kind}'`);
  }
  const fileName = paths.map((p) => basename(p)).join(', ');
  const json = args.flags.has('json');
  let result: LoadResult;
  try {
    result = await loadFiles(paths, kind, args.flags.has('month-first'));
  } catch (e) {
    if (!(e instanceof DataError)) throw e;
    const problems = e.details.problems ?? [];
    if (json) {
      const doc = {
        file: fileName,
        ok: false,
        error: { code: e.code, message: e.message },
        rowsRead: e.details.rowsRead ?? 0,
        rowsKept: 0,
        excluded: e.details.excluded ?? {},
        problemCount: e.details.problemCount ?? 0,
        problems,
      };
      io.out(JSON.stringify(doc, null, 2) + '\n');
    } else {
      for (const p of problems) io.out(problemLine(p) + '\n');
      const more = (e.details.problemCount ?? 0) - problems.length;
      if (more > 0) io.out(`... and ${more.toLocaleString('en-GB')} more problems\n`);
      io.err(`csc-demand check: ${e.message}\n`);
    }
    return 1;
  }
  const bad = result.rowsRead - result.rowsKept;
  if (json) {
    const { data, ...rest } = result;
    io.out(JSON.stringify({ ok: bad === 0, kind: data.kind, ...rest }, null, 2) + '\n');
    return bad === 0 ? 0 : 1;
  }
  for (const p of result.problems) io.out(problemLine(p) + '\n');
  const more = result.problemCount - result.problems.length;
  if (more > 0)
    io.out(
      `... and ${more.toLocaleString('en-GB')} more problems (the first ${result.problems.length} are listed)\n`,
    );
  const n = (x: number): string => x.toLocaleString('en-GB');
  const delimiter =
    result.delimiter === ''
      ? 'XML'
      : result.delimiter === '\t'
        ? 'delimiter tab'
        : `delimiter '${result.delimiter}'`;
  io.out(
    `${fileName}: ${result.data.kind}, ${n(result.rowsRead)} rows read, ${n(result.rowsKept)} kept, ${n(bad)} excluded` +
      (bad > 0 ? ` (${excludedText(result.excluded)})` : '') +
      `; ${result.encoding}, ${delimiter}\n`,
  );
  for (const w of result.warnings) io.out(`warning: ${w.message}\n`);
  return bad === 0 ? 0 : 1;
}
