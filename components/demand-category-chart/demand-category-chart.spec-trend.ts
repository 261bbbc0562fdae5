// The trend view of <demand-category-chart> as a Vega-Lite spec (demand-category-chart.spec.ts has the
// contract): a small panel per category of its assessments per financial year indexed to the base
// year = 100, every panel on the one scale so growth compares across them, a dashed rule at 100, the
// last index written over its point; a year the data cover only in part is a hollow point. The panels
// are a wrapped facet, each with its own axes; a long category name takes two lines.
import type { DemandResult } from '../../src/analyses/demand-types.js';
import type { VegaLiteSpec } from '../internal/vega-lite-spec.js';
import {
  FONT_PX,
  LIGHT_COLORS,
  finite,
  plotWidth,
  vlBase,
  wrap,
  type SpecOptions,
} from './demand-category-chart.spec-base.js';

const PANEL_HEIGHT = 110;

/**
 * Growth by financial year, indexed to the base year = 100: a small panel per category; null when
 * there are fewer than two years.
 * @example trendSpec(result, {width: 640}).columns // 4
 */
export function trendSpec(
  r: DemandResult,
  { width = 640, colors = LIGHT_COLORS }: SpecOptions = {},
): VegaLiteSpec | null {
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
  // Titles are bold: about 7.8 px a character at 13 px. A panel's title is its name's lines, joined
  // by a line break the header splits again (a facet's value is one string).
  const maxChars = Math.max(12, Math.floor((panelWidth + 40) / 7.8));
  const titles = r.categories.map((c) => wrap(c.name, maxChars).join('\n'));
  const rows = r.categories.flatMap((_, k) => {
    const points = r.years
      .map((y) => ({
        category: titles[k]!,
        year: y.year,
        index: y.index[k],
        filled: y.partial ? colors.background : colors.accent,
        last: '',
      }))
      .filter((v) => finite(v.index));
    const last = points[points.length - 1];
    if (last) last.last = String(Math.round(last.index!));
    return points;
  });
  const at = {
    x: {
      field: 'year',
      type: 'ordinal',
      scale: { type: 'point', domain: years, padding: 0.5 },
      axis: {
        title: null,
        values: [years[0]!, years[years.length - 1]!],
        labelAngle: -90,
        labelAlign: 'right',
        labelBaseline: 'middle',
        labelFontSize: 11,
      },
    },
    y: {
      field: 'index',
      type: 'quantitative',
      scale: { domain, nice: false, zero: false },
      axis: { title: null, tickCount: 4, grid: true, labelOverlap: true },
    },
  } as const;
  return {
    ...vlBase(colors),
    data: { values: rows },
    columns,
    spacing: 20,
    facet: {
      field: 'category',
      type: 'nominal',
      sort: titles,
      header: {
        title: null,
        labelExpr: "split(datum.value, '\\n')",
        labelAnchor: 'start',
        labelAlign: 'left',
        labelFontSize: FONT_PX,
        labelFontWeight: 'bold',
        labelColor: colors.text,
        labelLimit: panelWidth + 40,
      },
    },
    resolve: { axis: { x: 'independent', y: 'independent' } },
    spec: {
      width: panelWidth,
      height: PANEL_HEIGHT,
      layer: [
        {
          name: 'hundred',
          // One rule a panel (not one a row of the panel's data).
          transform: [{ aggregate: [{ op: 'count', as: 'rows' }], groupby: ['category'] }],
          mark: { type: 'rule', stroke: colors.muted, strokeDash: [4, 3] },
          encoding: { y: { ...at.y, field: undefined, datum: 100 } },
        },
        { name: 'growth', mark: { type: 'line', stroke: colors.accent, strokeWidth: 2 }, encoding: at },
        {
          name: 'years',
          mark: {
            type: 'point',
            shape: 'circle',
            size: 36,
            strokeWidth: 2,
            stroke: colors.accent,
            opacity: 1,
          },
          encoding: { ...at, fill: { field: 'filled', type: 'nominal', scale: null } },
        },
        {
          name: 'last-index',
          transform: [{ filter: "datum.last !== ''" }],
          mark: {
            type: 'text',
            align: 'right',
            baseline: 'bottom',
            dy: -6,
            fontSize: FONT_PX,
            fontWeight: 'bold',
            fill: colors.text,
          },
          encoding: { ...at, text: { field: 'last' } },
        },
      ],
    },
  } as VegaLiteSpec;
}
