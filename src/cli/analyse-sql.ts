// `analyse` from a SQL engine's aggregates rather than rows (src/sql/):
// - --aggregates DIR: the saved results of the queries `csc-demand sql` prints (<name>.csv or
//   <name>.parquet; Parquet is read through DuckDB);
// - --engine duckdb --assessments 'files/*.parquet' (or .csv): DuckDB runs the same queries on the
//   files where they lie (several files or a quoted glob), so the rows never enter this process.
// The summary holds the sections aggregates support (src/sql/aggregate-summary.ts; by default those
// whose aggregates were saved), with the same disclosure control as from rows.
import { basename } from 'node:path';
import { UsageError, listOption, type CliIO, type ParsedArgs } from './args.js';
import { SUMMARY_SECTIONS, type SummaryOptions, type SummarySection } from '../publish/summary.js';
import type { Summary } from '../publish/summary-types.js';
import { aggregateSections, aggregateSummary } from '../sql/aggregate-summary.js';
import { readAggregateDir, runAggregatesInDuckDB } from '../sql/read-aggregates.js';
import { SURVIVAL_AGGREGATES, type SurvivalAggregate } from '../sql/survival-queries.js';

export type SqlSource = { engine: 'duckdb'; dir?: undefined } | { engine?: undefined; dir: string };

/** --aggregates or --engine, or null for the rows. */
export function sqlSource(args: ParsedArgs): SqlSource | null {
  const dir = args.options.get('aggregates');
  const engine = args.options.get('engine');
  if (dir !== undefined && engine !== undefined)
    throw new UsageError(
      'options --aggregates and --engine: give one (aggregates already computed, or the engine to compute them)',
    );
  if (engine !== undefined && engine !== 'duckdb')
    throw new UsageError(`option --engine: expected duckdb, got '${engine}'`);
  if (dir !== undefined) {
    if (args.options.has('assessments') || args.options.has('pupils'))
      throw new UsageError('option --aggregates: the aggregates stand in for --assessments and --pupils');
    return { dir };
  }
  return engine ? { engine } : null;
}

/** --sections demand,rereferral,...: the sections to publish. */
export function sectionsOption(args: ParsedArgs): SummarySection[] | undefined {
  const list = listOption(args, 'sections');
  if (!list) return undefined;
  for (const s of list)
    if (!(SUMMARY_SECTIONS as string[]).includes(s))
      throw new UsageError(`option --sections: expected some of ${SUMMARY_SECTIONS.join(', ')}, got '${s}'`);
  return list as SummarySection[];
}

export async function sqlSummary(
  source: SqlSource,
  assessments: string[],
  io: CliIO,
  options: SummaryOptions,
  pupils: string[] = [],
): Promise<Summary> {
  const wanted = aggregateSections(options.sections);
  const models = wanted.includes('attainment') || wanted.includes('pathways');
  const aggregates =
    source.dir !== undefined
      ? await readAggregateDir(source.dir)
      : await runAggregatesInDuckDB(
          assessments,
          {},
          wanted.filter((s) => (SURVIVAL_AGGREGATES as readonly string[]).includes(s)) as SurvivalAggregate[],
          models ? (options.pathways ?? {}) : null,
          pupils,
        );
  const asked = aggregateSections(options.sections, aggregates);
  const groups = [...aggregates.values()].reduce((a, rows) => a + rows.length, 0);
  io.err(
    `${groups.toLocaleString('en-GB')} aggregate rows ${source.dir !== undefined ? `read from ${source.dir}` : 'computed by DuckDB'}; published from aggregates: ${asked.join(', ')} (the other sections need the rows)\n`,
  );
  // The file the engine read, as a summary from rows names it (one file: its name).
  const file = source.dir === undefined && assessments.length === 1 ? basename(assessments[0]!) : null;
  return aggregateSummary(aggregates, { ...options, sections: asked }, file);
}
