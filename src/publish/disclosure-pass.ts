// One disclosure pass over the whole published summary. Every section registers its counts as
// tables (suppress-linked.ts LinkedTables: cells, totals, and keys naming entries that are the same
// count as an entry elsewhere), the relations between sections are stated once below, and one
// suppressLinked run hides, in every table, each count any table hides, until no suppressed count
// can be worked out from the published ones, whichever sections it crosses.
//
// Why one pass: sections count the same records. A summary whose sections were suppressed one by
// one published `demand.n` as c but `rereferral.episodes.total` as the same number when each
// referral had one assessment, and so `demand.noFactors` (a count of 1) as their difference.
//
// How to plug a new section in (pathways, say):
// 1. Write `planPathways(result, {threshold}): SectionPlan<PublishedPathways>`: build the section's
//    LinkedTables (each table of counts with its totals; keys for entries shown elsewhere in the
//    section; `hide` for entries never published but guessable, so they are protected too), and a
//    `finish(tables)` that reads the suppressed tables back into the published section and withholds
//    every statistic computed from a hidden count (a share, a mean of a 0/1 outcome, a rate).
//    Keys are local to the section: the pass prefixes them with `section + ':'`.
// 2. Add the plan to the list publishResults (publish-results.ts) passes to runDisclosurePass.
// 3. If the section counts records another section counts too (assessments, episodes, pupils),
//    add a SameRecords relation in publish-results.ts naming the two entries (`'pathways:n'` and
//    `'demand:n'`): the pass links them through their difference, which it protects like a cell.
// 4. Register the section's relations in the attack test's model (tests/src/publish/attack-model.ts),
//    written from what the figures mean, so the test can find what the plan missed.
import { auditTables } from './disclosure-audit.js';
import type { SuppressedTable } from './disclosure.js';
import { listTable, suppressLinked, type LinkedTable } from './suppress-linked.js';

/** A section's counts as linked tables, and how to read the suppressed tables back into it. */
export interface SectionPlan<T> {
  /** The section's name, the prefix of its keys ('demand', 'rereferral', 'attainment[0]'). */
  section: string;
  tables: LinkedTable[];
  /** The published section from its tables after suppression, in the order of `tables`. */
  finish: (tables: SuppressedTable[]) => T;
}

/**
 * Two entries that count the same kind of records in different sections (the assessments of the
 * demand section and the referral episodes of the re-referral section): related through their
 * difference, which is small when most referrals have one assessment.
 */
export interface SameRecords {
  /** Section-prefixed keys of the two entries, and their values. */
  a: { key: string; value: number };
  b: { key: string; value: number };
}

/** The tables stating a relation: smaller + difference = larger, the difference a cell like any other. */
function relationTable({ a, b }: SameRecords): LinkedTable {
  const [lo, hi] = a.value <= b.value ? [a, b] : [b, a];
  return listTable([lo.value, hi.value - lo.value], [lo.key, null], hi.key);
}

const prefixed = (section: string, t: LinkedTable): LinkedTable => {
  const key = t.key;
  return {
    ...t,
    key: key
      ? (i, j) => {
          const k = key(i, j);
          return k === null ? null : `${section}:${k}`;
        }
      : undefined,
  };
};

/**
 * Suppress every section's tables together (see the file comment); returns the published sections
 * in the order of `plans`.
 * @example runDisclosurePass([planDemand(d), planRereferral(r, tables)], [sameRecords], {threshold: 5})
 */
export function runDisclosurePass(
  plans: readonly SectionPlan<unknown>[],
  relations: readonly SameRecords[] = [],
  { threshold = 5 }: { threshold?: number } = {},
): unknown[] {
  const all: LinkedTable[] = [];
  const ranges = plans.map((p) => {
    const from = all.length;
    all.push(...p.tables.map((t) => prefixed(p.section, t)));
    return [from, all.length] as const;
  });
  all.push(...relations.map(relationTable));
  const out = suppressTogether(all, threshold);
  return plans.map((p, k) => p.finish(out.slice(ranges[k]![0], ranges[k]![1])));
}

/**
 * suppressLinked, then the audit of all the tables together (disclosure-audit.ts): while some
 * hidden count of 1 to threshold is pinned by a combination of tables, hide the smallest non-zero
 * published count sharing an equation with it (a zero only when none is left: hiding one next to a
 * small count narrows it through non-negativity, as disclosure.ts says) and suppress again.
 * Each round hides one more entry, so it ends; in the worst case everything near a small count is
 * hidden.
 */
function suppressTogether(tables: LinkedTable[], threshold: number): SuppressedTable[] {
  if (!tables.length) return [];
  const work = tables.map((t) => ({ ...t, hide: [...(t.hide ?? [])] }));
  for (;;) {
    const out = suppressLinked(work, { threshold });
    const pinned = auditTables(work, out, threshold);
    if (!pinned.length) return out;
    const target = pinned[0]!.neighbours[0];
    // Every entry of its lines hidden and still pinned: the tables contradict their own totals.
    if (!target)
      throw new Error('runDisclosurePass: a small count stays pinned with every figure around it hidden');
    work[target.table]!.hide.push([target.i, target.j]);
  }
}
