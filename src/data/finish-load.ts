// The last step of every load (CSV or JSON rows): refuse an unusable file, assemble the dataset and
// account for everything not kept. Policy: a file with no usable row is a DataError carrying the first
// problems, never an empty success; warnings (plain data) say what was kept but deserves a look:
// unknown factor codes, assessments with no factor, unused columns, blank rows, bad UTF-8.
import { CIN_DICTIONARY_VERSION } from '../domain/cin-codes.js';
import { isKnownFactor } from '../domain/cin-codes.js';
import type { BuiltColumns } from './table-builder.js';
import type { ProblemLog } from './validate.js';
import { DataError, type Dataset, type LoadResult } from './types.js';
import type { Warning } from '../warnings.js';

export interface FinishInfo {
  fileName: string;
  /** Asked after assembly: text is decoded lazily, so the encoding may be settled only then. */
  encoding: () => string;
  delimiter: string;
  replaced: number;
  assemble: (built: BuiltColumns) => Dataset;
  /** Warnings the reading gathered (UTF-16 without a byte order mark ...), listed first. */
  warnings?: Warning[];
}

const plural = (n: number, one: string, many = one + 's'): string => `${n} ${n === 1 ? one : many}`;

export function finishLoad(built: BuiltColumns, log: ProblemLog, info: FinishInfo): LoadResult {
  const { fileName } = info;
  const unit = log.unit === 'line' ? 'data rows' : 'rows';
  if (built.n === 0) {
    const details = {
      problems: log.problems,
      problemCount: log.count,
      excluded: log.excluded,
      rowsRead: built.rowsRead,
    };
    if (built.rowsRead === 0) {
      throw new DataError(
        `${fileName}: the file has a header but no ${unit}`,
        'no-usable-rows',
        fileName,
        details,
      );
    }
    const first = log.problems[0]?.message ?? '';
    throw new DataError(
      `${fileName}: none of the ${plural(built.rowsRead, 'row')} can be used (${plural(log.count, 'problem')}); the first: ${first}`,
      'no-usable-rows',
      fileName,
      details,
    );
  }
  const data = info.assemble(built);
  const warnings: Warning[] = [...(info.warnings ?? [])];
  let unknownFactorCodes: { code: string; count: number }[] = [];
  if (data.kind === 'assessments') {
    unknownFactorCodes = data.factorCodes
      .map((code, j) => ({ code, count: data.factorCounts[j]! }))
      .filter((x) => !isKnownFactor(x.code));
    if (unknownFactorCodes.length > 0) {
      // Codes shortened and the list capped: a code column holding a 200 KB value, or a file of
      // free text in its factors column, must not make a warning nobody can read.
      const short = (c: string): string => (c.length > 20 ? `${c.slice(0, 17)}...` : c);
      const shown = unknownFactorCodes.slice(0, 20);
      const more = unknownFactorCodes.length - shown.length;
      const list =
        shown.map((x) => `${short(x.code)} (${plural(x.count, 'assessment')})`).join(', ') +
        (more > 0 ? ` and ${more} more` : '');
      warnings.push({
        code: 'unknown-factor-codes',
        message: `${fileName}: ${plural(unknownFactorCodes.length, 'factor code')} not in the CIN factor dictionary (version ${CIN_DICTIONARY_VERSION}): ${list}; kept as factors of their own`,
      });
    }
    let none = 0;
    const W = data.factorWords;
    for (let i = 0; i < data.n; i++) {
      let any = 0;
      for (let w = 0; w < W; w++) any |= data.factors[i * W + w]!;
      if (any === 0) none++;
    }
    if (none > 0) {
      warnings.push({
        code: 'no-factors',
        message: `${fileName}: ${plural(none, 'assessment')} with no factor recorded (kept; code 21 says "no factors identified")`,
      });
    }
  }
  const used = new Set(built.plan.columns.map((c) => c.index));
  const duplicates = built.plan.duplicates;
  for (const d of duplicates) used.add(d.index);
  if (duplicates.length > 0) {
    const list = duplicates
      .map((d) =>
        d.header.toLowerCase() === d.of.header.toLowerCase()
          ? `${d.header} (columns ${d.of.index + 1} and ${d.index + 1})`
          : `${d.header} (column ${d.index + 1}, another name for ${d.of.header} in column ${d.of.index + 1})`,
      )
      .join(', ');
    warnings.push({
      code: 'duplicate-columns',
      message: `${fileName}: ${duplicates.length === 1 ? 'a column is' : 'columns are'} duplicated: ${list}; the first of each is read, the others are ignored`,
    });
  }
  const ignored = built.plan.headers.filter((h, j) => !used.has(j) && h !== '');
  if (ignored.length > 0) {
    warnings.push({
      code: 'ignored-columns',
      message: `${fileName}: columns not used: ${ignored.join(', ')}`,
    });
  }
  if (built.blankRows > 0) {
    warnings.push({
      code: 'blank-rows',
      message: `${fileName}: ${plural(built.blankRows, 'blank row')} skipped`,
    });
  }
  if (info.replaced > 0) {
    warnings.push({
      code: 'invalid-utf8',
      message: `${fileName}: ${plural(info.replaced, 'value')} with bytes that are not UTF-8 (shown as \uFFFD); save the file as UTF-8`,
    });
  }
  const columns = built.plan.headers.map((header, j) => {
    const c = built.plan.columns.find((x) => x.index === j);
    return { header, field: c ? (c.code !== undefined ? `factor:${c.code}` : c.spec.field) : null };
  });
  return {
    data,
    file: fileName,
    encoding: info.encoding(),
    delimiter: info.delimiter,
    columns,
    rowsRead: built.rowsRead,
    rowsKept: data.n,
    excluded: log.excluded,
    problems: log.problems,
    problemCount: log.count,
    unknownFactorCodes,
    warnings,
  };
}
