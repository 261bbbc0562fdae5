// The characteristics view of <demand-category-chart> as a Vega-Lite spec (demand-category-chart.spec.ts
// has the contract): for one dimension (gender, age band or ethnic group), a panel per group of each
// category's ratio to its overall share (log scale, dashed rule at 1) with its interval; a ratio
// whose interval excludes 1 is a filled point, others hollow. Ratios are clamped to 0.1 to 10.
// The panels are a facet: side by side, the names only left of the first, when every panel gets
// 100 px or more; otherwise wrapped, each panel with its own names.
import type { DemandResult } from '../../src/analyses/demand-types.js';
import type { VegaLiteSpec } from '../internal/vega-lite-spec.js';
import { formatCount } from '../internal/format.js';
import {
  CHAR_PX,
  FONT_PX,
  LIGHT_COLORS,
  finite,
  plotWidth,
  vlBase,
  wrap,
  type SpecOptions,
} from './demand-category-chart.spec-base.js';

const ROW_PX = 22;
const FLOOR = 0.1;
const CEIL = 10;

/**
 * Over-representation of each category in the groups of one dimension (ratio to the overall share);
 * null when the dimension has no groups.
 * @example characteristicsSpec(result, {dimension: 'gender'}).facet.sort // ['Male (12,644)', 'Female (11,746)']
 */
export function characteristicsSpec(
  r: DemandResult,
  { width = 640, colors = LIGHT_COLORS, dimension = 'gender' }: SpecOptions = {},
): VegaLiteSpec | null {
  const groups = r.characteristics.filter((c) => c.dimension === dimension);
  if (!groups.length || !r.categories.length) return null;
  const w = plotWidth(width);
  const names = r.categories.map((c) => c.name);
  const labelWidth = Math.min(w < 480 ? 150 : 230, Math.max(...names.map((n) => n.length)) * CHAR_PX * 0.95);
  const sideBySide = (w - labelWidth - 16 * groups.length) / groups.length >= 100;
  const columns = sideBySide ? groups.length : Math.max(1, Math.floor(w / (labelWidth + 150)));
  const panel = sideBySide
    ? Math.floor((w - labelWidth - 16 * groups.length) / groups.length)
    : Math.max(80, Math.floor(w / columns - labelWidth - 24));
  // A long group name takes two lines rather than an ellipsis (titles are bold: ~7.8 px a character),
  // joined by a line break the header splits again (a facet's value is one string).
  const titles = groups.map((g) =>
    wrap(`${g.group} (${formatCount(g.n)})`, Math.max(8, Math.floor((panel + 10) / 7.8))).join('\n'),
  );
  let lo = 0.5;
  let hi = 2;
  const points = groups.flatMap((g, i) =>
    g.categories.flatMap((c, k) => {
      if (!finite(c.ratio)) return [];
      const interval = finite(c.lower) && finite(c.upper);
      const clear = interval && (c.lower > 1 || c.upper < 1);
      const lower = interval ? Math.max(FLOOR, c.lower) : null;
      const upper = interval ? Math.min(CEIL, c.upper) : null;
      if (lower !== null && upper !== null) {
        lo = Math.min(lo, lower);
        hi = Math.max(hi, upper);
      }
      const ratio = Math.min(CEIL, Math.max(FLOOR, c.ratio));
      const fill = clear ? colors.accent : colors.background;
      return [{ group: titles[i]!, category: names[k]!, ratio, lower, upper, fill }];
    }),
  );
  // Rows for the categories some group has a ratio for, in the result's order.
  const rows = names.filter((n) => points.some((p) => p.category === n));
  const domain = [niceLog(lo, false), niceLog(hi, true)];
  const x = {
    type: 'quantitative',
    scale: { type: 'log', domain, nice: false, clamp: true },
    axis: {
      title: null,
      values: logTicks(domain),
      format: '~g',
      grid: true,
      labelFlush: true,
      labelOverlap: 'greedy',
    },
  } as const;
  return {
    ...vlBase(colors),
    data: { values: points },
    columns,
    spacing: { row: 24, column: 16 },
    facet: {
      field: 'group',
      type: 'nominal',
      sort: titles,
      header: {
        title: null,
        labelExpr: "split(datum.value, '\\n')",
        labelAnchor: 'start',
        labelAlign: 'left',
        labelPadding: 10,
        labelFontSize: FONT_PX,
        labelFontWeight: 'bold',
        labelColor: colors.text,
        labelLimit: panel + 10,
      },
    },
    // Side by side, one axis of names left of the first panel; wrapped, every panel has its own.
    resolve: { axis: { x: 'independent', y: sideBySide ? 'shared' : 'independent' } },
    spec: {
      width: panel,
      height: ROW_PX * rows.length,
      encoding: {
        y: {
          field: 'category',
          type: 'nominal',
          scale: { domain: rows, paddingInner: 0, paddingOuter: 0 },
          axis: { title: null, labelLimit: labelWidth + 10 },
        },
      },
      layer: [
        {
          name: 'one',
          // One rule a panel (not one a row of the panel's data).
          transform: [{ aggregate: [{ op: 'count', as: 'rows' }], groupby: ['group'] }],
          mark: { type: 'rule', stroke: colors.muted, strokeDash: [4, 3] },
          encoding: { x: { ...x, datum: 1 }, y: null },
        },
        {
          name: 'ratio-intervals',
          mark: { type: 'rule', stroke: colors.text, strokeWidth: 1.5 },
          encoding: { x: { ...x, field: 'lower' }, x2: { field: 'upper' } },
        },
        {
          name: 'ratios',
          mark: {
            type: 'point',
            shape: 'circle',
            size: 50,
            strokeWidth: 2,
            stroke: colors.accent,
            opacity: 1,
          },
          encoding: {
            x: { ...x, field: 'ratio' },
            fill: { field: 'fill', type: 'nominal', scale: null },
          },
        },
      ],
    },
  } as VegaLiteSpec;
}

function niceLog(v: number, up: boolean): number {
  const steps = [0.1, 0.2, 0.25, 0.5, 1, 2, 4, 5, 10];
  return up ? (steps.find((s) => s >= v) ?? 10) : ([...steps].reverse().find((s) => s <= v) ?? 0.1);
}

function logTicks([lo, hi]: number[]): number[] {
  return [0.1, 0.25, 0.5, 1, 2, 4, 10].filter((t) => t >= lo! - 1e-9 && t <= hi! + 1e-9);
}
