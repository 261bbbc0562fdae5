// Numeric columns for the model commands (km, cox, ols, lca), checked against the file so a bad
// value is reported by file, line and column rather than by its row in a design matrix: a value too
// large for a double (1e400 reads as Infinity) in a covariate or time, and case weights that are
// not positive numbers. Missing cells (empty, NA, ...) stay NaN: the commands drop and count them.
import type { GenericTable } from '../data/generic-table.js';

/**
 * The column's numbers, NaN for missing; a value that is not finite throws, naming file and line.
 * @example finiteColumn(table, 'age') // Float64Array [...]
 */
export function finiteColumn(table: GenericTable, name: string): Float64Array {
  const v = table.numeric(name);
  for (let i = 0; i < v.length; i++) {
    if (!Number.isNaN(v[i]) && !Number.isFinite(v[i])) {
      throw new Error(
        `${table.file} line ${table.lines[i]}, column ${name}: '${table.text(name)[i]!.trim()}' is not a finite number; expected a number within the range of a double (about 1.8e308)`,
      );
    }
  }
  return v;
}

/**
 * Case (frequency) weights: numbers > 0, NaN for a missing cell; anything else throws, naming
 * file, line and column.
 */
export function weightColumn(table: GenericTable, name: string): Float64Array {
  const v = finiteColumn(table, name);
  for (let i = 0; i < v.length; i++) {
    if (!Number.isNaN(v[i]) && !(v[i] > 0)) {
      throw new Error(
        `${table.file} line ${table.lines[i]}, column ${name}: '${table.text(name)[i]!.trim()}' is not a weight; expected a number above 0 (a count of cases)`,
      );
    }
  }
  return v;
}
