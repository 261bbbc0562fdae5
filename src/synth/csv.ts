// CSV text of the synthetic council's rows: RFC 4180 (a field is quoted only when it holds a comma,
// a quote or a line break, quotes doubled), LF line endings, UTF-8 without BOM, the header in the
// DESIGN.md column names. Rows are gathered into chunks of about `chunkSize` characters so that a
// national-scale file (3.6 million rows) streams to disk without one giant string.
import { ASSESSMENT_COLUMNS, PUPIL_COLUMNS, type AssessmentRow, type PupilRow } from './types.js';

function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function line(columns: readonly string[], row: Record<string, string>): string {
  let out = field(row[columns[0]!]!);
  for (let i = 1; i < columns.length; i++) out += ',' + field(row[columns[i]!]!);
  return out + '\n';
}

/** Collects CSV lines and hands them to `write` in chunks; `flush` at the end. */
export class CsvChunker<T extends AssessmentRow | PupilRow> {
  // Lines are kept in an array and joined once per chunk: appending to one string would build a
  // deep rope that the garbage collector then spends most of a national-scale run on.
  private lines: string[] = [];
  private length = 0;

  constructor(
    private readonly columns: readonly string[],
    private readonly write: (chunk: string) => void,
    private readonly chunkSize: number,
  ) {
    this.push(columns.map(field).join(',') + '\n');
  }

  private push(text: string): void {
    this.lines.push(text);
    this.length += text.length;
    if (this.length >= this.chunkSize) this.flush();
  }

  add(row: T): void {
    this.push(line(this.columns, row));
  }

  flush(): void {
    if (this.lines.length > 0) this.write(this.lines.join(''));
    this.lines = [];
    this.length = 0;
  }
}

export const assessmentChunker = (write: (chunk: string) => void, chunkSize: number) =>
  new CsvChunker<AssessmentRow>(ASSESSMENT_COLUMNS, write, chunkSize);
export const pupilChunker = (write: (chunk: string) => void, chunkSize: number) =>
  new CsvChunker<PupilRow>(PUPIL_COLUMNS, write, chunkSize);
