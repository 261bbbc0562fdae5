// The demand section of the summary: a DemandResult with disclosure control applied (the mapping is
// in summary-types.ts).
//
// Contract
// - Input: the result (national or local model), the threshold. Output: PublishedDemand.
// - Tables suppressed together (suppress-linked.ts), so a count hidden in one is hidden in all:
//   * category x financial year, row totals the category counts (the share table's counts), column
//     totals the years' totals, grand total the classified assessments;
//   * category x group for gender, age band and ethnicity (every classified assessment is in one
//     group of each, "Not known" included), with the same category totals and grand total;
//   * the category counts and classified (the share table);
//   * classified + no factors + only codes outside the model = assessments in the period (keyed
//     `n`, which publishResults links to the re-referral section's episodes: disclosure-pass.ts);
//   * the eras of code introduction: the years before an era sum to each of its codes' rows
//     missing before introduction plus the rows recording it early (eraTables, below).
//   So no suppressed count comes back from totals, other rows or columns, another year or another
//   group, and a category total hidden in one table is hidden in the year table and the share table.
// - Statistics computed from counts are withheld where those counts are: a share and its Wilson
//   interval (count / classified), the model's share (close to it), the comparison with England,
//   a growth index (count / base year's count), a characteristic's share, ratio and interval (which
//   involve the cell, the group, the category total and classified).
// - Profiles: P(factor | category) x the category's count is a count, so a cell is null where it,
//   or its complement, rounds to 1..threshold, and a suppressed category shows no profile (the same
//   for the probabilities of the factors listed with each category).
// - Counts with no published total (codes outside the dictionary, codes mapped, rows outside the
//   period or without a date) are shown or `c` one by one.
// - publishDemand suppresses the section alone; planDemand gives its tables to the whole-summary
//   pass (disclosure-pass.ts), which publishResults runs.
import type { DemandResult } from '../analyses/demand-types.js';
import type { Published } from './disclosure.js';
import { publishWarnings } from './publish-warnings.js';
import type { PublishedDemand } from './summary-types.js';
import { isSmallCount, type SuppressedTable } from './disclosure.js';
import { runDisclosurePass, type SectionPlan } from './disclosure-pass.js';
import { entryOf, listTable, type LinkedTable } from './suppress-linked.js';

const small = (v: number, threshold: number): Published => (v >= 1 && v <= threshold ? 'c' : v);

/**
 * Disclosure-controlled demand figures.
 * @example publishDemand(await demand(data), {threshold: 5}).categories[0].count
 */
export function publishDemand(
  r: DemandResult,
  { threshold = 5 }: { threshold?: number } = {},
): PublishedDemand {
  return runDisclosurePass([planDemand(r, { threshold })], [], { threshold })[0] as PublishedDemand;
}

/**
 * The demand section's tables and how to read them back (disclosure-pass.ts): what publishDemand
 * runs alone and publishResults runs with the other sections.
 */
export function planDemand(
  r: DemandResult,
  { threshold = 5 }: { threshold?: number } = {},
): SectionPlan<PublishedDemand> {
  const K = r.categories.length;
  const catKey = (k: number) => `cat${k}`;
  const tables: LinkedTable[] = [];
  const Y =
    K > 0 && r.years.length > 0
      ? tables.push(
          crossTable(
            r.categories.map((_, k) => r.years.map((y) => y.counts[k]!)),
            (j) => `year${j}`,
          ),
        ) - 1
      : -1;
  const dims = K > 0 ? groupBy(r) : [];
  const dimTables = dims.map(
    ({ dimension, rows }) =>
      tables.push(
        crossTable(
          r.categories.map((_, k) => rows.map((c) => c.categories[k]!.count)),
          (j) => `${dimension}:${rows[j]!.group}`,
        ),
      ) - 1,
  );
  const shares =
    tables.push(
      listTable(
        r.categories.map((c) => c.count),
        r.categories.map((_, k) => catKey(k)),
        'classified',
      ),
    ) - 1;
  // When the assessments left out are few, give up their total (the assessments in the period)
  // rather than the classified ones, which every share is out of.
  const overviewTable = listTable(
    [r.classified, r.noFactors, r.outsideItems],
    ['classified', 'noFactors', 'outsideItems'],
    'n',
  );
  if ([r.noFactors, r.outsideItems].some((v) => v >= 1 && v <= threshold)) overviewTable.hide = [[0, 3]];
  const overview = tables.push(overviewTable) - 1;
  const eraOf = new Map<number, number>();
  if (Y >= 0)
    for (const e of eraTables(r)) {
      if (e.code !== null) eraOf.set(e.code, tables.length);
      tables.push(e.table);
    }
  const layout = { Y, dims, dimTables, shares, overview, eraOf };
  return { section: 'demand', tables, finish: (t) => finishDemand(r, t, layout, threshold) };
}

interface Layout {
  Y: number;
  dims: ReturnType<typeof groupBy>;
  dimTables: number[];
  shares: number;
  overview: number;
  /** Table of each code of missingBeforeIntroduced (by its index) linked to its era. */
  eraOf: Map<number, number>;
}

function finishDemand(
  r: DemandResult,
  t: SuppressedTable[],
  { Y, dims, dimTables, shares, overview, eraOf }: Layout,
  threshold: number,
): PublishedDemand {
  const K = r.categories.length;

  const classified = t[overview]!.cells[0]![0]!;
  const noFactors = t[overview]!.cells[0]![1]!;
  const outsideItems = t[overview]!.cells[0]![2]!;
  const count = (k: number) => t[shares]!.cells[0]![k]!;
  const numeric = (v: Published) => typeof v === 'number';
  // A profile cell is a count in disguise: P(factor | category) x the category's count is the
  // number of its assessments recording the factor, and 1 - P gives those that do not.
  const profileShown = (k: number, p: number): boolean => {
    const n = count(k);
    if (typeof n !== 'number') return false;
    return ![n * p, n * (1 - p)].some((x) => isSmallCount(Math.round(x), threshold));
  };
  const categories = r.categories.map((c, k) => {
    const shown = numeric(count(k)) && numeric(classified);
    return {
      ...c,
      factors: c.factors.map((f) => ({
        ...f,
        probability: profileShown(k, f.probability) ? f.probability : null,
      })),
      count: count(k),
      share: shown ? c.share : null,
      lower: shown ? c.lower : null,
      upper: shown ? c.upper : null,
      modelShare: shown ? c.modelShare : null,
      comparison: shown ? c.comparison : null,
      suppressed: !numeric(count(k)),
    };
  });
  const base = r.years.find((y) => y.year === r.baseYear);
  const baseIndex = base ? r.years.indexOf(base) : -1;
  const years = r.years.map((y, j) => {
    const counts = y.counts.map((v, k) => (Y >= 0 ? entryOf(t[Y]!, k, j) : v));
    return {
      ...y,
      total: Y >= 0 ? t[Y]!.colTotals[j]! : y.total,
      counts,
      index: y.index.map((v, k) =>
        Y >= 0 && baseIndex >= 0 && numeric(counts[k]!) && numeric(entryOf(t[Y]!, k, baseIndex)) ? v : null,
      ),
    };
  });
  const characteristics = r.characteristics.map((ch) => {
    const d = dims.findIndex((x) => x.dimension === ch.dimension);
    const table = t[dimTables[d]!]!;
    const j = dims[d]!.rows.indexOf(ch);
    const n = table.colTotals[j]!;
    return {
      ...ch,
      n,
      categories: ch.categories.map((cell, k) => {
        const c = table.cells[k]![j]!;
        const shown = numeric(c) && numeric(n) && numeric(count(k)) && numeric(classified);
        return {
          count: c,
          share: shown ? cell.share : null,
          ratio: shown ? finite(cell.ratio) : null,
          lower: shown ? finite(cell.lower) : null,
          upper: shown ? finite(cell.upper) : null,
        };
      }),
    };
  });
  const anyHidden = categories.some((c) => c.suppressed);
  const linked: Record<string, Published> = { 'no-factors': noFactors, 'outside-items': outsideItems };
  return {
    ...r,
    n: t[overview]!.rowTotals[0]!,
    classified,
    noFactors,
    outsideItems,
    excluded: r.excluded.map((e) => ({ ...e, rows: linked[e.code] ?? small(e.rows, threshold) })),
    categories,
    years,
    characteristics,
    fit: { ...r.fit, n: r.fit.n === r.classified ? classified : small(r.fit.n, threshold) },
    fits:
      r.fits?.map((f) => ({
        ...f,
        smallestShare: anyHidden && f.classes === K ? null : f.smallestShare,
      })) ?? null,
    codes: {
      ignored: r.codes.ignored.map((c) => ({ ...c, count: small(c.count, threshold) })),
      mapped: r.codes.mapped.map((c) => ({ ...c, count: small(c.count, threshold) })),
      missingBeforeIntroduced: r.codes.missingBeforeIntroduced.map((c, i) => {
        const era = eraOf.get(i);
        return { ...c, rows: era !== undefined ? t[era]!.cells[0]![0]! : small(c.rows, threshold) };
      }),
      unused: [...r.codes.unused],
    },
    profiles: {
      ...r.profiles,
      probabilities: r.profiles.probabilities.map((row, k) =>
        row.map((p) => (profileShown(k, p) ? p : null)),
      ),
    },
    localScheme: null,
    warnings: publishWarnings(r.warnings, threshold),
  };
}

const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** Category x column table: rows keyed as the category totals, the grand total as classified. */
function crossTable(counts: number[][], colKey: (j: number) => string): LinkedTable {
  const r = counts.length;
  const c = r ? counts[0]!.length : 0;
  return {
    counts,
    key: (i, j) =>
      i < r && j === c ? `cat${i}` : i === r && j < c ? colKey(j) : i === r && j === c ? 'classified' : null,
  };
}

/** The characteristics by dimension, in the result's order. */
function groupBy(r: DemandResult) {
  const dims: { dimension: string; rows: DemandResult['characteristics'] }[] = [];
  for (const ch of r.characteristics) {
    let d = dims.find((x) => x.dimension === ch.dimension);
    if (!d) dims.push((d = { dimension: ch.dimension, rows: [] }));
    d.rows.push(ch);
  }
  return dims;
}

/**
 * The eras of code introduction (22A and 23A from April 2016, 24A from April 2021): the rows missing
 * a code before it existed are the classified assessments of the years before it, less those that
 * recorded it anyway. So the years' totals before an era sum to each of its codes' missing rows plus
 * early recordings: one table of the years (keyed as the year table's totals) with the era's sum as
 * total, and one of missing + early per code with the same total. The era's sum and the early
 * recordings are never published, but an attacker can guess them (no code is recorded before it
 * exists), so they are treated as published: a small early count is protected like any other.
 */
function eraTables(r: DemandResult): { table: LinkedTable; code: number | null }[] {
  const out: { table: LinkedTable; code: number | null }[] = [];
  const eras = new Map<string, number[]>();
  r.codes.missingBeforeIntroduced.forEach((e, i) => eras.set(e.from, [...(eras.get(e.from) ?? []), i]));
  for (const [from, codes] of eras) {
    const before = r.years.flatMap((y, j) => (`${Number(y.year.slice(0, 4)) + 1}-04-01` <= from ? [j] : []));
    const sum = before.reduce((a, j) => a + r.years[j]!.total, 0);
    if (codes.some((i) => r.codes.missingBeforeIntroduced[i]!.rows > sum)) continue; // not this relation
    const eraKey = `era:${from}`;
    const table = listTable(
      before.map((j) => r.years[j]!.total),
      before.map((j) => `year${j}`),
      eraKey,
    );
    out.push({ table, code: null });
    for (const i of codes) {
      const rows = r.codes.missingBeforeIntroduced[i]!.rows;
      out.push({ table: listTable([rows, sum - rows], [`missing:${i}`, null], eraKey), code: i });
    }
  }
  return out;
}
