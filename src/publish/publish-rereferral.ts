// The re-referral section of the summary: a RereferralResult with disclosure control applied (the
// mapping is in summary-types.ts).
//
// Contract
// - Input: the result, its monthly life tables (summary-life-tables.ts, from the same data), the
//   threshold. Output: PublishedRereferral.
// - Tables suppressed together (suppress-linked.ts), so a count hidden in one is hidden in all:
//   * groups: one row per group (plus the episodes without a group, never shown but counted) by
//     re-referred / censored, row totals the groups' episodes, column totals the pooled ones;
//   * episodes: followed up plus each reason for not being at risk = episodes in the file;
//   * censored: at the extract date plus at the 18th birthday = the pooled censored episodes;
//   * Cox: episodes in the model plus each reason for leaving one out = episodes followed up.
//   The log-rank table repeats the groups' episodes and re-referrals (the same published values).
// - Curves: publish-curve.ts, each group from its published totals; the pooled curve with counts
//   only when it is the only curve (grouped, its counts minus the groups' would give the counts of
//   the episodes without a group).
// - Differences: the Cox model's re-referrals are published only where the pooled number is and
//   they differ from it by 0 or more than the threshold (else the difference is a small count).
// - The data layer's excluded rows are counts with no published total: each is shown or `c`.
// - Cox terms withheld (figures null, `suppressed: true` and `suppressedReason`): a suppressed
//   group's ('suppressed-group'); a factor term (group, gender, referral source) whose level has 1
//   to threshold episodes in the model ('small-level'), and every term of a factor whose reference
//   level has ('small-reference'), see withhold-term.ts. Age and episode length are numeric: never
//   withheld. The terms' level counts are not published (a count hidden among them would need its
//   own secondary suppression against the model's n).
import type { RereferralResult } from '../analyses/rereferral-types.js';
import type { Published } from './disclosure.js';
import { publishCurve } from './publish-curve.js';
import { publishWarnings } from './publish-warnings.js';
import type { RereferralLifeTables } from './summary-life-tables.js';
import type { PublishedHazardRatio, PublishedRereferral } from './summary-types.js';
import type { SuppressedTable } from './disclosure.js';
import { runDisclosurePass, type SectionPlan } from './disclosure-pass.js';
import { entryOf, listTable, type LinkedTable } from './suppress-linked.js';
import { withholdTerm } from './withhold-term.js';

/**
 * Disclosure-controlled re-referral figures.
 * @param tables summaryLifeTables(data, result, {categories}) on the data the result came from
 * @example publishRereferral(result, summaryLifeTables(data, result, {categories}), {threshold: 5}).groups[0].nRisk
 */
export function publishRereferral(
  result: RereferralResult,
  tables: RereferralLifeTables,
  { threshold = 5 }: { threshold?: number } = {},
): PublishedRereferral {
  return runDisclosurePass([planRereferral(result, tables, { threshold })], [], {
    threshold,
  })[0] as PublishedRereferral;
}

/**
 * The re-referral section's tables and how to read them back (disclosure-pass.ts); the episode
 * table's total is keyed `episodes` (the episodes in the file), for relations with other sections.
 */
export function planRereferral(
  result: RereferralResult,
  tables: RereferralLifeTables,
  { threshold = 5 }: { threshold?: number } = {},
): SectionPlan<PublishedRereferral> {
  const grouped = result.options.group !== 'none' && result.groups.length > 0;
  const groups = grouped ? tables.groups : [tables.overall];
  const ng = tables.noGroup;
  const withNoGroup = grouped && ng.n > 0;

  // The groups table: rows = groups (+ no group), columns = re-referred, censored.
  const G = groups.length;
  const groupRows = groups.map((g) => [g.events, g.censored]);
  if (withNoGroup) groupRows.push([ng.events, ng.censored]);
  const groupTable: LinkedTable = {
    counts: groupRows,
    key: (i, j) => {
      const R = groupRows.length;
      if (i === R) return j === 0 ? 'events' : j === 1 ? 'censored' : 'n';
      if (!grouped) return j === 0 ? 'events' : j === 1 ? 'censored' : 'n';
      if (i === G) return j === 2 ? 'no-group' : null;
      return `g${i}.${j === 0 ? 'events' : j === 1 ? 'censored' : 'n'}`;
    },
  };
  const notAtRisk = result.episodes.notAtRisk;
  const episodeTable = listTable([result.n, ...notAtRisk.map((x) => x.episodes)], ['n'], 'episodes');
  const censoredTable = listTable(
    result.censored.map((c) => c.episodes),
    [],
    'censored',
  );
  const cox = result.cox;
  const noGroupReason = `no ${result.groupTitle.toLowerCase()}`;
  let coxTable: LinkedTable | null = null;
  if (cox) {
    const excluded = cox.excluded.map((e) => e.episodes);
    const coxResidual = result.n - cox.n - excluded.reduce((a, b) => a + b, 0);
    if (coxResidual < 0)
      throw new Error(
        'publishRereferral: invalid result; the Cox model has more episodes than were followed up',
      );
    coxTable = listTable(
      [cox.n, ...excluded, ...(coxResidual > 0 ? [coxResidual] : [])],
      [
        null,
        ...cox.excluded.map((e) => (e.reason === noGroupReason && e.episodes === ng.n ? 'no-group' : null)),
      ],
      'n',
    );
  }
  const linked = [groupTable, episodeTable, censoredTable, ...(coxTable ? [coxTable] : [])];
  return {
    section: 'rereferral',
    tables: linked,
    finish: ([gt, et, ct, xt]) =>
      finishRereferral(result, tables, { grouped, groups, G, withNoGroup }, [gt!, et!, ct!, xt], threshold),
  };
}

function finishRereferral(
  result: RereferralResult,
  tables: RereferralLifeTables,
  {
    grouped,
    groups,
    G,
    withNoGroup,
  }: { grouped: boolean; groups: RereferralLifeTables['groups']; G: number; withNoGroup: boolean },
  [gt, et, ct, xt]: [SuppressedTable, SuppressedTable, SuppressedTable, SuppressedTable | undefined],
  threshold: number,
): PublishedRereferral {
  const notAtRisk = result.episodes.notAtRisk;
  const cox = result.cox;
  const fine = (v: number) => v === 0 || v > threshold;

  const totals = (i: number) => ({
    n: entryOf(gt!, i, 2),
    events: entryOf(gt!, i, 0),
    censored: entryOf(gt!, i, 1),
  });
  const pooled = { n: gt!.grandTotal, events: gt!.colTotals[0]!, censored: gt!.colTotals[1]! };
  const publishedGroups = result.groups.map((curve, i) =>
    publishCurve(curve, groups[i]!, grouped ? totals(i) : pooled, { threshold }),
  );
  const overall = grouped
    ? publishCurve(result.overall, tables.overall, pooled, { threshold, withCounts: false })
    : publishedGroups[0]!;
  const suppressedLevels = new Set(publishedGroups.filter((g) => g.suppressed).map((g) => g.level));
  const byLevel = new Map(publishedGroups.map((g) => [g.level, g]));

  const excluded = result.excluded.map((e) => ({
    ...e,
    count: e.code === 'no-group' && withNoGroup ? entryOf(gt!, G, 2) : smallOrNot(e.count, threshold),
  }));

  let coxEvents: Published = 'c';
  if (cox && typeof pooled.events === 'number' && fine(cox.events) && fine(pooled.events - cox.events))
    coxEvents = cox.events;

  return {
    ...result,
    horizonMonths: Math.floor(result.horizonMonths + 1e-9),
    episodes: {
      total: et!.rowTotals[0]!,
      atRisk: et!.cells[0]![0]!,
      notAtRisk: notAtRisk.map((x, k) => ({ ...x, episodes: et!.cells[0]![k + 1]! })),
    },
    n: pooled.n,
    events: pooled.events,
    censored: result.censored.map((c, k) => ({ ...c, episodes: ct!.cells[0]![k]! })),
    excluded,
    overall,
    groups: publishedGroups,
    logRank: result.logRank && {
      ...result.logRank,
      groups: result.logRank.groups.map((g) => {
        const p = byLevel.get(g.level);
        const hidden = !p || p.suppressed;
        return {
          ...g,
          n: p ? p.n : 'c',
          observed: p ? p.events : 'c',
          expected: hidden ? null : g.expected,
        };
      }),
    },
    cox: cox && {
      ...cox,
      n: xt!.cells[0]![0]!,
      events: coxEvents,
      excluded: cox.excluded.map((e, k) => ({ ...e, episodes: xt!.cells[0]![k + 1]! })),
      terms: cox.terms.map((t): PublishedHazardRatio => {
        // The level counts are not published (see the file comment).
        const shown = { ...t };
        delete shown.n;
        delete shown.referenceN;
        const why =
          t.kind === 'group' && t.level !== null && suppressedLevels.has(t.level)
            ? 'suppressed-group'
            : withholdTerm(t, threshold);
        if (why === null) return shown;
        const withheld = { hr: null, lower: null, upper: null, p: null, coef: null, se: null };
        return { ...shown, ...withheld, suppressed: true, suppressedReason: why };
      }),
    },
    warnings: publishWarnings(result.warnings, threshold),
  };
}

function smallOrNot(v: number, threshold: number): Published {
  return v >= 1 && v <= threshold ? 'c' : v;
}
