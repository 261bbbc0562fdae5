// The last step of reading a LIIA flat CIN table (liia-flat.ts gathers its rows into children): each
// child's copies, one per year of the table, merged as yearly returns are (cin-merge.ts), then one row
// per assessment into the column builder (cin-rows.ts), problems named by the table's line and by
// its column names. Returns the same LoadResult as every other input, with `merged` when the table
// held several years.
import { assembleAssessments } from './assemble.js';
import type { CinChild } from './cin-child.js';
import { mergeChild, type MergeCounts } from './cin-merge.js';
import { CinProblemLog } from './cin-problem-log.js';
import { CIN_HEADERS, CinRowWriter, unplacedPlansWarning } from './cin-rows.js';
import { planColumns } from './columns.js';
import { FieldDecoder } from './csv-decode.js';
import { finishLoad } from './finish-load.js';
import type { LiiaCollector } from './liia-flat.js';
import { TableBuilder } from './table-builder.js';
import type { AssessmentData, LoadResult } from './types.js';

/** The LIIA column each row field comes from, for messages. */
const LIIA_COLUMN: Record<string, string> = { AssessmentFactors: 'Factors', Disability: 'Disabilities' };

export function finishLiia(
  collector: LiiaCollector,
  info: { fileName: string; encoding: string; delimiter: string; monthFirst: boolean },
): LoadResult<AssessmentData> {
  const { fileName } = info;
  const plan = planColumns(CIN_HEADERS, 'assessments', fileName);
  const log = new CinProblemLog(
    fileName,
    CIN_HEADERS,
    CIN_HEADERS.map((h) => LIIA_COLUMN[h] ?? h),
  );
  const builder = new TableBuilder(
    plan,
    new FieldDecoder(info.encoding === 'windows-1252' ? 'windows-1252' : 'utf-8'),
    log,
    info.monthFirst,
  );
  const writer = new CinRowWriter(builder, log, [fileName]);
  const years = [...collector.years.keys()].sort();
  const order = new Map<string, CinChild[]>();
  for (const y of [...collector.years.keys()])
    for (const id of collector.years.get(y)!.keys()) if (!order.has(id)) order.set(id, []);
  for (const y of years) for (const [id, child] of collector.years.get(y)!) order.get(id)!.push(child);
  const counts: MergeCounts = { episodes: 0, assessments: 0 };
  for (const versions of order.values()) writer.write(mergeChild(versions, counts));
  const built = builder.finish();
  const result = finishLoad(built, log, {
    fileName,
    encoding: () => info.encoding,
    delimiter: info.delimiter,
    replaced: 0,
    assemble: assembleAssessments,
  }) as LoadResult<AssessmentData>;
  result.warnings.unshift({
    code: 'liia-flat-table',
    message: `${fileName}: read as a LIIA flat CIN table (${collector.rows.toLocaleString('en-GB')} event rows${years.length > 1 ? ` over ${years.length} years` : ''}): one row per assessment`,
  });
  const unplaced = unplacedPlansWarning(writer);
  if (unplaced) result.warnings.push(unplaced);
  if (years.length > 1) {
    result.merged = counts;
    if (counts.episodes > 0)
      result.warnings.push({
        code: 'merged-episodes',
        message: `${counts.episodes.toLocaleString('en-GB')} episodes appeared in more than one year and were merged (the later year's values kept)`,
      });
  }
  return result;
}
