// The re-referral curves as monthly life tables, the counts disclosure control needs and a
// RereferralResult does not carry (its curves are thinned step points without counts).
//
// Contract
// - Input: the assessments the result was computed from, the result (its options give the grouping,
//   extract date and interval type), and for group 'category' the same categories the analysis had.
// - It rebuilds the follow-up and grouping exactly as rereferral.ts does (the same modules), fits the
//   Kaplan-Meier curves again and checks that every group's episodes and re-referrals match the
//   result: a result from other data throws rather than publishing counts that do not belong to it.
// - Output, for the pooled curve and each group at whole months m = 0 .. floor(horizon): the number
//   still followed (follow-up >= m months), re-referrals and censorings before m months, and
//   1 - S just before m months with its band (rounded to 1e-6 as the curves are). Month m is
//   m x 365.25 / 12 days; follow-up is in whole days, so "before m months" is unambiguous.
// - Also the episodes without a group (left out of the group curves, kept in the pooled one).
// Cost: O(n) for the follow-up, one Kaplan-Meier fit per group, O(rows + months) per table.
import { parseDate } from '../data/dates.js';
import { deriveEpisodes } from '../data/episodes.js';
import type { AssessmentData } from '../data/types.js';
import { DAYS_PER_MONTH, rereferralFollowUp, type FollowUp } from '../analyses/rereferral-follow-up.js';
import { spellFollowUp } from '../analyses/rereferral-spells.js';
import { rereferralGrouping, type Grouping } from '../analyses/rereferral-grouping.js';
import type { RereferralFits } from '../analyses/rereferral.js';
import type { RereferralResult, RowCategories } from '../analyses/rereferral-types.js';
import { kaplanMeier, type KaplanMeierResult } from '../survival/kaplan-meier.js';
import { kaplanMeierGroups } from '../survival/kaplan-meier-groups.js';

export interface LifeTable {
  level: string;
  n: number;
  events: number;
  censored: number;
  /** Index m = month m (0 .. months). */
  nRisk: number[];
  eventsBefore: number[];
  censoredBefore: number[];
  estimate: number[];
  lower: number[];
  upper: number[];
}

export interface RereferralLifeTables {
  /** The last whole month (floor of the result's horizon). */
  months: number;
  overall: LifeTable;
  groups: LifeTable[];
  /** Episodes followed up without a group (in the pooled curve only). */
  noGroup: { n: number; events: number; censored: number };
}

const round6 = (v: number): number => Math.round(v * 1e6) / 1e6;

function lifeTable(km: KaplanMeierResult, level: string, months: number): LifeTable {
  const t = km.table;
  const out: LifeTable = {
    level,
    n: km.n,
    events: km.nEvents,
    censored: km.n - km.nEvents,
    nRisk: [],
    eventsBefore: [],
    censoredBefore: [],
    estimate: [],
    lower: [],
    upper: [],
  };
  let r = 0;
  let events = 0;
  let censored = 0;
  for (let m = 0; m <= months; m++) {
    const day = m * DAYS_PER_MONTH;
    while (r < t.time.length && t.time[r]! < day) {
      events += t.nEvent[r]!;
      censored += t.nCensor[r]!;
      r++;
    }
    out.eventsBefore.push(events);
    out.censoredBefore.push(censored);
    out.nRisk.push(km.n - events - censored);
    if (r === 0) {
      out.estimate.push(0);
      out.lower.push(0);
      out.upper.push(0);
    } else {
      // As rereferral-curve.ts: 1 - S with band (1 - upper, 1 - lower); a non-finite limit is the estimate.
      const s = t.surv[r - 1]!;
      const lo = 1 - t.upper[r - 1]!;
      const hi = 1 - t.lower[r - 1]!;
      out.estimate.push(round6(1 - s));
      out.lower.push(round6(Number.isFinite(lo) ? lo : 1 - s));
      out.upper.push(round6(Number.isFinite(hi) ? hi : 1 - s));
    }
  }
  return out;
}

/**
 * Monthly life tables of a re-referral result's curves, from the assessments it was computed from.
 * @param inputs `categories`: the demand categories the analysis used (for group 'category')
 * @example summaryLifeTables(data, rereferral(data, {group: 'age'})).groups[0].nRisk[12]
 */
export function summaryLifeTables(
  data: AssessmentData,
  result: RereferralResult,
  inputs: { categories?: RowCategories } = {},
): RereferralLifeTables {
  const { group, extractDate } = result.options;
  // The same follow-up the result came from: episodes, or plans or periods in care.
  const outcome = result.options.outcome ?? 'rereferral';
  const { ep, fu } =
    outcome === 'rereferral'
      ? (() => {
          const e = deriveEpisodes(data);
          return { ep: e, fu: rereferralFollowUp(data, e, parseDate(extractDate)) };
        })()
      : spellFollowUp(data, outcome === 'repeat-plan' ? 'cpp' : 'care', parseDate(extractDate));
  const grouping = group === 'none' ? null : rereferralGrouping(data, ep, fu, group, inputs.categories);
  return lifeTablesFromFollowUp(fu, grouping, result);
}

/**
 * The life tables from follow-up already derived (the rows') or rebuilt from counts (aggregates),
 * with the same checks against the result.
 * @param grouping the episodes' groups (null for group 'none')
 * @param fits the Kaplan-Meier fits the result's curves came from (rereferralFits), when the caller
 *   has them: the tables then read those rather than fitting the same follow-up again (a fit's
 *   table does not depend on the `at` times the result asked of it)
 */
export function lifeTablesFromFollowUp(
  fu: FollowUp,
  grouping: Grouping | null,
  result: RereferralResult,
  fits?: Pick<RereferralFits, 'overall' | 'byGroup'>,
): RereferralLifeTables {
  const { confType, confLevel } = result.options;
  const kmOptions = { confType, confLevel, quantiles: [] };
  const months = Math.max(0, Math.floor(result.horizonMonths + 1e-9));
  const overallKm = fits?.overall ?? kaplanMeier(fu.days, fu.event, kmOptions);
  const mismatch = (what: string, mine: number, theirs: number): Error =>
    new Error(
      `summaryLifeTables: the re-referral result does not come from these assessments (${what}: ${theirs} in the result, ${mine} here)`,
    );
  if (overallKm.n !== result.n) throw mismatch('episodes followed up', overallKm.n, result.n);
  if (overallKm.nEvents !== result.events) throw mismatch('re-referrals', overallKm.nEvents, result.events);
  const overall = lifeTable(overallKm, 'all', months);
  if (!grouping || fu.n === 0)
    return { months, overall, groups: [overall], noGroup: { n: 0, events: 0, censored: 0 } };

  const byGroup =
    fits?.byGroup ??
    kaplanMeierGroups(fu.days, fu.event, { codes: grouping.codes, levels: grouping.levels }, kmOptions);
  const km = new Map(byGroup.groups.map((g) => [g.level, g]));
  const groups = result.groups.map((g) => {
    const k = km.get(g.level);
    if (!k) throw mismatch(`group ${g.label}`, 0, g.n);
    if (k.n !== g.n) throw mismatch(`episodes of ${g.label}`, k.n, g.n);
    if (k.nEvents !== g.events) throw mismatch(`re-referrals of ${g.label}`, k.nEvents, g.events);
    return lifeTable(k, g.level, months);
  });
  const n = overall.n - groups.reduce((a, g) => a + g.n, 0);
  const events = overall.events - groups.reduce((a, g) => a + g.events, 0);
  return { months, overall, groups, noGroup: { n, events, censored: n - events } };
}
