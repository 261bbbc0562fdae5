// CSV text of the synthetic council's rows: RFC 4180 (a field is quoted only when it holds a comma,
// a quote or a line break, quotes doubled), LF line endings, UTF-8 without BOM, the header in the
// DESIGN.md column names. Rows are gathered into chunks of about `chunkSize` characters so that a
// national-scale file (3.6 million rows) streams to disk without one giant string.
import { ASSESSMENT_COLUMNS, PUPIL_COLUMNS, type AssessmentRow, type PupilRow } from './synth-types.js';

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
  private buffer = '';

  constructor(
    private readonly columns: readonly string[],
    private readonly write: (chunk: string) => void,
    private readonly chunkSize: number,
  ) {
    this.buffer = columns.map(field).join(',') + '\n';
  }

  add(row: T): void {
    this.buffer += line(this.columns, row);
    if (this.buffer.length >= this.chunkSize) this.flush();
  }

  flush(): void {
    if (this.buffer !== '') this.write(this.buffer);
    this.buffer = '';
  }
}

export const assessmentChunker = (write: (chunk: string) => void, chunkSize: number) =>
  new CsvChunker<AssessmentRow>(ASSESSMENT_COLUMNS, write, chunkSize);
export const pupilChunker = (write: (chunk: string) => void, chunkSize: number) =>
  new CsvChunker<PupilRow>(PUPIL_COLUMNS, write, chunkSize);
