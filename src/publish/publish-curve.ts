// One re-referral curve as published: on a monthly grid, with the number still followed and the
// re-referrals between its points, built so that no count of 1 to the threshold can be read off it.
//
// Contract
// - Input: the analysis's curve (for its labels and the 12-month and six-year values), its monthly
//   life table (summary-life-tables.ts), its totals as published (n, events, censored: Published,
//   already through the group table's suppression), the threshold, and whether to publish counts.
// - A group whose totals are not all published is withheld: empty arrays, `suppressed: true` (its
//   curve would show its re-referrals by its steps).
// - Points: whole months. Every month where threshold or fewer episodes remain followed is cut.
//   Between two published points, and after the last one up to the group's totals, the number of
//   re-referrals and the number of episodes leaving follow-up (censored) are each 0 or above the
//   threshold; a month that would break this is merged into a later one (left out: the curve steps
//   at the next published month). Whole years are chosen first (so 12 months and six years survive
//   where they can), then the months inside each year greedily, then the last points are dropped
//   until what remains after them passes too. So every count a reader can derive from the curve
//   (at risk, re-referred, censored, their differences and what is left of the totals) is 0 or
//   above the threshold: there is nothing to recover, and nothing shows as `c` but the at-risk
//   numbers at the 12-month, six-year and whole-year marks that the grid leaves out.
// - `withCounts` false (the pooled curve next to its groups): the same points, the estimates only,
//   every at-risk and event count `c`.
// - Values at each point are 1 - S just before the month and its band: exact values of the estimate.
import type { RereferralAt, RereferralCurve } from '../analyses/rereferral-types.js';
import type { Published } from './disclosure.js';
import type { LifeTable } from './summary-life-tables.js';
import type { PublishedRereferralAt, PublishedRereferralCurve } from './summary-types.js';

export interface CurveTotals {
  n: Published;
  events: Published;
  censored: Published;
}

/** The months a curve is published at (see the file comment); [] when n is threshold or fewer. */
export function curveMonths(t: LifeTable, threshold: number): number[] {
  const fine = (v: number) => v === 0 || v > threshold;
  const ok = (a: number, b: number) =>
    fine(t.eventsBefore[b]! - t.eventsBefore[a]!) && fine(t.censoredBefore[b]! - t.censoredBefore[a]!);
  const tailOk = (a: number) =>
    fine(t.events - t.eventsBefore[a]!) && fine(t.censored - t.censoredBefore[a]!);
  const last = t.nRisk.length - 1;
  const candidate = (m: number) => m <= last && t.nRisk[m]! > threshold;
  if (!candidate(0) || !tailOk(0)) return [];
  const years = [0];
  for (let y = 12; candidate(y); y += 12) if (ok(years[years.length - 1]!, y)) years.push(y);
  while (years.length > 1 && !tailOk(years[years.length - 1]!)) years.pop();
  const points: number[] = [];
  years.forEach((start, i) => {
    const end = i + 1 < years.length ? years[i + 1]! : null;
    const segment: number[] = [];
    let from = start;
    for (let m = start + 1; (end === null || m < end) && candidate(m); m++) {
      if (ok(from, m)) {
        segment.push(m);
        from = m;
      }
    }
    const closes = (m: number) => (end === null ? tailOk(m) : ok(m, end));
    while (segment.length && !closes(segment[segment.length - 1]!)) segment.pop();
    points.push(start, ...segment);
  });
  return points;
}

function atPoint(
  at: RereferralAt,
  points: Set<number>,
  nRisk: Published,
  withheld: boolean,
): PublishedRereferralAt {
  if (!withheld && points.has(at.months)) return { ...at, nRisk };
  return { months: at.months, estimate: null, lower: null, upper: null, nRisk: at.nRisk === 0 ? 0 : 'c' };
}

/**
 * A curve as published (see the file comment).
 * @example publishCurve(result.groups[0], tables.groups[0], {n: 900, events: 310, censored: 590}, {threshold: 5})
 */
export function publishCurve(
  curve: RereferralCurve,
  table: LifeTable,
  totals: CurveTotals,
  { threshold = 5, withCounts = true }: { threshold?: number; withCounts?: boolean } = {},
): PublishedRereferralCurve {
  const withheld = [totals.n, totals.events, totals.censored].some((v) => typeof v !== 'number');
  const months = withheld ? [] : curveMonths(table, threshold);
  const points = new Set(months);
  const count = (v: number): Published => (withCounts ? v : 'c');
  return {
    level: curve.level,
    label: curve.label,
    n: totals.n,
    events: totals.events,
    censored: totals.censored,
    months,
    estimate: months.map((m) => table.estimate[m]!),
    lower: months.map((m) => table.lower[m]!),
    upper: months.map((m) => table.upper[m]!),
    nRisk: months.map((m) => count(table.nRisk[m]!)),
    nEvent: months.map((m, k) =>
      k === 0 ? 0 : count(table.eventsBefore[m]! - table.eventsBefore[months[k - 1]!]!),
    ),
    thinned: true,
    lastMonths: months.length ? months[months.length - 1]! : 0,
    at: {
      months12: atPoint(curve.at.months12, points, count(curve.at.months12.nRisk), withheld),
      years6: atPoint(curve.at.years6, points, count(curve.at.years6.nRisk), withheld),
    },
    risk: curve.risk.map((r) => ({
      months: r.months,
      nRisk: r.nRisk === 0 ? 0 : points.has(r.months) ? count(r.nRisk) : 'c',
    })),
    suppressed: withheld,
  };
}
