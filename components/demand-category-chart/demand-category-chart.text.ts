// The words and tables of <demand-category-chart>: the one-sentence summary and the caption of each
// view, the tables of the same figures the charts show, their CSV, and the account of what was
// counted. Pure functions of the demand result (no DOM): the element renders them as text. A
// published summary's section renders through the same functions: its counts may be `c`, and a
// share, index or ratio computed from a suppressed count is null (shown as c).
import type { DemandResult } from '../../src/analyses/demand-types.js';
import type { PublishedDemand, PublishedDemandCategory } from '../../src/publish/summary-types.js';
import type { TableColumn, TableSpec } from '../internal/table.js';
import { countOf, formatCount, formatNumber, formatPercent } from '../internal/format.js';
import { toCsv } from '../internal/download.js';
import { publicationText, type WithPublication } from '../internal/published.js';
import type { DemandView, Dimension } from './demand-category-chart.spec.js';

type Category = Omit<PublishedDemandCategory, 'suppressed'> & { suppressed?: boolean };

/** What the element renders: a demand result from the worker, or a published summary's section. */
export type DemandShown = WithPublication<
  Omit<PublishedDemand, 'categories' | 'localScheme'> & {
    categories: Category[];
    localScheme: DemandResult['localScheme'];
  }
>;

/** Notes for published figures: where they came from (the `c` footnote is the table's own). */
const publishedNotes = (r: DemandShown): string[] => (r.publication ? [publicationText(r.publication)] : []);

/** Whether a year's index is withheld (its count or the base year's is suppressed). */
function indexWithheld(r: DemandShown, y: DemandShown['years'][number], k: number): boolean {
  const base = r.years.find((x) => x.year === r.baseYear);
  return y.index[k] === null && (y.counts[k] === 'c' || base?.counts[k] === 'c');
}

export const VIEWS: { view: DemandView; label: string }[] = [
  { view: 'share', label: 'Shares' },
  { view: 'trend', label: 'Trend' },
  { view: 'profile', label: 'Profiles' },
  { view: 'characteristics', label: 'Who is in each' },
];

export const DIMENSIONS: { dimension: Dimension; label: string }[] = [
  { dimension: 'gender', label: 'Gender' },
  { dimension: 'age', label: 'Age' },
  { dimension: 'ethnicity', label: 'Ethnic group' },
];

/** '21%' for shares of 10% or more, '6.7%' below. */
export function roundPercent(v: number): string {
  return v >= 0.095 ? `${Math.round(v * 100)}%` : formatPercent(v, 1);
}

const ratioText = (v: number | null) => (v !== null && Number.isFinite(v) ? formatNumber(v, 2) : '–');
const intervalLabel = (r: DemandShown) => `${Math.round(r.level * 100)}% interval`;

function largest(r: DemandShown): Category | null {
  // A published share may be withheld (null): the largest is among the shares shown.
  return r.categories.reduce<Category | null>(
    (m, c) => (c.share !== null && (!m || c.share > m.share!) ? c : m),
    null,
  );
}

function benchmarkName(r: DemandShown): string {
  return (r.benchmark?.name ?? 'England').replace(/ \(.*\)$/, '');
}

function groupPhrase(dimension: Dimension, group: string): string {
  if (dimension === 'gender')
    return group === 'Male' ? 'boys' : group === 'Female' ? 'girls' : `children recorded as ${group}`;
  if (dimension === 'age')
    return group === 'Unborn'
      ? 'unborn children'
      : `children aged ${group === 'Under 1' ? 'under 1' : group}`;
  return group === 'Other' ? 'children of other ethnic groups' : `${group} children`;
}

const DIMENSION_WORDS: Record<Dimension, string> = {
  gender: 'gender',
  age: 'age',
  ethnicity: 'ethnic group',
};

/** The sentence a reader gets first, for each view. */
export function summaryText(r: DemandShown, view: DemandView, dimension: Dimension = 'gender'): string {
  const top = largest(r);
  if (!top) return 'No assessment could be given a category.';
  const topShare = top.share!; // largest() picks among the shares shown
  const K = r.categories.length;
  if (view === 'share') {
    const what =
      r.model === 'local'
        ? `the largest of the ${K} groups found in these assessments`
        : 'the largest category';
    // Whole percentages unless they would read alike while the comparison says they differ.
    const alike = top.benchmark !== null && roundPercent(topShare) === roundPercent(top.benchmark);
    const shown = (v: number) =>
      alike && top.comparison !== 'similar' ? formatPercent(v, 1) : roundPercent(v);
    let sentence = `${top.name} was ${what}, ${shown(topShare)} of assessments`;
    if (top.benchmark !== null && top.comparison) {
      const b = `${benchmarkName(r)}\u2019s ${shown(top.benchmark)}`;
      sentence +=
        top.comparison === 'similar'
          ? `, close to ${b}`
          : `, ${top.comparison === 'higher' ? 'above' : 'below'} ${b}`;
      const differ = r.categories.filter((c) => c.comparison === 'higher' || c.comparison === 'lower').length;
      if (differ)
        sentence += `; ${differ} of the ${K} ${r.model === 'local' ? 'groups' : 'categories'} ${differ === 1 ? 'differs' : 'differ'} significantly from ${benchmarkName(r)}`;
    }
    return `${sentence}.`;
  }
  if (view === 'trend') {
    const years = r.years;
    if (years.length < 2) return 'The assessments cover one financial year, so there is no trend to show.';
    const last = [...years].reverse().find((y) => !y.partial) ?? years[years.length - 1]!;
    const base = years.find((y) => y.year === r.baseYear)!;
    if (last === base)
      return `The data cover one full financial year (${base.year}), so there is no growth to show yet.`;
    let best = -1;
    last.index.forEach((v, k) => {
      if (v !== null && (best < 0 || v > last.index[best]!)) best = k;
    });
    const [baseTotal, lastTotal] = [countOf(base.total), countOf(last.total)];
    const overall =
      baseTotal !== null && lastTotal !== null && baseTotal > 0
        ? Math.round((100 * lastTotal) / baseTotal)
        : null;
    if (best < 0) return `Assessments with factors in ${last.year}: ${formatCount(last.total)}.`;
    return `${r.categories[best]!.name} grew most, to ${Math.round(last.index[best]!)} in ${last.year} against 100 in ${base.year}${overall !== null ? ` (all assessments with factors: ${overall})` : ''}.`;
  }
  if (view === 'profile') {
    const k = r.categories.indexOf(top);
    const row = r.profiles.probabilities[k];
    if (!row) return 'There are no profiles to show.';
    // A published profile withholds cells that rest on a few assessments (null): they are left out.
    const order = row.flatMap((p, j) => (typeof p === 'number' ? [{ p, j }] : [])).sort((a, b) => b.p - a.p);
    const first = order[0];
    if (!first) return `The profile of ${top.name} is withheld: it rests on too few assessments to publish.`;
    const item = r.profiles.items[first.j]!;
    return `Each category is known by the factors its assessments record most: in the largest, ${top.name}, ${roundPercent(first.p)} record ${item.short.toLowerCase()}.`;
  }
  const groups = r.characteristics.filter(
    (c) => c.dimension === dimension && c.group !== 'Not known' && (countOf(c.n) ?? 0) >= 20,
  );
  // The strongest over-representation (interval above 1); failing that, the strongest under-.
  let pick: { group: string; k: number; ratio: number; lower: number; upper: number } | null = null;
  for (const above of [true, false]) {
    for (const g of groups)
      g.categories.forEach((c, k) => {
        if (c.ratio === null || c.lower === null || c.upper === null) return; // withheld (published)
        if (!(above ? c.lower > 1 : c.upper < 1) || !Number.isFinite(c.ratio) || c.ratio <= 0) return;
        if (!pick || (above ? c.ratio > pick.ratio : c.ratio < pick.ratio))
          pick = { group: g.group, k, ratio: c.ratio, lower: c.lower, upper: c.upper };
      });
    if (pick) break;
  }
  const words = DIMENSION_WORDS[dimension];
  if (!pick)
    return `By ${words}, no category is significantly more or less common in any group than overall.`;
  const p = pick as { group: string; k: number; ratio: number; lower: number; upper: number };
  return `By ${words}, the largest difference: assessments of ${groupPhrase(dimension, p.group)} were ${ratioText(p.ratio)} times as likely as all assessments to be in ${r.categories[p.k]!.name} (${intervalLabel(r)} ${ratioText(p.lower)} to ${ratioText(p.upper)}).`;
}

function scope(r: DemandShown): string {
  return `${formatCount(r.classified)} assessments with factors${r.period ? ` in ${r.period.label}` : ''}`;
}

/** What the figures are, for each view. */
export function captionText(r: DemandShown, view: DemandView, dimension: Dimension = 'gender'): string {
  const level = `${Math.round(r.level * 100)}%`;
  if (view === 'share') {
    const model =
      r.model === 'local'
        ? `the ${r.categories.length} groups a latent class analysis found in these data`
        : r.scheme && r.options.scheme && !r.options.scheme.startsWith('kingston')
          ? `the categories of the scheme ${r.options.scheme}`
          : 'the 12 national categories of demand';
    const bench = r.benchmark
      ? r.model === 'local'
        ? ` The black tick is England\u2019s share of the nearest national category, where no other group is nearest to it; a share is higher or lower when England\u2019s lies outside its interval.`
        : ` The black tick is ${r.benchmark.name}\u2019s share${r.benchmark.name === 'England' ? ' (the published percentages, which sum to 97%, rescaled to 100%)' : ''}; a share is higher or lower when ${benchmarkName(r)}\u2019s lies outside its interval.`
      : '';
    return `Share of the ${scope(r)} in each of ${model}, with ${level} intervals (the line through each bar\u2019s end).${bench} ${formatCount(r.noFactors)} assessments with no factors recorded are counted apart.`;
  }
  if (view === 'trend')
    return `Assessments with factors in each category per financial year (April to March), indexed to ${r.baseYear ?? 'the first year'} = 100 on a shared scale; hollow points are years the data cover only in part. The counts are in the table.`;
  if (view === 'profile')
    return `How often each factor is recorded in each category\u2019s assessments, estimated on these data: darker is more often, and the numbers are percentages. Factors under 5% in every category are in the table only.`;
  return `How much more (above 1) or less (below 1) common each category is among the assessments of each ${DIMENSION_WORDS[dimension]} than among all ${scope(r)} (the ratio of the shares, on a log scale), with ${level} intervals; filled points differ significantly from 1.`;
}

/** Shares by category with their intervals and the benchmark. */
export function shareTable(r: DemandShown): TableSpec<Category> {
  const bench = benchmarkName(r);
  const columns: TableColumn<Category>[] = [
    { label: 'Category', value: (c) => c.name },
    { label: 'Assessments', value: (c) => c.count, format: (v) => formatCount(v as number), numeric: true },
    {
      label: 'Share',
      value: (c) => c.share,
      format: (v, c) => (c.suppressed ? 'c' : formatPercent(v as number)),
      numeric: true,
    },
    {
      label: intervalLabel(r),
      value: (c) => (c.suppressed ? 'c' : `${formatPercent(c.lower)} to ${formatPercent(c.upper)}`),
      numeric: true,
    },
  ];
  if (r.benchmark) {
    columns.push(
      {
        label: bench,
        value: (c) => c.benchmark,
        format: (v) => formatPercent(v as number | null),
        numeric: true,
      },
      {
        label: `Compared with ${bench}`,
        value: (c) =>
          c.comparison
            ? c.comparison === 'similar'
              ? 'Similar'
              : c.comparison === 'higher'
                ? 'Higher'
                : 'Lower'
            : null,
      },
    );
    if (r.categories.some((c) => c.benchmarkPublished !== null))
      columns.push({
        label: `${bench} as published`,
        value: (c) => c.benchmarkPublished,
        format: (v) => formatPercent(v as number | null, 0),
        numeric: true,
      });
  }
  if (r.model === 'local')
    columns.push({
      label: 'Nearest national category',
      value: (c) => c.nearestNational?.name ?? 'None close',
    });
  const footnotes = [
    `${formatCount(r.noFactors)} assessments with no factors recorded (or only 21, no factors identified) are not in the shares.`,
  ];
  if (r.scheme?.note) footnotes.push(r.scheme.note);
  footnotes.push(...publishedNotes(r));
  return {
    caption: `Share of assessments by category${r.period ? `, ${r.period.label}` : ''}`,
    columns,
    rows: r.categories,
    footnotes,
    threshold: r.publication?.threshold,
  };
}

/** Counts (or the index) per financial year: a row per category, a column per year. */
export function trendTable(r: DemandShown, what: 'counts' | 'index'): TableSpec<number> {
  return {
    caption:
      what === 'counts'
        ? 'Assessments with factors per financial year'
        : `Growth, indexed to ${r.baseYear ?? 'the first year'} = 100`,
    columns: [
      { label: 'Category', value: (k) => r.categories[k]!.name },
      ...r.years.map((y) => ({
        label: y.partial ? `${y.year} (part)` : y.year,
        value: (k: number) => (what === 'counts' ? y.counts[k]! : y.index[k]!),
        format: (v: string | number | null, k: number) =>
          what === 'counts'
            ? formatCount(v)
            : v === null
              ? indexWithheld(r, y, k)
                ? 'c'
                : '–'
              : formatNumber(v as number, 0),
        numeric: true,
      })),
    ],
    rows: r.categories.map((_, k) => k),
    footnotes: what === 'counts' ? publishedNotes(r) : [],
    threshold: r.publication?.threshold,
  };
}

/** The trend in long form for CSV: category, year, partial, assessments, index. */
export function trendCsv(r: DemandShown): string {
  const rows: unknown[][] = [
    ['Category', 'Financial year', 'Part year', 'Assessments', `Index (${r.baseYear} = 100)`],
  ];
  r.categories.forEach((c, k) =>
    r.years.forEach((y) =>
      rows.push([
        c.name,
        y.year,
        y.partial ? 'yes' : 'no',
        y.counts[k],
        y.index[k] === null ? (indexWithheld(r, y, k) ? 'c' : null) : Number(y.index[k]!.toFixed(2)),
      ]),
    ),
  );
  return toCsv(rows);
}

/** P(factor | category): a row per factor, a column per category. */
export function profileTable(r: DemandShown): TableSpec<number> {
  const { items, probabilities } = r.profiles;
  return {
    caption: 'Share of each category\u2019s assessments recording each factor',
    columns: [
      { label: 'Factor', value: (j) => `${items[j]!.code}: ${items[j]!.meaning}` },
      ...r.categories.map((c, k) => ({
        label: c.name,
        // A published profile withholds (null) a cell resting on a few assessments: shown as c.
        value: (j: number) => probabilities[k]![j] ?? 'c',
        format: (v: string | number | null) => (typeof v === 'number' ? formatPercent(v, 0) : String(v)),
        numeric: true,
      })),
    ],
    rows: items.map((_, j) => j),
    footnotes: r.profiles.scheme
      ? ['Estimated on these data (the scheme\u2019s own profiles define the categories).']
      : ['Estimated on these data.'],
  };
}

/** Ratios by group for one dimension: a row per category, a column per group. */
export function characteristicsTable(r: DemandShown, dimension: Dimension): TableSpec<number> {
  const groups = r.characteristics.filter((c) => c.dimension === dimension);
  return {
    caption: `Ratio of each category\u2019s share in each ${DIMENSION_WORDS[dimension]} to its overall share (${intervalLabel(r)})`,
    columns: [
      { label: 'Category', value: (k) => r.categories[k]!.name },
      ...groups.map((g) => ({
        label: `${g.group} (${formatCount(g.n)})`,
        value: (k: number) => g.categories[k]!.ratio,
        format: (v: string | number | null, k: number) => {
          const c = g.categories[k]!;
          // Published figures withhold a ratio whose counts are suppressed (it is never null otherwise).
          if (c.ratio === null) return 'c';
          return `${ratioText(v as number)} (${ratioText(c.lower)} to ${ratioText(c.upper)})`;
        },
        numeric: true,
      })),
    ],
    rows: r.categories.map((_, k) => k),
    footnotes: publishedNotes(r),
    threshold: r.publication?.threshold,
  };
}

/** Characteristics in long form for CSV. */
export function characteristicsCsv(r: DemandShown): string {
  const rows: unknown[][] = [
    [
      'Dimension',
      'Group',
      'Group assessments',
      'Category',
      'Assessments',
      'Share of group',
      'Ratio',
      'Lower',
      'Upper',
    ],
  ];
  for (const g of r.characteristics)
    g.categories.forEach((c, k) =>
      rows.push([
        g.dimension,
        g.group,
        g.n,
        r.categories[k]!.name,
        c.count,
        c.share,
        c.ratio,
        c.lower,
        c.upper,
      ]),
    );
  return toCsv(rows);
}

/** Local model: the fit indices for each number of classes. */
export function fitTable(r: DemandShown): TableSpec<NonNullable<DemandShown['fits']>[number]> | null {
  if (!r.fits) return null;
  return {
    caption: `Fit for each number of groups (BIC chose ${r.chosen})`,
    columns: [
      {
        label: 'Groups',
        value: (f) => (f.classes === r.chosen ? `${f.classes} (chosen)` : String(f.classes)),
      },
      {
        label: 'Log-likelihood',
        value: (f) => f.logLik,
        format: (v) => formatNumber(v as number, 1),
        numeric: true,
      },
      {
        label: 'Parameters',
        value: (f) => f.nParams,
        format: (v) => formatCount(v as number),
        numeric: true,
      },
      { label: 'BIC', value: (f) => f.bic, format: (v) => formatNumber(v as number, 1), numeric: true },
      {
        label: 'Entropy R\u00b2',
        value: (f) => f.entropy,
        format: (v) => (v === null ? '–' : formatNumber(v as number, 3)),
        numeric: true,
      },
      {
        label: 'Smallest group',
        value: (f) => f.smallestShare,
        format: (v) => (v === null ? 'c' : formatPercent(v as number)),
        numeric: true,
      },
    ],
    rows: r.fits,
    footnotes: [
      'The lower the BIC (Bayesian information criterion), the better the balance of fit and simplicity.',
    ],
  };
}

/** What was counted and what was left out. */
export function accountTable(r: DemandShown): TableSpec<[string, string]> {
  const rows: [string, string][] = [];
  if (r.input) {
    rows.push(['Rows read from ' + r.input.file, formatCount(r.input.rowsRead)]);
    for (const e of r.input.excluded) rows.push([`Row not usable: ${e.reason}`, formatCount(e.rows)]);
  }
  rows.push([`Assessments${r.period ? ` in ${r.period.label}` : ''}`, formatCount(r.n)]);
  for (const e of r.excluded) rows.push([e.reason, formatCount(e.rows)]);
  rows.push(['Assessments given a category', formatCount(r.classified)]);
  return {
    caption: 'How the assessments were counted',
    columns: [
      { label: 'Step', value: (x) => x[0] },
      { label: 'Rows', value: (x) => x[1], numeric: true },
    ],
    rows,
  };
}

/** Notes on the factor codes: old codes read as new ones, codes left out. */
export function codeNotes(r: DemandShown): string[] {
  const notes: string[] = [];
  for (const m of r.codes.mapped)
    notes.push(`Code ${m.from} (${formatCount(m.count)} assessments) was read as ${m.to}, its successor.`);
  if (r.codes.ignored.length)
    notes.push(
      `Codes the model does not use were left out: ${r.codes.ignored.map((c) => `${c.code} (${formatCount(c.count)})`).join(', ')}.`,
    );
  for (const m of r.codes.missingBeforeIntroduced)
    notes.push(
      `Code ${m.code} did not exist before ${m.from}: for ${formatCount(m.rows)} earlier assessments it was treated as not asked rather than absent.`,
    );
  return notes;
}
