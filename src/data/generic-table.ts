// Any delimited table (the R reference files, a researcher's extract) as named text columns, for the
// statistical commands (lca, km, cox, ols) that take arbitrary numeric columns. Contract:
// - the same reader as the assessments (csv.ts): RFC 4180 quoting, UTF-8 with or without BOM,
//   Windows-1252, UTF-16, `,` `;` or tab, CRLF, streamed in chunks;
// - the first record is the header; names are looked up case-insensitively (an exact match wins);
// - every record must have as many fields as the header: a ragged row throws, naming file and line;
//   an empty file or a header alone throws;
// - `numeric(name)`: NaN for an empty cell and for NA, NaN, N/A, NULL (R's write.csv writes NA);
//   TRUE/FALSE read as 1/0; anything else throws a message naming file, line, column and value.
// Columns are kept as strings, so this suits tables of thousands of rows, not national files (those
// go through load.ts into typed arrays). `columns` names the only columns a caller will ask for: the
// others' cells are not decoded (km on three of a file's seven columns made 7 million strings for 3);
// asking for one of them then throws.
import { byteChunks } from './byte-chunks.js';
import { CsvTokenizer } from './csv.js';
import { FieldDecoder, unescapeField } from './csv-decode.js';
import { RepeatStrings } from './repeat-strings.js';
import type { ByteSource } from './types.js';

export interface GenericTable {
  file: string;
  /** Header names as written. */
  names: string[];
  /** Data rows. */
  n: number;
  /** Source line of each row (the header is line 1). */
  lines: Int32Array;
  /** Whether a column exists (case-insensitive). */
  has(name: string): boolean;
  /** A column's text, as written (quotes resolved). Throws for an unknown column. */
  text(name: string): string[];
  /** A column as numbers (see file comment). Throws for an unknown column or a non-number. */
  numeric(name: string): Float64Array;
}

const NA = new Set(['', 'na', 'nan', 'n/a', 'null', '.']);
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Read a whole delimited table into text columns.
 * @example const t = await readGenericTable(csvText, { fileName: 'lung.csv' }); t.numeric('time')
 */
export async function readGenericTable(
  source: ByteSource,
  {
    fileName,
    columns: wanted,
    numbers,
  }: {
    fileName: string;
    columns?: readonly string[];
    /**
     * Columns the caller reads with `numeric` only: their plain decimals (such as 311.5010) become
     * numbers straight from the bytes, with no string each; other cells keep their text. Their
     * `text` gives those decimals in JavaScript's shortest form (311.501), the rest as written.
     */
    numbers?: readonly string[];
  },
): Promise<GenericTable> {
  const decoder = new FieldDecoder();
  let scratch = new Uint8Array(256);
  const state: { names: string[] | null } = { names: null };
  const cols: string[][] = [];
  const lines: number[] = [];
  const repeats: RepeatStrings[] = [];
  // Number columns: values (NaN where the cell was not a plain decimal) and those cells' text by row.
  const nums: (number[] | null)[] = [];
  const numText: Map<number, string>[] = [];
  // Which fields to decode (all until the header says which `columns` are).
  let decode: Uint8Array | null = null;
  const tokenizer = new CsvTokenizer({
    row(b, starts, ends, flags, nf, line) {
      const names = state.names;
      if (names && nf === names.length && nf > 1) {
        // A data row: fields go straight into their columns (no array of the row's values first).
        for (let j = 0; j < nf; j++) {
          if (decode && decode[j] === 0) continue;
          const s = starts[j]!;
          const e = ends[j]!;
          const num = nums[j];
          if (num) {
            const v = flags[j] === 2 ? NaN : plainDecimal(b, s, e);
            if (!Number.isNaN(v)) {
              num.push(v);
              continue;
            }
            num.push(NaN);
          }
          let text: string;
          if (flags[j] === 2) {
            if (scratch.length < e - s) scratch = new Uint8Array(e - s);
            text = decoder.text(scratch, 0, unescapeField(b, s, e, scratch));
          } else text = repeats[j]!.get(b, s, e) ?? decoder.text(b, s, e, b.length);
          if (num) numText[j]!.set(num.length - 1, text);
          else cols[j]!.push(text);
        }
        lines.push(line);
        return;
      }
      const values: string[] = new Array(nf);
      for (let j = 0; j < nf; j++) {
        const s = starts[j]!;
        const e = ends[j]!;
        if (decode && decode[j] === 0 && nf !== 1) continue; // (a lone field may be a blank line)
        if (flags[j] === 2) {
          if (scratch.length < e - s) scratch = new Uint8Array(e - s);
          const len = unescapeField(b, s, e, scratch);
          values[j] = decoder.text(scratch, 0, len);
          continue;
        }
        values[j] = decoder.text(b, s, e, b.length);
      }
      if (nf === 1 && values[0]!.trim() === '') return; // blank line
      if (!names) {
        state.names = values.map((v) => v.trim());
        for (let j = 0; j < nf; j++) {
          cols.push([]);
          repeats.push(new RepeatStrings());
          const asNumber = numbers?.some((w) => columnIndex(state.names!, w) === j) ?? false;
          nums.push(asNumber ? [] : null);
          numText.push(new Map());
        }
        if (wanted)
          decode = Uint8Array.from(state.names, (_, j) =>
            wanted.some((w) => columnIndex(state.names!, w) === j) ? 1 : 0,
          );
        return;
      }
      if (nf !== names.length) {
        throw new Error(
          `${fileName} line ${line}: ${nf} field${nf === 1 ? '' : 's'} where the header has ${names.length}; expected ${names.length} fields`,
        );
      }
      for (let j = 0; j < nf; j++) {
        if (decode && decode[j] === 0) continue;
        const num = nums[j];
        if (num) {
          num.push(NaN);
          numText[j]!.set(num.length - 1, values[j]!);
        } else cols[j]!.push(values[j]!);
      }
      lines.push(line);
    },
  });
  for await (const chunk of byteChunks(source, { fileName }).chunks) tokenizer.push(chunk);
  tokenizer.finish();
  if (tokenizer.unclosedQuoteLine) {
    throw new Error(`${fileName} line ${tokenizer.unclosedQuoteLine}: a quoted field is never closed`);
  }
  const header = state.names;
  if (!header) throw new Error(`${fileName}: the file is empty; expected a header line and data rows`);
  if (lines.length === 0) throw new Error(`${fileName}: the file has a header but no data rows`);
  const lower = header.map((x) => x.toLowerCase());
  const index = (name: string): number => {
    const j = columnIndex(header, name);
    if (j < 0) throw new Error(`${fileName}: no column '${name}'; columns are ${header.join(', ')}`);
    if (decode && decode[j] === 0)
      throw new Error(
        `readGenericTable: column '${name}' was not among the columns asked for (${wanted!.join(', ')})`,
      );
    return j;
  };
  const lineArray = Int32Array.from(lines);
  /** A cell's number (see the file comment); throws naming file, line and column. */
  const cell = (raw: string, i: number, j: number): number => {
    // Most cells are plain numbers: a leading and a trailing digit need no trimming and cannot
    // be a missing-value word, so they go straight to the number check.
    const first = raw.charCodeAt(0);
    const last = raw.charCodeAt(raw.length - 1);
    if (first >= 48 && first <= 57 && last >= 48 && last <= 57 && NUMBER.test(raw)) return Number(raw);
    const t = raw.trim();
    const l = t.toLowerCase();
    if (NA.has(l)) return NaN;
    if (NUMBER.test(t)) return Number(t);
    if (l === 'true' || l === 'false') return l === 'true' ? 1 : 0;
    throw new Error(
      `${fileName} line ${lineArray[i]}, column ${header[j]}: '${raw}' is not a number; expected a number or NA`,
    );
  };
  return {
    file: fileName,
    names: header,
    n: lines.length,
    lines: lineArray,
    has: (name) => header.includes(name) || lower.includes(name.toLowerCase()),
    text(name) {
      const j = index(name);
      const num = nums[j];
      if (!num) return cols[j]!.slice();
      const texts = numText[j]!;
      return num.map((v, i) => texts.get(i) ?? String(v));
    },
    numeric(name) {
      const j = index(name);
      const num = nums[j];
      if (num) {
        const out = Float64Array.from(num);
        for (const [i, raw] of numText[j]!) out[i] = cell(raw, i, j);
        return out;
      }
      const col = cols[j]!;
      const out = new Float64Array(col.length);
      for (let i = 0; i < col.length; i++) out[i] = cell(col[i]!, i, j);
      return out;
    },
  };
}

/** The column a name picks: an exact match, else a case-insensitive one; -1 for none. */
function columnIndex(header: readonly string[], name: string): number {
  const j = header.indexOf(name);
  return j >= 0 ? j : header.findIndex((h) => h.toLowerCase() === name.toLowerCase());
}

const POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k);

/**
 * The number written in b[s, e) when it is a plain decimal (-?digits, optionally .digits, at most
 * 15 digits in all), else NaN. Exact: the digits make an integer below 2^53 and dividing it by an
 * exact power of ten rounds once, correctly, so the result is what Number() makes of the text
 * (Clinger's fast path).
 */
function plainDecimal(b: Uint8Array, s: number, e: number): number {
  let i = s;
  const negative = b[i] === 45;
  if (negative) i++;
  let m = 0;
  let digits = 0;
  let point = -1;
  for (; i < e; i++) {
    const c = b[i]!;
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      digits++;
    } else if (c === 46 && point < 0) point = digits;
    else return NaN;
  }
  // A digit on each side of the point, and few enough digits to be exact.
  if (digits === 0 || digits > 15 || point === 0 || point === digits) return NaN;
  const v = point < 0 ? m : m / POW10[digits - point]!;
  return negative ? -v : v;
}
