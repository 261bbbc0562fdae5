// Reading CIN census returns (the XML each council sends DfE) into the assessments dataset, one row
// per assessment, checked exactly as the CSV path checks a row. Contract:
// - sources: one return or several (yearly returns); each streamed chunk by chunk (byte-chunks.ts)
//   through the tokenizer (xml-tokenizer.ts) and the CIN structure (cin-xml-sink.ts): never one
//   string, never a document tree;
// - encoding: UTF-8 unless the XML declaration says Windows-1252 (or ISO-8859-1 / Latin-1, read as
//   Windows-1252), which is transcoded to UTF-8 as it streams; a UTF-16 file (byte order mark) is
//   transcoded by byte-chunks.ts; any other declared encoding is refused;
// - one return: each child's rows go to the column builder as soon as its </Child> is read (memory:
//   one child plus the columns). Several: each child is kept (compactly, cin-child.ts) until every
//   return is read, then merged across returns (cin-merge.ts) and written; a child with no LAchildID
//   cannot be merged and is written (and so reported) as it is read;
// - problems name the file, the line and the element path (cin-problem-log.ts); a file that is not
//   well-formed or is cut short is a DataError naming its line ('invalid-xml', 'truncated-file');
// - warnings: elements skipped (not in the CIN schema, or out of place), episodes merged, and those
//   of every load (unknown factor codes, assessments without factors ...).
import { assembleAssessments } from './assemble.js';
import { byteChunks } from './byte-chunks.js';
import { C_ID, type CinChild } from './cin-child.js';
import { mergeChild, type MergeCounts } from './cin-merge.js';
import { CinProblemLog } from './cin-problem-log.js';
import { CIN_HEADERS, CIN_PATHS, CinRowWriter, unplacedPlansWarning } from './cin-rows.js';
import { CinXmlSink } from './cin-xml-sink.js';
import { ALL_NAMES } from './cin-xml-schema.js';
import { RangeRowBuilder } from './cin-fast-row.js';
import { planColumns } from './columns.js';
import { FieldDecoder } from './csv-decode.js';
import { finishLoad } from './finish-load.js';
import {
  DataError,
  type AssessmentData,
  type ByteSource,
  type CinReturnInfo,
  type LoadOptions,
  type LoadResult,
} from './types.js';
import { NameTable } from './xml-names.js';
import { XmlError, XmlTokenizer } from './xml-tokenizer.js';
import { looksLikeXml } from './xml-sniff.js';

/** One return to read. */
export interface CinSource {
  source: ByteSource;
  fileName: string;
  /** Size in bytes, for progress, when the source does not know it. */
  totalBytes?: number;
  /**
   * Size in bytes when known but not to be reported as progress (the caller reports it): sizes the
   * columns once from the first chunk's rows per byte instead of growing them by doubling.
   */
  sizeHint?: number;
}

const NAMES = new NameTable(ALL_NAMES);
const WINDOWS_1252 = new Set([
  'windows-1252',
  'cp1252',
  'iso-8859-1',
  'iso8859-1',
  'latin1',
  'latin-1',
  'l1',
]);
const UTF8 = new Set(['utf-8', 'utf8', 'us-ascii', 'ascii']);

/** The encoding an XML declaration at the start of `b` names, lower case, or null. */
export function declaredEncoding(b: Uint8Array): string | null {
  const s = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  const head = String.fromCharCode.apply(null, b.subarray(s, s + 300) as unknown as number[]);
  const m = /^\s*<\?xml\s[^?]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head);
  return m ? m[1]!.toLowerCase() : null;
}

function xmlFault(e: XmlError, fileName: string): DataError {
  return new DataError(
    `${fileName}: ${e.code === 'truncated' ? '' : 'not well-formed XML, '}${e.message}`,
    e.code === 'truncated' ? 'truncated-file' : 'invalid-xml',
    fileName,
    { problems: [], rowsRead: 0 },
  );
}

/**
 * Read one or several CIN census returns as an assessments dataset.
 * @example const r = await loadCinReturns([{ source: await readFile('cin-2024.xml'), fileName: 'cin-2024.xml' }], {});
 *          r.rowsKept // assessments kept; r.merged // { episodes, assessments } across returns
 */
export async function loadCinReturns(
  sources: readonly CinSource[],
  options: Omit<LoadOptions, 'fileName' | 'kind'> = {},
): Promise<LoadResult<AssessmentData>> {
  if (sources.length === 0) throw new DataError('loadCinReturns: no returns given', 'invalid-option', '');
  const files = sources.map((s) => s.fileName);
  const label = files.join(', ');
  const plan = planColumns(CIN_HEADERS, 'assessments', label);
  const log = new CinProblemLog(files[0]!, CIN_HEADERS, CIN_PATHS);
  const builder = new RangeRowBuilder(plan, new FieldDecoder('utf-8'), log, options.monthFirst ?? false);
  const writer = new CinRowWriter(builder, log, files);
  const several = sources.length > 1;
  const kept = new Map<string, CinChild[]>();
  const returns: CinReturnInfo[] = [];
  const warnings: { code: string; message: string }[] = [];
  for (let index = 0; index < sources.length; index++) {
    const src = sources[index]!;
    let assessments = 0;
    const onChild = (child: CinChild): void => {
      if (!several) {
        assessments += writer.write(child);
        return;
      }
      assessments += child.assessments;
      const id = child.text(child.child, C_ID * 3);
      if (id === '') writer.write(child);
      else {
        const list = kept.get(id);
        if (list) list.push(child.clone());
        else kept.set(id, [child.clone()]);
      }
    };
    const { skipped, ...info } = await readReturn(src, options, index, onChild, builder, several);
    returns.push({ ...info, assessments });
    for (const s of skipped)
      warnings.push({
        code: 'unknown-elements',
        message: `${src.fileName}: <${s.name}> skipped ${s.count === 1 ? 'once' : `${s.count} times`} (first at line ${s.line}, ${s.path}): not an element of the CIN census return${s.known ? ' at this place' : ''}`,
      });
  }
  const counts: MergeCounts = { episodes: 0, assessments: 0 };
  if (several) {
    // Later returns win: by reference date, then by the order given.
    const rank = returns
      .map((r, i) => ({ i, d: r.referenceDate }))
      .sort((a, b) => (a.d < b.d ? -1 : a.d > b.d ? 1 : a.i - b.i))
      .reduce((acc, x, k) => ((acc[x.i] = k), acc), new Int32Array(returns.length));
    for (const versions of kept.values()) {
      if (versions.length > 1) versions.sort((a, b) => rank[a.source]! - rank[b.source]!);
      writer.write(mergeChild(versions, counts));
    }
    kept.clear();
  }
  const built = builder.finish();
  const result = finishLoad(built, log, {
    fileName: label,
    encoding: () => [...new Set(returns.map((r) => r.encoding))].join(', '),
    delimiter: '',
    replaced: 0,
    assemble: assembleAssessments,
  }) as LoadResult<AssessmentData>;
  if (several && counts.episodes > 0)
    warnings.push({
      code: 'merged-episodes',
      message: `${counts.episodes.toLocaleString('en-GB')} ${counts.episodes === 1 ? 'episode' : 'episodes'} appeared in more than one return and ${counts.episodes === 1 ? 'was' : 'were'} merged (the later return's values kept; ${counts.assessments.toLocaleString('en-GB')} ${counts.assessments === 1 ? 'assessment' : 'assessments'} sent twice counted once)`,
    });
  const unplaced = unplacedPlansWarning(writer);
  if (unplaced) warnings.push(unplaced);
  result.warnings.unshift(...warnings);
  result.returns = returns;
  if (several) result.merged = counts;
  return result;
}

async function readReturn(
  src: CinSource,
  options: Omit<LoadOptions, 'fileName' | 'kind'>,
  index: number,
  onChild: (child: CinChild) => void,
  builder: RangeRowBuilder,
  several: boolean,
): Promise<
  Omit<CinReturnInfo, 'assessments'> & {
    skipped: { name: string; path: string; line: number; count: number; known: boolean }[];
  }
> {
  const { fileName } = src;
  const stream = byteChunks(src.source, {
    ...options,
    fileName,
    ...(src.totalBytes !== undefined ? { totalBytes: src.totalBytes } : {}),
  });
  const sink = new CinXmlSink(
    fileName,
    onChild,
    (message) => {
      throw new DataError(message, 'invalid-xml', fileName);
    },
    NAMES,
  );
  sink.child.source = index;
  const tokenizer = new XmlTokenizer(NAMES, sink);
  let encoding = 'utf-8';
  let transcode: TextDecoder | null = null;
  const encoder = new TextEncoder();
  let first = true;
  let bytes = 0;
  const size = Number.isFinite(stream.total) ? stream.total : (src.sizeHint ?? NaN);
  let hinted = several || !Number.isFinite(size);
  try {
    for await (const raw of stream.chunks) {
      if (first) {
        first = false;
        if (!looksLikeXml(raw))
          throw new DataError(
            `${fileName}: not XML (a CIN census return starts with <?xml or <Message>)`,
            'invalid-xml',
            fileName,
          );
        const declared = declaredEncoding(raw);
        const from = stream.transcodedFrom();
        if (from) encoding = from;
        else if (declared !== null && WINDOWS_1252.has(declared)) {
          encoding = 'windows-1252';
          transcode = new TextDecoder('windows-1252');
        } else if (declared !== null && !UTF8.has(declared))
          throw new DataError(
            `${fileName}: the XML declaration says encoding="${declared}"; expected UTF-8 or Windows-1252 (save the return as UTF-8)`,
            'invalid-xml',
            fileName,
          );
      }
      tokenizer.push(transcode ? encoder.encode(transcode.decode(raw, { stream: true })) : raw);
      bytes += raw.length;
      if (!hinted && builder.rowsRead >= 200) {
        builder.reserve((builder.rowsRead * size * 1.03) / bytes);
        hinted = true;
      }
    }
    if (transcode) tokenizer.push(encoder.encode(transcode.decode()));
    if (!tokenizer.started)
      throw new DataError(
        `${fileName}: the file is empty; expected a CIN census return (<Message> ... </Message>)`,
        'empty-file',
        fileName,
      );
    tokenizer.finish();
  } catch (e) {
    if (e instanceof XmlError) throw xmlFault(e, fileName);
    throw e;
  }
  const skipped = [...sink.skipped.values()].map((s) => ({ ...s, known: ALL_NAMES.includes(s.name) }));
  return {
    file: fileName,
    referenceDate: sink.referenceDate,
    encoding,
    namespaces: [...new Set(tokenizer.namespaces)],
    children: sink.children,
    skipped,
  };
}
