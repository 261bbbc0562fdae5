// The log-rank test of equal survival across groups, reproducing R survival's survdiff with
// rho = 0 (3.5): chi-square, degrees of freedom, p, and observed and expected events per group.
// See logrank-counts.ts for the formulas.
//
// Contract
// - Inputs: time (finite), event (0/1 or booleans), group (numbers, strings or level codes; levels
//   sorted as R sorts a factor's levels). Rows with a missing group are left out (counted in a warning).
// - timefix (default true, as survdiff): times equal within R's tolerance are merged first.
// - Cost: one sort of the times (none for whole-number times), then O(m G + e G^2).
import type { LevelCodes } from '../math/level-codes.js';
import { groupCodes } from './group-codes.js';
import { groupCounts } from './group-counts.js';
import { logRankCounts, type LogRankResult } from './logrank-counts.js';
import { survivalInput } from './survival-input.js';
import { timefix as fixTimes } from './timefix.js';

export type { LogRankResult, LogRankGroup } from './logrank-counts.js';

/**
 * Log-rank (Mantel-Haenszel) test across groups.
 * @example logRank([1, 2, 3, 4], [1, 1, 1, 1], ['a', 'b', 'a', 'b']).df // 1
 */
export function logRank(
  rawTime: ArrayLike<number>,
  event: ArrayLike<number | boolean>,
  group: ArrayLike<string | number | null | undefined> | LevelCodes,
  { timefix = true }: { timefix?: boolean } = {},
): LogRankResult {
  const status = survivalInput('logRank', rawTime, event);
  const time = timefix ? fixTimes(rawTime).time : rawTime;
  const { codes, levels } = groupCodes('logRank', group, time.length);
  const counts = groupCounts(time, status, codes, levels.length);
  const result = logRankCounts(counts, levels);
  if (counts.missing > 0) {
    result.warnings.push({
      code: 'missing-group',
      message: `${counts.missing} rows with no group were left out.`,
    });
  }
  return result;
}
