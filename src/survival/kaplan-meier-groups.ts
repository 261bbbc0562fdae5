// Kaplan-Meier curves by group with the log-rank test across them, counting the data once:
// R's survfit(Surv(time, event) ~ group) and survdiff(..., rho = 0) in one pass.
//
// Contract
// - Inputs as logRank; options as kaplanMeier (applied to every group), timefix included (default
//   true, as R: times equal within R's tolerance merged first). Case weights and start times are
//   kaplanMeier's alone (R's survdiff takes neither): fit those one group at a time.
// - Output: one KaplanMeierResult per group (levels sorted as R sorts a factor's levels), each
//   table holding only that group's times (as survfit's strata), and the log-rank result.
// - Cost: one sort of the times (none for whole-number times), then O(n + m G + e G^2).
import type { LevelCodes } from '../math/level-codes.js';
import type { Warning } from '../warnings.js';
import { groupCodes } from './group-codes.js';
import { groupCounts } from './group-counts.js';
import { kmTable, type KaplanMeierOptions, type KaplanMeierResult } from './km-table.js';
import { logRankCounts, type LogRankResult } from './logrank-counts.js';
import { fixedTimeRanks } from './fixed-time-ranks.js';
import { survivalInput } from './survival-input.js';

export interface KaplanMeierGroupsResult {
  groups: (KaplanMeierResult & { level: string })[];
  logRank: LogRankResult;
  /** Rows left out because their group was missing. */
  missingGroup: number;
  warnings: Warning[];
}

/**
 * Kaplan-Meier curves for each group and the log-rank test between them.
 * @example kaplanMeierGroups([1, 2, 3, 4], [1, 1, 0, 1], ['a', 'b', 'a', 'b']).groups.map((g) => g.level) // ['a', 'b']
 */
export function kaplanMeierGroups(
  rawTime: ArrayLike<number>,
  event: ArrayLike<number | boolean>,
  group: ArrayLike<string | number | null | undefined> | LevelCodes,
  options: KaplanMeierOptions = {},
): KaplanMeierGroupsResult {
  if (options.weights || options.start) {
    throw new Error(
      'kaplanMeierGroups: invalid options; weights and start are not supported here (the log-rank test, as R survdiff, takes neither): call kaplanMeier for each group',
    );
  }
  const status = survivalInput('kaplanMeierGroups', rawTime, event);
  const timefix = options.timefix ?? true;
  // One sort serves timefix, the ranks and the walk in time order (fixed-time-ranks.ts).
  const fixed = fixedTimeRanks(rawTime, timefix);
  const { codes, levels } = groupCodes('kaplanMeierGroups', group, rawTime.length);
  const counts = groupCounts(fixed.time, status, codes, levels.length, fixed);
  const groups = counts.byGroup.map((c, g) => {
    // A plain loop: Float64Array.from with a map function goes through the iterator protocol.
    const times = new Float64Array(c.rank.length);
    for (let k = 0; k < times.length; k++) times[k] = counts.times[c.rank[k]];
    return {
      level: levels[g],
      ...kmTable(times, c.events, c.censored, options),
      timefix: { applied: timefix, changed: fixed.changed },
    };
  });
  const warnings: Warning[] = [];
  if (counts.missing > 0) {
    warnings.push({ code: 'missing-group', message: `${counts.missing} rows with no group were left out.` });
  }
  return { groups, logRank: logRankCounts(counts, levels), missingGroup: counts.missing, warnings };
}
