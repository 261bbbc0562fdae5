// Reading an input file into a checked, columnar dataset: the entry point of the data layer.
// Contract:
// - source: bytes (Uint8Array), text, a web ReadableStream (a File's stream(), a fetch body) or an
//   async iterable of bytes (a Node fs.ReadStream); streamed chunk by chunk (byte-chunks.ts) through
//   the tokenizer (csv.ts) into typed arrays (table-builder.ts); never one giant string;
// - the first record is the header; `kind: 'auto'` (the default) tells assessments from pupils by it;
// - rows with problems are excluded and counted by reason, with messages naming file, line, column,
//   value and what was expected (validate.ts); good rows are kept;
// - throws DataError when nothing usable comes out: an empty file, a header alone, a required column
//   missing, every row bad. A cancelled load throws an Error named 'AbortError'.
// Performance (bench/parse.ts, 3.6 million assessments): see the figures in csv.ts.
import { assembleAssessments, assemblePupils } from './assemble.js';
import { byteChunks } from './byte-chunks.js';
import { detectKind, planColumns } from './columns.js';
import { FieldDecoder, unescapeField } from './csv-decode.js';
import { CsvTokenizer } from './csv.js';
import { finishLoad } from './finish-load.js';
import { looksLikeXml } from './xml-sniff.js';
import { isLiiaHeader } from './liia-header.js';
import type { LiiaCollector } from './liia-flat.js';
import { checkLoadOptions } from './load-options.js';
import { TableBuilder } from './table-builder.js';
import { ProblemLog } from './validate.js';
import {
  DataError,
  type AssessmentData,
  type ByteSource,
  type Dataset,
  type LoadOptions,
  type LoadResult,
  type PupilData,
} from './types.js';

export { loadRows } from './load-rows.js';

/** The chunk already read, then the rest. */
async function* prepend(
  first: Uint8Array | null,
  rest: AsyncIterable<Uint8Array>,
): AsyncGenerator<Uint8Array> {
  if (first) yield first;
  yield* rest;
}

/**
 * Read a CSV (or tab/semicolon-separated) assessments or pupils file.
 * @example const r = await loadTable(await readFile('assessments.csv'), { fileName: 'assessments.csv' });
 *          r.data.kind // 'assessments'; r.rowsKept; r.excluded // { 'invalid-date': 2 }
 */
export async function loadTable(source: ByteSource, options: LoadOptions): Promise<LoadResult> {
  checkLoadOptions(options, 'loadTable');
  const { fileName, kind = 'auto', monthFirst = false } = options;
  const decoder = new FieldDecoder();
  const log = new ProblemLog(fileName, 'line');
  let builder: TableBuilder | null = null;
  let liia: LiiaCollector | null = null;
  // A LIIA flat table's header seen, its reader not yet imported: the records the tokenizer gives
  // meanwhile (the rest of the chunk) are copied here and handed over once it is.
  let liiaHeaders: string[] | null = null;
  let held: Parameters<LiiaCollector['row']>[] = [];
  const startLiia = async (): Promise<void> => {
    if (!liiaHeaders || liia) return;
    // Imported here, not above: a page given other CSV files never fetches it (scripts/size.mjs).
    const { LiiaCollector } = await import('./liia-flat.js');
    liia = new LiiaCollector(liiaHeaders);
    for (const r of held) liia.row(...r);
    held = [];
  };
  let headers: string[] | null = null;
  let scratch = new Uint8Array(256);
  const stream = byteChunks(source, options);
  // A CIN census return (XML) goes to its own reader; the bytes already taken are handed back.
  const head = await stream.chunks.next();
  const chunks = prepend(head.done ? null : head.value, stream.chunks);
  if (!head.done && looksLikeXml(head.value)) {
    if (kind === 'pupils')
      throw new DataError(
        `${fileName}: an XML file is read as a CIN census return, not a pupils file`,
        'unknown-kind',
        fileName,
      );
    // Imported here, not above: a page given CSV files never fetches the XML reader (scripts/size.mjs).
    const { loadCinReturns } = await import('./load-cin.js');
    return loadCinReturns([{ fileName, source: chunks, sizeHint: stream.total }], {
      ...options,
      totalBytes: NaN,
      onProgress: undefined,
    });
  }
  const tokenizer: CsvTokenizer = new CsvTokenizer({
    row(b, starts, ends, flags, nf, line) {
      if (liia) return liia.row(b, starts, ends, flags, nf, line);
      if (liiaHeaders) {
        const from = starts[0]!;
        held.push([
          b.slice(from, Math.max(from, ends[nf - 1]!)),
          starts.slice(0, nf).map((v) => v - from),
          ends.slice(0, nf).map((v) => v - from),
          flags.slice(0, nf),
          nf,
          line,
        ]);
        return;
      }
      if (builder) {
        if (tokenizer.unclosedQuoteLine === line) {
          // Every line the open field swallowed is a row lost: count each (blank ones aside), so the
          // totals say how much of the file never became rows.
          const lost = swallowedRows(b, starts[0]!, ends[nf - 1]!);
          builder.rowsRead += lost.rows;
          const last = line + lost.lines - 1;
          const what =
            lost.lines > 1
              ? `opens a quoted field that is never closed: the rest of the file, lines ${line} to ${last} (${lost.rows} rows), went into it and is excluded`
              : 'opens a quoted field that is never closed (the rest of the file is inside it)';
          log.add(line, '', '', 'unclosed-quote', what, 'a closing " for every opening "');
          log.exclude('unclosed-quote', lost.rows);
          return;
        }
        builder.row(b, starts, ends, flags, nf, line);
        return;
      }
      if (nf === 1 && ends[0] === starts[0]) return; // blank lines before the header
      if (tokenizer.bom || stream.transcodedFrom()) decoder.decide(new Uint8Array([0xc2, 0xa3]), 0, 2); // UTF-8
      headers = [];
      for (let j = 0; j < nf; j++) {
        let s = starts[j]!;
        let e = ends[j]!;
        let buf = b;
        if (flags[j] === 2) {
          if (scratch.length < e - s) scratch = new Uint8Array(e - s);
          e = unescapeField(b, s, e, scratch);
          s = 0;
          buf = scratch;
        }
        headers.push(decoder.text(buf, s, e, b.length).trim());
      }
      if (headers.some((h) => h.includes('\0'))) {
        // Zero bytes in a header: UTF-16 that the start of the file did not give away (or a damaged
        // file). Said as such, not as columns "found" with a space between every letter.
        throw new DataError(
          `${fileName}: the header line holds zero bytes, as text saved as UTF-16 does; save the file as UTF-8 (or as UTF-16 with a byte order mark)`,
          'unreadable-encoding',
          fileName,
        );
      }
      if (kind !== 'pupils' && isLiiaHeader(headers)) {
        liiaHeaders = headers; // one row per event: gathered, then one row per assessment
        return;
      }
      const k = kind === 'auto' ? detectKind(headers, fileName) : kind;
      builder = new TableBuilder(planColumns(headers, k, fileName), decoder, log, monthFirst);
      builder.shared = options.sharedMemory === true;
      tokenizer.fast = builder;
    },
  });
  let bytes = 0;
  let hinted = !Number.isFinite(stream.total);
  let before = { rows: 0, bytes: 0 };
  for await (const chunk of chunks) {
    tokenizer.push(chunk);
    await startLiia();
    bytes += chunk.length;
    const b = builder as TableBuilder | null;
    if (!b || stream.transcodedFrom()) continue;
    const rows = b.rowsRead + b.blankRows;
    if (!hinted && rows >= 50) {
      // Size the columns once from the file size and the rows per byte seen so far, a fifth over:
      // rows later in a file may be shorter, and room never used costs nothing (column-store.ts).
      b.reserve((rows * stream.total * 1.2) / bytes);
      hinted = true;
    } else if (hinted && Number.isFinite(stream.total) && rows >= b.room * 0.97 && bytes < stream.total) {
      // Nearly full before the end: the rows got shorter (a pupils file ends with the pupils not
      // known to social care, whose child_id is empty). Size again for the rest at the faster of
      // the rows per byte so far and those of the latest chunk, rather than grow by a quarter at a
      // time: each growth copies every column, and a column left over 1/16 spare is copied once
      // more when the load ends (assemble.ts), which at national scale cost seconds.
      const rate = Math.max(rows / bytes, (rows - before.rows) / Math.max(1, bytes - before.bytes));
      b.reserve(rows + (stream.total - bytes) * rate * 1.03 + 64);
    }
    before = { rows, bytes };
  }
  tokenizer.finish();
  await startLiia();
  if (liia) {
    const { finishLiia } = await import('./load-liia.js');
    return finishLiia(liia, {
      fileName,
      encoding: stream.transcodedFrom() ?? decoder.name,
      delimiter: String.fromCharCode(tokenizer.delimiter),
      monthFirst,
    });
  }
  if (!headers || !builder) {
    throw new DataError(
      `${fileName}: the file is empty; expected a header line naming the columns, then one row per record`,
      'empty-file',
      fileName,
    );
  }
  const built = (builder as TableBuilder).finish();
  const delimiter = String.fromCharCode(tokenizer.delimiter);
  return finishLoad(built, log, {
    fileName,
    encoding: () => stream.transcodedFrom() ?? decoder.name,
    delimiter,
    replaced: decoder.replaced,
    warnings: stream.bomless()
      ? [
          {
            code: 'utf16-without-bom',
            message: `${fileName}: read as ${stream.transcodedFrom()!.toUpperCase()}: the file has no byte order mark, but every other byte of its start is zero; saving it as UTF-8 avoids the guess`,
          },
        ]
      : [],
    assemble: built.plan.kind === 'assessments' ? assembleAssessments : assemblePupils,
  });
}

/**
 * The physical lines of b[s, e) (a record opened by an unclosed quote, running to the end of the
 * file) and how many of them hold anything: the rows the open quote took.
 */
function swallowedRows(b: Uint8Array, s: number, e: number): { lines: number; rows: number } {
  let lines = 1;
  let rows = 0;
  let filled = false;
  for (let i = s; i < e; i++) {
    const c = b[i]!;
    if (c === 10 || c === 13) {
      if (c === 13 && b[i + 1] === 10) i++;
      if (filled) rows++;
      filled = false;
      if (i + 1 < e) lines++;
    } else if (c !== 32 && c !== 9) filled = true;
  }
  if (filled) rows++;
  return { lines, rows: Math.max(rows, 1) };
}

/** loadTable for an assessments file (kind forced). */
export async function loadAssessments(
  source: ByteSource,
  options: LoadOptions,
): Promise<LoadResult<AssessmentData>> {
  return (await loadTable(source, { ...options, kind: 'assessments' })) as LoadResult<AssessmentData>;
}

/** loadTable for a pupils file (kind forced). */
export async function loadPupils(source: ByteSource, options: LoadOptions): Promise<LoadResult<PupilData>> {
  return (await loadTable(source, { ...options, kind: 'pupils' })) as LoadResult<PupilData>;
}

export type { Dataset };
