// Rows already in memory (an element's `data` property, a `.json` src: an array of row objects) through
// the same column builder and checks as a CSV file, so a value is read and judged the same way
// whatever the source. Contract:
// - the columns are the union of the rows' keys, in order of first appearance;
// - values: string as is; number via String() (so a number in a date column is an Excel serial);
//   boolean 1/0; null and undefined empty; an array (factor codes) joined with `;`; a Date its
//   calendar day (UTC parts at UTC midnight, else local parts, which is how a Date made from a day is
//   usually built);
// - problems name the row number (1 = first row) instead of a line;
// - progress and cancellation every 65,536 rows, in rows.
import { abortError } from './byte-chunks.js';
import { assembleAssessments, assemblePupils } from './assemble.js';
import { detectKind, planColumns } from './columns.js';
import { FieldDecoder } from './csv-decode.js';
import { finishLoad } from './finish-load.js';
import { TableBuilder } from './table-builder.js';
import { ProblemLog } from './validate.js';
import { DataError, type LoadOptions, type LoadResult } from './types.js';
import { checkLoadOptions } from './load-options.js';

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (Array.isArray(v)) return v.map(cellText).join(';');
  if (v instanceof Date) {
    const utc = v.getUTCHours() === 0 && v.getUTCMinutes() === 0 && v.getUTCSeconds() === 0;
    return utc
      ? `${pad(v.getUTCFullYear(), 4)}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`
      : `${pad(v.getFullYear(), 4)}-${pad(v.getMonth() + 1)}-${pad(v.getDate())}`;
  }
  return JSON.stringify(v);
}

/**
 * Read row objects as an assessments or pupils dataset.
 * @example await loadRows([{ child_id: 'A1', referral_date: '2023-04-01', ... }], { fileName: 'data' })
 */
export async function loadRows(
  rows: readonly Record<string, unknown>[],
  options: LoadOptions,
): Promise<LoadResult> {
  checkLoadOptions(options, 'loadRows');
  const { fileName, kind = 'auto', monthFirst = false, onProgress, isCancelled } = options;
  if (!Array.isArray(rows)) {
    throw new DataError(
      `loadRows: invalid rows; expected an array of row objects, got ${typeof rows}`,
      'invalid-source',
      fileName,
    );
  }
  if (rows.length === 0) throw new DataError(`${fileName}: there are no rows`, 'empty-file', fileName);
  const keyIndex = new Map<string, number>();
  for (const r of rows) {
    if (r === null || typeof r !== 'object') continue;
    for (const k of Object.keys(r)) if (!keyIndex.has(k)) keyIndex.set(k, keyIndex.size);
  }
  const headers = [...keyIndex.keys()];
  const k = kind === 'auto' ? detectKind(headers, fileName) : kind;
  const decoder = new FieldDecoder('utf-8');
  const log = new ProblemLog(fileName, 'row');
  const builder = new TableBuilder(planColumns(headers, k, fileName), decoder, log, monthFirst);
  const encoder = new TextEncoder();
  const nf = headers.length;
  const starts = new Int32Array(nf);
  const ends = new Int32Array(nf);
  const flags = new Uint8Array(nf);
  let buf = new Uint8Array(4096);
  for (let i = 0; i < rows.length; i++) {
    if ((i & 0xffff) === 0 && i > 0) {
      if (isCancelled?.()) throw abortError(fileName);
      onProgress?.(i, rows.length);
      await Promise.resolve();
    }
    const r = rows[i];
    let p = 0;
    for (let j = 0; j < nf; j++) {
      const text = r !== null && typeof r === 'object' ? cellText(r[headers[j]!]) : '';
      if (buf.length - p < text.length * 3) {
        const bigger = new Uint8Array(2 * (p + text.length * 3));
        bigger.set(buf.subarray(0, p));
        buf = bigger;
      }
      starts[j] = p;
      p += encoder.encodeInto(text, buf.subarray(p)).written;
      ends[j] = p;
    }
    builder.row(buf, starts, ends, flags, nf, i + 1);
  }
  if (isCancelled?.()) throw abortError(fileName);
  onProgress?.(rows.length, rows.length);
  const built = builder.finish();
  return finishLoad(built, log, {
    fileName,
    encoding: () => 'json',
    delimiter: '',
    replaced: 0,
    assemble: k === 'assessments' ? assembleAssessments : assemblePupils,
  });
}
