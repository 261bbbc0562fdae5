// Kaplan-Meier curves and the log-rank test from aggregates: rows of (group, time, event, count),
// what an engine returns for `GROUP BY group, time, event`. The counts of events and censorings by
// group and distinct time are the sufficient statistics of both (group-counts.ts builds
// the same from rows), so kmTable and logRankCounts give the rows' figures: curves, Greenwood
// standard errors, intervals, numbers at risk, observed and expected events, the chi-square.
// Times equal within R's tolerance are merged first (timefix), as kaplanMeierGroups does for rows.
// Rows with no group (null) are left out and counted, as rows are.
import { groupCodes } from './group-codes.js';
import type { GroupCounts } from './group-counts.js';
import type { KaplanMeierGroupsResult } from './kaplan-meier-groups.js';
import { kmTable, type KaplanMeierOptions } from './km-table.js';
import { logRankCounts } from './logrank-counts.js';
import { survivalInput } from './survival-input.js';
import { timeRanks } from './time-ranks.js';
import { timefix as fixTimes } from './timefix.js';

/**
 * Kaplan-Meier by group and the log-rank test, from counts.
 * @param count the rows each aggregate row stands for (whole numbers >= 1)
 * @example kaplanMeierFromCounts([1, 2], [1, 0], ['a', 'a'], [3, 2]).groups[0].table[0].nRisk // 5
 */
export function kaplanMeierFromCounts(
  rawTime: ArrayLike<number>,
  event: ArrayLike<number | boolean>,
  group: ArrayLike<string | number | null | undefined>,
  count: ArrayLike<number>,
  options: Omit<KaplanMeierOptions, 'weights' | 'start'> = {},
): KaplanMeierGroupsResult {
  const fn = 'kaplanMeierFromCounts';
  const status = survivalInput(fn, rawTime, event);
  if (count.length !== rawTime.length)
    throw new Error(`${fn}: invalid count; expected ${rawTime.length} values, got ${count.length}`);
  for (let i = 0; i < count.length; i++)
    if (!(Number.isInteger(count[i]) && count[i]! >= 1))
      throw new Error(
        `${fn}: invalid count; expected whole numbers of 1 or more, got ${count[i]} in row ${i + 1}`,
      );
  const timefix = options.timefix ?? true;
  const fixed = timefix ? fixTimes(rawTime) : { time: rawTime, changed: 0 };
  const { codes, levels } = groupCodes(fn, group, rawTime.length);
  // Times of the rows with a group only, as group-counts.ts ranks them.
  const kept: number[] = [];
  let missing = 0;
  for (let i = 0; i < codes.length; i++) {
    if (codes[i]! < 0) missing += count[i]!;
    else kept.push(i);
  }
  const { times, rank } = timeRanks(Float64Array.from(kept, (i) => fixed.time[i]!));
  const m = times.length;
  const cells = levels.map(() => new Map<number, { e: number; c: number }>());
  for (let k = 0; k < kept.length; k++) {
    const i = kept[k]!;
    const cell = cells[codes[i]!]!;
    const at = cell.get(rank[k]!) ?? { e: 0, c: 0 };
    if (status[i] === 1) at.e += count[i]!;
    else at.c += count[i]!;
    cell.set(rank[k]!, at);
  }
  const counts: GroupCounts = {
    times,
    missing,
    byGroup: cells.map((cell) => {
      const ranks = [...cell.keys()].sort((a, b) => a - b).filter((r) => r < m);
      return {
        rank: Int32Array.from(ranks),
        events: Float64Array.from(ranks, (r) => cell.get(r)!.e),
        censored: Float64Array.from(ranks, (r) => cell.get(r)!.c),
      };
    }),
  };
  const groups = counts.byGroup.map((c, g) => ({
    level: levels[g]!,
    ...kmTable(
      Float64Array.from(c.rank, (r) => times[r]!),
      c.events,
      c.censored,
      options,
    ),
    timefix: { applied: timefix, changed: fixed.changed },
  }));
  const warnings = missing
    ? [{ code: 'missing-group', message: `${missing} rows with no group were left out.` }]
    : [];
  return { groups, logRank: logRankCounts(counts, levels), missingGroup: missing, warnings };
}
