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
  { fileName, columns: wanted }: { fileName: string; columns?: readonly string[] },
): Promise<GenericTable> {
  const decoder = new FieldDecoder();
  let scratch = new Uint8Array(256);
  const state: { names: string[] | null } = { names: null };
  const cols: string[][] = [];
  const lines: number[] = [];
  const repeats: RepeatStrings[] = [];
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
          if (flags[j] === 2) {
            if (scratch.length < e - s) scratch = new Uint8Array(e - s);
            cols[j]!.push(decoder.text(scratch, 0, unescapeField(b, s, e, scratch)));
          } else cols[j]!.push(repeats[j]!.get(b, s, e) ?? decoder.text(b, s, e, b.length));
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
      for (let j = 0; j < nf; j++) if (!decode || decode[j] === 1) cols[j]!.push(values[j]!);
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
  return {
    file: fileName,
    names: header,
    n: lines.length,
    lines: lineArray,
    has: (name) => header.includes(name) || lower.includes(name.toLowerCase()),
    text: (name) => cols[index(name)]!.slice(),
    numeric(name) {
      const j = index(name);
      const col = cols[j]!;
      const out = new Float64Array(col.length);
      for (let i = 0; i < col.length; i++) {
        // Most cells are plain numbers: a leading and a trailing digit need no trimming and cannot
        // be a missing-value word, so they go straight to the number check.
        const raw = col[i]!;
        const first = raw.charCodeAt(0);
        const last = raw.charCodeAt(raw.length - 1);
        if (first >= 48 && first <= 57 && last >= 48 && last <= 57 && NUMBER.test(raw)) {
          out[i] = Number(raw);
          continue;
        }
        const t = raw.trim();
        const l = t.toLowerCase();
        if (NA.has(l)) out[i] = NaN;
        else if (NUMBER.test(t)) out[i] = Number(t);
        else if (l === 'true' || l === 'false') out[i] = l === 'true' ? 1 : 0;
        else
          throw new Error(
            `${fileName} line ${lineArray[i]}, column ${header[j]}: '${col[i]}' is not a number; expected a number or NA`,
          );
      }
      return out;
    },
  };
}

/** The column a name picks: an exact match, else a case-insensitive one; -1 for none. */
function columnIndex(header: readonly string[], name: string): number {
  const j = header.indexOf(name);
  return j >= 0 ? j : header.findIndex((h) => h.toLowerCase() === name.toLowerCase());
}
