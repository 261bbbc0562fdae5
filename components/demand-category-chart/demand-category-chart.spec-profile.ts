// The profile view of <demand-category-chart> as a Vega spec (demand-category-chart.spec.ts has the
// contract): a heatmap of P(factor | category), rows the factors (short names, in the dictionary's
// order), columns the categories; every cell of 10% or more carries its percentage, in black or white
// ink (whichever contrasts more with the cell, chosen here, not by an expression).
import type { Mark, Spec } from 'vega';
import type { DemandResult } from '../../src/analyses/demand-types.js';
import {
  CHAR_PX,
  LIGHT_COLORS,
  LOW_CELL,
  base,
  finite,
  inkOn,
  mix,
  plotWidth,
  withoutAria,
  type SpecOptions,
} from './demand-category-chart.spec-base.js';

const ROW_PX = 20;

/**
 * P(factor | category) as a heatmap; factors every category records in under 5% of its
 * assessments are left out of the picture (they are in the table). Null without profiles.
 * @example profileSpec(result, {width: 640}).data[0].values[0] // {factor: 'Alcohol (child)', category: ...}
 */
export function profileSpec(
  r: DemandResult,
  { width = 640, colors = LIGHT_COLORS }: SpecOptions = {},
): Spec | null {
  const { items, probabilities } = r.profiles;
  if (!probabilities.length || !items.length) return null;
  const w = plotWidth(width);
  const keep = items.map((_, j) => probabilities.some((row) => row[j]! >= 0.05));
  const shown = items.filter((_, j) => keep[j]);
  const names = r.categories.map((c) => c.name);
  const cells: { factor: string; meaning: string; category: string; p: number; text: string; ink: string }[] =
    [];
  items.forEach((item, j) => {
    if (!keep[j]) return;
    probabilities.forEach((row, k) => {
      const p = row[j]!;
      if (!finite(p)) return;
      cells.push({
        factor: item.short,
        meaning: item.meaning,
        category: names[k]!,
        p,
        text: p >= 0.1 ? String(Math.round(p * 100)) : '',
        ink: inkOn(mix(LOW_CELL, colors.accent, p)),
      });
    });
  });
  const narrow = w < 560;
  const labelWidth = Math.min(narrow ? 120 : 190, Math.max(...shown.map((i) => i.short.length)) * CHAR_PX);
  const cell = Math.max(14, Math.min(48, Math.floor((w - labelWidth - 24) / names.length)));
  const plotW = cell * names.length;
  const plotH = ROW_PX * shown.length;
  const marks: Mark[] = [
    {
      name: 'cells-marks',
      type: 'rect',
      from: { data: 'cells' },
      encode: {
        update: {
          x: { scale: 'x', field: 'category' },
          width: { scale: 'x', band: 1 },
          y: { scale: 'y', field: 'factor' },
          height: { scale: 'y', band: 1 },
          fill: { scale: 'color', field: 'p' },
          stroke: { value: colors.background },
          strokeWidth: { value: 1 },
        },
      },
    },
  ];
  // Numbers only where they fit (under 22 px a cell they stay in the table).
  if (cell >= 22)
    marks.push({
      name: 'percentages-marks',
      type: 'text',
      from: { data: 'percentages' },
      encode: {
        update: {
          x: { scale: 'x', field: 'category', band: 0.5 },
          y: { scale: 'y', field: 'factor', band: 0.5 },
          align: { value: 'center' },
          baseline: { value: 'middle' },
          fontSize: { value: 11 },
          fill: { field: 'ink' },
          text: { field: 'text' },
        },
      },
    });
  return withoutAria({
    ...base(colors),
    width: plotW,
    height: plotH,
    data: [
      { name: 'cells', values: cells },
      { name: 'percentages', values: cells.filter((c) => c.text !== '') },
    ],
    scales: [
      { name: 'x', type: 'band', domain: names, range: [0, plotW], paddingInner: 0, paddingOuter: 0 },
      {
        name: 'y',
        type: 'band',
        domain: shown.map((i) => i.short),
        range: [0, plotH],
        paddingInner: 0,
        paddingOuter: 0,
      },
      {
        name: 'color',
        type: 'linear',
        domain: [0, 1],
        range: [LOW_CELL, colors.accent],
        interpolate: 'rgb',
        zero: false,
        nice: false,
      },
    ],
    axes: [
      {
        scale: 'x',
        orient: 'top',
        labelAngle: narrow ? -90 : -40,
        labelAlign: 'left',
        labelBaseline: narrow ? 'middle' : 'bottom',
        labelLimit: 220,
        labelFontSize: 12,
        zindex: 1,
      },
      { scale: 'y', orient: 'left', labelLimit: labelWidth + 10, zindex: 1 },
    ],
    legends: [
      {
        fill: 'color',
        type: 'gradient',
        title: 'P(factor | category)',
        format: '.0%',
        orient: 'bottom',
        direction: 'horizontal',
        gradientLength: Math.min(240, w - 40),
      },
    ],
    marks,
  });
}
