// A saved query result as rows: a CSV text with a header (RFC 4180: comma separated, fields quoted
// with double quotes where they hold a comma, quote or line break, quotes doubled; CRLF or LF; a BOM
// ignored). An empty field is null, as engines write NULL. Aggregate files are small (one row per
// group), so the text is read whole.

export type CsvRow = Record<string, string | null>;

/** Every record of the text as arrays of fields; throws naming the line of an unclosed quote. */
function records(text: string, file: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let startLine = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
      startLine = line;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.length > 1 || row[0] !== '') out.push(row);
      row = [];
      line++;
    } else field += c;
  }
  if (quoted) throw new Error(`${file}: line ${startLine}: a quoted field is never closed`);
  row.push(field);
  if (row.length > 1 || row[0] !== '') out.push(row);
  return out;
}

/**
 * Rows keyed by the header's names.
 * @example csvRows('n,factors\n2,"3B,4B"\n', 'x.csv') // [{n: '2', factors: '3B,4B'}]
 */
export function csvRows(text: string, file: string): CsvRow[] {
  const [header, ...body] = records(text.replace(/^\uFEFF/, ''), file);
  if (!header) return [];
  const names = header.map((h) => h.trim());
  return body.map((fields, r) => {
    if (fields.length !== names.length)
      throw new Error(
        `${file}: line ${r + 2}: expected ${names.length} fields as in the header, got ${fields.length}`,
      );
    const row: CsvRow = {};
    names.forEach((n, j) => (row[n] = fields[j] === '' ? null : fields[j]!));
    return row;
  });
}
