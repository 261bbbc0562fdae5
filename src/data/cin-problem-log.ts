// Problems in a CIN census return, worded by line and element path instead of line and column. The
// column builder (table-builder.ts) checks a return's assessment rows exactly as it checks a CSV's and
// logs each problem against a column header; this log turns the header back into the element the
// value came from, with that element's own line and file (a merged child's values may come from
// several returns): "cin-2023.xml line 1042, Child/CINdetails/CINreferralDate: '2023-02-30' is not a
// date; expected ...". A value that is absent is named at the line of the element that should have
// held it (<Child>, <CINdetails> or <Assessments>).
import { ProblemLog } from './validate.js';
import type { ProblemCode } from './types.js';

const shorten = (v: string): string => (v.length > 80 ? v.slice(0, 77) + '...' : v);

/** A ProblemLog whose rows are assessments of a return (see file comment). */
export class CinProblemLog extends ProblemLog {
  /** Per row field: line, file and element path of the value (set before each row). */
  readonly lines: Int32Array;
  readonly files: string[];
  private readonly index = new Map<string, number>();

  constructor(
    file: string,
    headers: readonly string[],
    private readonly paths: readonly string[],
  ) {
    super(file, 'line');
    headers.forEach((h, j) => this.index.set(h, j));
    this.lines = new Int32Array(headers.length);
    this.files = headers.map(() => file);
  }

  override add(
    line: number,
    column: string,
    value: string,
    code: ProblemCode,
    what: string,
    expected: string,
  ): void {
    this.count++;
    if (!this.listing) return;
    const j = this.index.get(column) ?? -1;
    const at = j >= 0 ? this.lines[j]! : line;
    const file = j >= 0 ? this.files[j]! : this.file;
    const path = j >= 0 ? this.paths[j]! : column;
    const name = path.slice(path.lastIndexOf('/') + 1);
    const v = shorten(value);
    // An element path (a return) or a column name (the LIIA flat table).
    const element = path.includes('/');
    const subject =
      code === 'missing-value'
        ? element
          ? `<${name}> is missing or empty`
          : 'the value is empty'
        : `'${v}' ${what}`;
    this.problems.push({
      file,
      line: at,
      column: path,
      value: v,
      expected,
      code,
      message: `${file} line ${at}, ${element ? path : `column ${path}`}: ${subject}; expected ${expected}`,
    });
  }
}
