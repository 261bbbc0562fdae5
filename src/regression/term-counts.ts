// The records a model term rests on, for disclosure control (src/publish/withhold-term.ts): a factor
// term `factor=level` (designMatrix's names) has the records at its level and at the factor's
// reference; a 0/1 covariate is an indicator, with the records at 1 and at 0; the intercept and other
// numeric covariates have no level (null). Read from designMatrix's levels, levelCounts and
// binaryCounts (./design-matrix.ts).
import type { DesignMatrix } from './design-matrix.js';

export type TermCountSource = Pick<DesignMatrix, 'levels' | 'levelCounts' | 'binaryCounts'>;

/**
 * `{n, referenceN}` of the term `name` of a design matrix.
 * @example termCounts(dm, 'sen=ehcp') // {n: 2, referenceN: 900}
 */
export function termCounts(
  dm: TermCountSource,
  name: string,
): { n: number | null; referenceN: number | null } {
  const eq = name.indexOf('=');
  if (eq > 0) {
    const factor = name.slice(0, eq);
    const counts = dm.levelCounts[factor];
    const lv = dm.levels[factor];
    if (counts && lv) return { n: counts[name.slice(eq + 1)] ?? 0, referenceN: counts[lv.reference] ?? 0 };
  }
  const b = dm.binaryCounts[name];
  return b ? { n: b.ones, referenceN: b.zeros } : { n: null, referenceN: null };
}
