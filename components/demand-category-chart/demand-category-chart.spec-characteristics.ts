// The characteristics view of <demand-category-chart> as a Vega spec (demand-category-chart.spec.ts
// has the contract): for one dimension (gender, age band or ethnic group), a panel per group of each
// category's ratio to its overall share (log scale, dashed rule at 1) with its interval; a ratio
// whose interval excludes 1 is a filled point, others hollow. Ratios are clamped to 0.1 to 10.
// The panels are group marks in Vega's grid layout: side by side, the names only left of the first,
// when every panel gets 100 px or more; otherwise wrapped, each panel with its own names.
import type { Axis, GroupMark, Spec } from 'vega';
import type { DemandResult } from '../../src/analyses/demand-types.js';
import {
  CHAR_PX,
  FONT_PX,
  LIGHT_COLORS,
  base,
  finite,
  plotWidth,
  withoutAria,
  wrap,
  type SpecOptions,
} from './demand-category-chart.spec-base.js';

const ROW_PX = 22;
const FLOOR = 0.1;
const CEIL = 10;

/**
 * Over-representation of each category in the groups of one dimension (ratio to the overall share);
 * null when the dimension has no groups.
 * @example characteristicsSpec(result, {dimension: 'gender'}).marks.map((m) => m.title.text) // [['Male (12,644)'], ['Female (11,746)']]
 */
export function characteristicsSpec(
  r: DemandResult,
  { width = 640, colors = LIGHT_COLORS, dimension = 'gender' }: SpecOptions = {},
): Spec | null {
  const groups = r.characteristics.filter((c) => c.dimension === dimension);
  if (!groups.length || !r.categories.length) return null;
  const w = plotWidth(width);
  const names = r.categories.map((c) => c.name);
  let lo = 0.5;
  let hi = 2;
  const panels = groups.map((g) => {
    const points: { category: string; ratio: number; fill: string }[] = [];
    const intervals: { category: string; lower: number; upper: number }[] = [];
    g.categories.forEach((c, k) => {
      if (!finite(c.ratio)) return;
      const category = names[k]!;
      const clear = finite(c.lower) && finite(c.upper) && (c.lower > 1 || c.upper < 1);
      points.push({
        category,
        ratio: Math.min(CEIL, Math.max(FLOOR, c.ratio)),
        fill: clear ? colors.accent : colors.background,
      });
      if (!finite(c.lower) || !finite(c.upper)) return;
      const lower = Math.max(FLOOR, c.lower);
      const upper = Math.min(CEIL, c.upper);
      lo = Math.min(lo, lower);
      hi = Math.max(hi, upper);
      intervals.push({ category, lower, upper });
    });
    return { label: `${g.group} (${g.n.toLocaleString('en-GB')})`, points, intervals };
  });
  // Rows for the categories some group has a ratio for, in the result's order.
  const rows = names.filter((n) => panels.some((p) => p.points.some((x) => x.category === n)));
  const domain = [niceLog(lo, false), niceLog(hi, true)];
  const labelWidth = Math.min(w < 480 ? 150 : 230, Math.max(...names.map((n) => n.length)) * CHAR_PX * 0.95);
  const sideBySide = (w - labelWidth - 16 * groups.length) / groups.length >= 100;
  const columns = sideBySide ? groups.length : Math.max(1, Math.floor(w / (labelWidth + 150)));
  const panel = sideBySide
    ? Math.floor((w - labelWidth - 16 * groups.length) / groups.length)
    : Math.max(80, Math.floor(w / columns - labelWidth - 24));
  const height = ROW_PX * rows.length;
  const namesAxis: Axis = { scale: 'y', orient: 'left', labelLimit: labelWidth + 10 };
  const marks = panels.map((p, i): GroupMark => ({
    name: `panel-${i}`,
    type: 'group',
    title: {
      // A long group name takes two lines rather than an ellipsis (titles are bold: ~7.8 px a character).
      text: wrap(p.label, Math.max(8, Math.floor((panel + 10) / 7.8))),
      anchor: 'start',
      frame: 'group',
      offset: 10,
      fontSize: FONT_PX,
      fontWeight: 'bold',
      color: colors.text,
      limit: panel + 10,
    },
    encode: { update: { width: { value: panel }, height: { value: height } } },
    data: [
      { name: `points-${i}`, values: p.points },
      { name: `intervals-${i}`, values: p.intervals },
    ],
    axes: [
      {
        scale: 'x',
        orient: 'bottom',
        values: logTicks(domain),
        format: '~g',
        grid: true,
        gridScale: 'y', // in a group, grid lines span the other scale's range
        labelFlush: true,
        labelOverlap: 'greedy',
      },
      ...(i === 0 || !sideBySide ? [namesAxis] : []),
    ],
    marks: [
      {
        name: 'one',
        type: 'rule',
        encode: {
          update: {
            x: { scale: 'x', value: 1 },
            y: { value: 0 },
            y2: { value: height },
            stroke: { value: colors.muted },
            strokeDash: { value: [4, 3] },
          },
        },
      },
      {
        name: 'ratio-intervals',
        type: 'rule',
        from: { data: `intervals-${i}` },
        encode: {
          update: {
            x: { scale: 'x', field: 'lower' },
            x2: { scale: 'x', field: 'upper' },
            y: { scale: 'y', field: 'category', band: 0.5 },
            stroke: { value: colors.text },
            strokeWidth: { value: 1.5 },
          },
        },
      },
      {
        name: 'ratios',
        type: 'symbol',
        from: { data: `points-${i}` },
        encode: {
          update: {
            x: { scale: 'x', field: 'ratio' },
            y: { scale: 'y', field: 'category', band: 0.5 },
            shape: { value: 'circle' },
            size: { value: 50 },
            strokeWidth: { value: 2 },
            stroke: { value: colors.accent },
            fill: { field: 'fill' },
          },
        },
      },
    ],
  }));
  return withoutAria({
    ...base(colors),
    layout: {
      padding: { row: 24, column: 16 },
      columns,
      bounds: 'full',
      // Side by side, the first cell is wider (it has the names); wrapped, every cell is the same.
      align: sideBySide ? 'each' : 'all',
    },
    scales: [
      { name: 'x', type: 'log', domain, range: [0, panel], nice: false, clamp: true },
      { name: 'y', type: 'band', domain: rows, range: [0, height], paddingInner: 0, paddingOuter: 0 },
    ],
    marks,
  });
}

function niceLog(v: number, up: boolean): number {
  const steps = [0.1, 0.2, 0.25, 0.5, 1, 2, 4, 5, 10];
  return up ? (steps.find((s) => s >= v) ?? 10) : ([...steps].reverse().find((s) => s <= v) ?? 0.1);
}

function logTicks([lo, hi]: number[]): number[] {
  return [0.1, 0.25, 0.5, 1, 2, 4, 10].filter((t) => t >= lo! - 1e-9 && t <= hi! + 1e-9);
}
