// The pathways view of <pathway-chart> as a Vega-Lite spec (pathway-chart.spec.ts has the contract):
// a 100% bar per row (England's published mix, the council's, then each category), split into the
// highest intervention within the window: no further action, child in need support only, a child
// protection plan, care. A share whose 95% Wilson interval lies above the council's share carries
// ▲ in its segment, one below ▼, and the row's name says which in words: never colour alone.
//
// Segments are placed by hand (x, x2), not by Vega-Lite's stack, so published figures can lose
// shares: segments before the first withheld share pack from the left, those after the last from
// the right, and what is left between them is one segment marked `c`
// (the withheld shares together, which the shares shown give away anyway: they add up to 100%).
// Intervals: under each segment's inner edge a whisker (a rule with end ticks, in the text colour on
// the page background, so it never depends on a fill's contrast) spans the share's 95% Wilson
// interval measured from the segment's outer edge: from 0 for no further action and from 100% for
// care, so those two are the intervals of the bar's boundaries themselves; the middle segments'
// whiskers show their own share's interval, placed from where the segment starts.
import type { VegaLiteSpec } from '../internal/vega-lite-spec.js';
import { VEGA_LITE_SCHEMA } from '../internal/vega-lite-spec.js';
import {
  BAR_PX,
  LIGHT_COLORS,
  LINE_PX,
  finite,
  inkOn,
  lineChars,
  pct,
  plotWidth,
  rowFrame,
  wrap,
  type PathwaysShown,
  type SpecOptions,
} from './pathway-chart.spec-base.js';

/** The outcomes in their order, as the legend and the table name them. */
export const OUTCOME_NAMES = [
  'No further action',
  'Child in need support only',
  'Child protection plan',
  'Care',
] as const;
/** Short names for the words beside a row's name. */
export const OUTCOME_SHORT = ['no further action', 'child in need', 'plan', 'care'] as const;

const MARK = { higher: '▲', lower: '▼' } as const;

interface Row {
  label: string;
  shares: (number | null)[];
  /** Each share's interval (null: none, as for England's published mix or a withheld share). */
  intervals: ([number, number] | null)[];
  vs: ('higher' | 'lower' | null)[];
}

/** The rows the chart draws: England, the council, then each category. */
export function pathwayRows(r: PathwaysShown): Row[] {
  const of = (g: PathwaysShown['overall'], label: string): Row => ({
    label,
    shares: g.shares.map((s) => s.share),
    intervals: g.shares.map((s) => (finite(s.lower) && finite(s.upper) ? [s.lower, s.upper] : null)),
    vs: g.shares.map((s) => s.vsCouncil),
  });
  const e = r.england.shares;
  return [
    {
      label: 'England (national study)',
      shares: [e.nfa, e.cin, e.cpp, e.care],
      intervals: [null, null, null, null],
      vs: [null, null, null, null],
    },
    of(r.overall, r.publication?.areaName ?? 'This council: all assessments'),
    ...r.categories.map((g) => of(g, g.label)),
  ];
}

/** '▲ higher: plan, care; ▼ lower: no further action' for the marked shares of a row ('' when none). */
export function markWords(vs: Row['vs']): string {
  const which = (v: 'higher' | 'lower') =>
    vs
      .map((x, o) => (x === v ? OUTCOME_SHORT[o] : ''))
      .filter(Boolean)
      .join(', ');
  return (['higher', 'lower'] as const)
    .map((v) => (which(v) ? `${MARK[v]} ${v}: ${which(v)}` : ''))
    .filter(Boolean)
    .join('; ');
}

/**
 * The highest intervention by category as 100% bars, England and the council on top.
 * @example pathwaysSpec(result, {width: 640}).layer.map((l) => l.name) // ['names', 'segments', 'withheld', 'intervals', 'labels']
 */
export function pathwaysSpec(
  r: PathwaysShown,
  { width = 640, colors = LIGHT_COLORS }: SpecOptions = {},
): VegaLiteSpec {
  const w = plotWidth(width);
  const rows = pathwayRows(r).map((row, k) => {
    const words = markWords(row.vs);
    return {
      ...row,
      key: String(k).padStart(3, '0'),
      lines: wrap(`${row.label}${words ? ` (${words})` : ''}`, lineChars(w)),
    };
  });
  const segments: Record<string, unknown>[] = [];
  const withheld: Record<string, unknown>[] = [];
  const whiskers: Record<string, unknown>[] = [];
  for (const row of rows) {
    const s = row.shares;
    const whisker = (o: number, from: number, sign: 1 | -1): void => {
      const ci = row.intervals[o];
      if (!ci) return;
      const [a, b] = [from + sign * ci[0], from + sign * ci[1]].sort((x, y) => x - y);
      whiskers.push({ key: row.key, outcome: OUTCOME_NAMES[o], x: a, x2: b });
    };
    let left = 0;
    let o = 0;
    for (; o < 4 && finite(s[o]); o++) {
      segments.push(segment(row.key, o, left, left + s[o]!, row.vs[o]!, w));
      // Care, the last segment, measured from the bar's end.
      if (o < 3) whisker(o, left, 1);
      else whisker(o, left + s[o]!, -1);
      left += s[o]!;
    }
    let right = 1;
    let p = 3;
    for (; p > o && finite(s[p]); p--) {
      segments.push(segment(row.key, p, right - s[p]!, right, row.vs[p]!, w));
      whisker(p, right, -1);
      right -= s[p]!;
    }
    if (o <= p)
      withheld.push({
        key: row.key,
        x: left,
        x2: right,
        mid: (left + right) / 2,
        text: (right - left) * w >= 14 ? 'c' : '',
        ink: colors.text,
      });
  }
  const step = Math.max(...rows.map((x) => x.lines.length)) * LINE_PX + BAR_PX + 24;
  const frame = rowFrame(rows, step, colors.text);
  // The bar near the bottom of its row, under the name's lines; the whiskers in the gap below it.
  const atBar = step / 2 - BAR_PX / 2 - 12;
  const atWhisker = atBar + BAR_PX / 2 + 5;
  const x = {
    type: 'quantitative',
    scale: { domain: [0, 1] as number[], nice: false },
    axis: { format: '.0%', title: 'Share of assessments', tickCount: 5, labelFlush: true, grid: false },
  } as const;
  const fills = OUTCOME_NAMES.map((_, o) => colors.outcomes[o]!);
  return {
    $schema: VEGA_LITE_SCHEMA,
    description: 'Highest intervention within the window by demand category, as shares adding up to 100%.',
    width: w,
    height: frame.height,
    data: { values: rows.map(({ key, lines }) => ({ key, lines })) },
    encoding: { y: { ...frame.encoding.y, sort: 'ascending' } },
    layer: [
      frame.names,
      {
        name: 'segments',
        data: { values: segments },
        mark: { type: 'bar', height: BAR_PX, yOffset: atBar, stroke: colors.background, strokeWidth: 1 },
        encoding: {
          x: { ...x, field: 'x' },
          x2: { field: 'x2' },
          color: {
            field: 'outcome',
            type: 'nominal',
            scale: { domain: [...OUTCOME_NAMES], range: fills },
            legend: {
              title: null,
              orient: 'top',
              direction: w < 480 ? 'vertical' : 'horizontal',
              columns: w < 480 ? 1 : 2,
              symbolType: 'square',
              labelLimit: w,
            },
          },
        },
      },
      {
        name: 'withheld',
        data: { values: withheld },
        mark: { type: 'bar', height: BAR_PX, yOffset: atBar, fill: colors.background, stroke: colors.muted },
        encoding: { x: { ...x, field: 'x' }, x2: { field: 'x2' } },
      },
      {
        name: 'intervals',
        data: { values: whiskers },
        layer: [
          {
            mark: { type: 'rule', yOffset: atWhisker, stroke: colors.text, strokeWidth: 1.5 },
            encoding: { x: { ...x, field: 'x' }, x2: { field: 'x2' } },
          },
          ...(['x', 'x2'] as const).map((end) => ({
            mark: { type: 'tick', yOffset: atWhisker, orient: 'vertical', size: 7, color: colors.text },
            encoding: { x: { ...x, field: end } },
          })),
        ],
      },
      {
        name: 'labels',
        data: { values: [...segments, ...withheld].filter((d) => d['text']) },
        mark: { type: 'text', yOffset: atBar, fontSize: 12, baseline: 'middle' },
        encoding: {
          x: { ...x, field: 'mid' },
          text: { field: 'text' },
          color: { field: 'ink', type: 'nominal', scale: null },
        },
      },
    ],
  } as VegaLiteSpec;

  function segment(
    key: string,
    o: number,
    from: number,
    to: number,
    vs: 'higher' | 'lower' | null,
    px: number,
  ) {
    const fill = colors.outcomes[o]!;
    // A label only where it fits: about 7 px a character at 12 px.
    const label = `${pct(to - from)}${vs ? ` ${MARK[vs]}` : ''}`;
    return {
      key,
      outcome: OUTCOME_NAMES[o],
      x: from,
      x2: to,
      mid: (from + to) / 2,
      text: (to - from) * px >= label.length * 7 + 6 ? label : '',
      ink: inkOn(fill, colors.text),
    };
  }
}
