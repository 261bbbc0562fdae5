// The tables of <pathway-chart>: each view's figures as an accessible table (the chart's twin), and
// the CSV a reader downloads (long form: one line per group and figure, numbers unformatted). Pure
// functions of what the element shows; a published count may be `c`, and a share or ratio resting
// on a withheld count is null (shown as c).
import { toCsv } from '../internal/download.js';
import { formatCount, formatNumber } from '../internal/format.js';
import type { TableSpec } from '../internal/table.js';
import type { PathwayView } from './pathway-chart.spec-base.js';
import { OUTCOME_NAMES } from './pathway-chart.spec-pathways.js';
import { pText, percentText } from './pathway-chart.text.js';
import type { PathwaysShown, ShownGroup } from './pathway-chart.types.js';

type Cell = string | number | null;
const interval = (share: number | null, lo: number | null, hi: number | null) =>
  share === null ? 'c' : `${percentText(share)} (${percentText(lo)} to ${percentText(hi)})`;
const ratio = (or: number | null, lo: number | null, hi: number | null, suppressed?: boolean) =>
  suppressed
    ? 'c'
    : or === null
      ? '–'
      : `${formatNumber(or, 2)} (${formatNumber(lo, 2)} to ${formatNumber(hi, 2)})`;
const MARK = { higher: ' ▲ higher', lower: ' ▼ lower' } as const;

/** The tables of a view (the first is the chart's twin). */
export function viewTables(r: PathwaysShown, view: PathwayView): TableSpec<Record<string, Cell>>[] {
  const threshold = r.publication?.threshold;
  const t = (spec: Omit<TableSpec<Record<string, Cell>>, 'threshold'>) => ({
    ...spec,
    ...(threshold ? { threshold } : {}),
  });
  const cols = (names: [string, string, boolean?][]) =>
    names.map(([key, label, numeric]) => ({
      label,
      value: (row: Record<string, Cell>) => row[key] ?? null,
      numeric: numeric ?? true,
    }));
  const level = `${Math.round(r.options.level * 100)}%`;
  switch (view) {
    case 'adjusted': {
      const a = r.adjusted;
      if (!a) return [];
      const care = new Map(a.care.terms.map((x) => [x.term, x]));
      const rows = [
        { group: `${a.reference.label} (reference)`, plan: '1', pp: '', care: '1', cp: '' },
        ...a.plan.terms.map((x) => {
          const c = care.get(x.term);
          return {
            group: x.label,
            plan: ratio(x.or, x.lower, x.upper, x.suppressed),
            pp: x.p === null ? '–' : pText(x.p).replace('= ', ''),
            care: c ? ratio(c.or, c.lower, c.upper, c.suppressed) : '–',
            cp: c?.p === null || c?.p === undefined ? '–' : pText(c.p).replace('= ', ''),
          };
        }),
      ];
      return [
        t({
          caption: `Adjusted odds ratios (${level} Wald interval) of a child protection plan and of care`,
          columns: cols([
            ['group', 'Category or characteristic', false],
            ['plan', 'Plan: odds ratio'],
            ['pp', 'p'],
            ['care', 'Care: odds ratio'],
            ['cp', 'p'],
          ]),
          rows,
          footnotes: [
            `Assessments in the models: ${formatCount(a.plan.n)}; with a plan ${formatCount(a.plan.events)}, with care ${formatCount(a.care.events)}.`,
            ...(rows.length > 1 && a.plan.terms.some((x) => x.suppressed)
              ? [
                  'c: withheld because the category or its reference has 1 to the threshold assessments in the model.',
                ]
              : []),
          ],
        }),
      ];
    }
    case 'gradient': {
      const g = r.gradient;
      if (!g) return [];
      const series = [g.overall, ...g.groups];
      const rows = Array.from({ length: 10 }, (_, d) => {
        const row: Record<string, Cell> = { decile: String(d + 1) };
        series.forEach((s, k) => {
          const x = s.deciles[d]!;
          row[`s${k}`] = interval(x.share, x.lower, x.upper);
          row[`n${k}`] = formatCount(x.n);
        });
        return row;
      });
      const slopes = series.map((s) => ({
        group: s.label,
        n: formatCount(s.n),
        or: ratio(s.slope.or, s.slope.lower, s.slope.upper, s.suppressed),
        p: s.slope.p === null ? '–' : pText(s.slope.p).replace('= ', ''),
      }));
      const i = g.interaction;
      return [
        t({
          caption: `Share with a plan or care by deprivation decile (1 = most deprived), ${level} interval, and assessments`,
          columns: cols([
            ['decile', 'Decile', false],
            ...series.flatMap((s, k): [string, string][] => [
              [`s${k}`, s.label],
              [`n${k}`, `${s.label}: assessments`],
            ]),
          ]),
          rows,
        }),
        t({
          caption: 'Odds ratio of a plan or care per decile more deprived',
          columns: cols([
            ['group', 'Group', false],
            ['n', 'Assessments'],
            ['or', `Odds ratio (${level} interval)`],
            ['p', 'p'],
          ]),
          rows: slopes,
          footnotes: i
            ? [
                `Whether the slope differs by ${g.splitTitle.toLowerCase()}: likelihood-ratio χ² = ${formatNumber(i.chisq, 2)} on ${i.df} df, p ${i.p === null ? '–' : pText(i.p)}.`,
              ]
            : [],
        }),
      ];
    }
    case 'plans': {
      const p = r.plans;
      if (!p || !p.rows.length) return [];
      return [
        t({
          caption: `Child protection plans whose assessment did not record the plan's category (${level} interval)`,
          columns: cols([
            ['label', 'Plan category', false],
            ['plans', 'Plans'],
            ['not', 'Not recorded'],
            ['share', 'Share not recorded'],
          ]),
          rows: p.rows.map((x) => ({
            label: `${x.label} (${x.factors.length > 3 ? 'any abuse factor' : x.factors.join(', ')})`,
            plans: formatCount(x.plans),
            not: formatCount(x.notRecorded),
            share: interval(x.share, x.lower, x.upper),
          })),
          footnotes: [
            `All plans: ${formatCount(p.plans)}, of which ${formatCount(p.uncategorised)} had no category or one outside these.`,
          ],
        }),
      ];
    }
    default: {
      const row = (g: ShownGroup, label: string): Record<string, Cell> => {
        const out: Record<string, Cell> = { group: label, n: formatCount(g.n) };
        g.shares.forEach(
          (s, o) =>
            (out[`o${o}`] = `${interval(s.share, s.lower, s.upper)}${s.vsCouncil ? MARK[s.vsCouncil] : ''}`),
        );
        return out;
      };
      const e = r.england.shares;
      return [
        t({
          caption: `Highest intervention within ${r.options.windowMonths} months, share of assessments (${level} interval)`,
          columns: cols([
            ['group', 'Group', false],
            ['n', 'Assessments'],
            ...OUTCOME_NAMES.map((name, o): [string, string] => [`o${o}`, name]),
          ]),
          rows: [
            {
              group: 'England (national study)',
              n: '–',
              o0: percentText(e.nfa),
              o1: percentText(e.cin),
              o2: percentText(e.cpp),
              o3: percentText(e.care),
            },
            row(r.overall, 'This council: all assessments'),
            ...r.categories.map((g) => row(g, g.label)),
          ],
          footnotes: ['▲ higher, ▼ lower: the interval lies above or below the council\u2019s share.'],
        }),
      ];
    }
  }
}

/** The view's figures as CSV, one line per group and figure, numbers unformatted. */
export function viewCsv(r: PathwaysShown, view: PathwayView): string {
  const lines: Cell[][] = [];
  switch (view) {
    case 'adjusted':
      lines.push(['model', 'term', 'label', 'odds_ratio', 'lower', 'upper', 'p', 'coef', 'se']);
      for (const m of r.adjusted ? [r.adjusted.plan, r.adjusted.care] : [])
        for (const x of m.terms)
          lines.push([
            m.outcome,
            x.term,
            x.label,
            x.suppressed ? 'c' : x.or,
            x.lower,
            x.upper,
            x.p,
            x.coef,
            x.se,
          ]);
      break;
    case 'gradient':
      lines.push([
        'group',
        'decile',
        'assessments',
        'plan_or_care',
        'share',
        'lower',
        'upper',
        'slope_or',
        'slope_lower',
        'slope_upper',
      ]);
      for (const s of r.gradient ? [r.gradient.overall, ...r.gradient.groups] : [])
        for (const d of s.deciles)
          lines.push([
            s.label,
            d.decile,
            d.n,
            d.events,
            d.share,
            d.lower,
            d.upper,
            s.slope.or,
            s.slope.lower,
            s.slope.upper,
          ]);
      break;
    case 'plans':
      lines.push(['category', 'label', 'plans', 'not_recorded', 'share', 'lower', 'upper']);
      for (const x of r.plans?.rows ?? [])
        lines.push([x.category, x.label, x.plans, x.notRecorded, x.share, x.lower, x.upper]);
      break;
    default:
      lines.push(['group', 'assessments', 'outcome', 'count', 'share', 'lower', 'upper', 'vs_council']);
      for (const [o, v] of Object.entries(r.england.shares))
        lines.push(['England (national study)', null, o, null, v, null, null, null]);
      for (const g of [r.overall, ...r.categories])
        for (const s of g.shares)
          lines.push([g.label, g.n, s.outcome, s.count, s.share, s.lower, s.upper, s.vsCouncil]);
  }
  return toCsv(lines);
}
