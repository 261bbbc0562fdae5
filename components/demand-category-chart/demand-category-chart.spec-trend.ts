// The trend view of <demand-category-chart> as a Vega spec (demand-category-chart.spec.ts has the
// contract): a small panel per category of its assessments per financial year indexed to the base
// year = 100, every panel on the one scale so growth compares across them, a dashed rule at 100, the
// last index written over its point; a year the data cover only in part is a hollow point. The
// panels are group marks in Vega's grid layout (titles and axes included in each cell's size).
import type { GroupMark, Spec } from 'vega';
import type { DemandResult } from '../../src/analyses/demand-types.js';
import {
  FONT_PX,
  LIGHT_COLORS,
  base,
  finite,
  plotWidth,
  withoutAria,
  wrap,
  type SpecOptions,
} from './demand-category-chart.spec-base.js';

const PANEL_HEIGHT = 110;

/**
 * Growth by financial year, indexed to the base year = 100: a small panel per category; null when
 * there are fewer than two years.
 * @example trendSpec(result, {width: 640}).marks.length // 12
 */
export function trendSpec(
  r: DemandResult,
  { width = 640, colors = LIGHT_COLORS }: SpecOptions = {},
): Spec | null {
  if (r.years.length < 2) return null;
  const w = plotWidth(width);
  const panelMin = 140;
  const columns = Math.max(1, Math.min(4, Math.floor((w + 20) / (panelMin + 20))));
  const panelWidth = Math.floor((w - 20 * (columns - 1)) / columns) - 45;
  const years = r.years.map((y) => y.year);
  let top = 100;
  let bottom = 100;
  for (const y of r.years)
    for (const v of y.index)
      if (finite(v)) {
        top = Math.max(top, v);
        bottom = Math.min(bottom, v);
      }
  const domain = [Math.max(0, Math.floor((bottom - 10) / 25) * 25), Math.ceil((top + 10) / 25) * 25];
  // Titles are bold: about 7.8 px a character at 13 px.
  const maxChars = Math.max(12, Math.floor((panelWidth + 40) / 7.8));
  const panels = r.categories.map((c, k): GroupMark => {
    const points = r.years
      .map((y) => ({
        year: y.year,
        index: y.index[k],
        count: y.counts[k],
        filled: y.partial ? colors.background : colors.accent,
      }))
      .filter((v): v is typeof v & { index: number } => finite(v.index));
    const last = points[points.length - 1];
    const label = last ? [{ year: last.year, index: last.index, text: String(Math.round(last.index)) }] : [];
    const at = { x: { scale: 'x', field: 'year' }, y: { scale: 'y', field: 'index' } };
    return {
      name: `panel-${k}`,
      type: 'group',
      title: {
        text: wrap(c.name, maxChars),
        anchor: 'start',
        fontSize: FONT_PX,
        fontWeight: 'bold',
        color: colors.text,
        limit: panelWidth + 40,
      },
      encode: { update: { width: { value: panelWidth }, height: { value: PANEL_HEIGHT } } },
      data: [
        { name: `points-${k}`, values: points },
        { name: `label-${k}`, values: label },
      ],
      axes: [
        // In a group, grid lines span the other scale's range (without it, the top level's width).
        { scale: 'y', orient: 'left', tickCount: 4, grid: true, gridScale: 'x', labelOverlap: true },
        {
          scale: 'x',
          orient: 'bottom',
          values: [years[0]!, years[years.length - 1]!],
          labelAngle: -90,
          labelAlign: 'right',
          labelBaseline: 'middle',
          labelFontSize: 11,
        },
      ],
      marks: [
        {
          name: 'hundred',
          type: 'rule',
          encode: {
            update: {
              x: { value: panelWidth },
              x2: { value: 0 },
              y: { scale: 'y', value: 100 },
              stroke: { value: colors.muted },
              strokeDash: { value: [4, 3] },
            },
          },
        },
        {
          name: 'growth',
          type: 'line',
          from: { data: `points-${k}` },
          encode: { update: { ...at, stroke: { value: colors.accent }, strokeWidth: { value: 2 } } },
        },
        {
          name: 'years',
          type: 'symbol',
          from: { data: `points-${k}` },
          encode: {
            update: {
              ...at,
              shape: { value: 'circle' },
              size: { value: 36 },
              strokeWidth: { value: 2 },
              stroke: { value: colors.accent },
              fill: { field: 'filled' },
            },
          },
        },
        {
          name: 'last-index',
          type: 'text',
          from: { data: `label-${k}` },
          encode: {
            update: {
              ...at,
              align: { value: 'right' },
              baseline: { value: 'bottom' },
              dy: { value: -6 },
              fontSize: { value: FONT_PX },
              fontWeight: { value: 'bold' },
              fill: { value: colors.text },
              text: { field: 'text' },
            },
          },
        },
      ],
    };
  });
  return withoutAria({
    ...base(colors),
    layout: { padding: 20, columns, bounds: 'full', align: 'each' },
    scales: [
      { name: 'x', type: 'point', domain: years, range: [0, panelWidth], padding: 0.5 },
      { name: 'y', type: 'linear', domain, range: [PANEL_HEIGHT, 0], nice: false, zero: false },
    ],
    marks: panels,
  });
}
