// The profile view of <demand-category-chart> as a Vega-Lite spec (demand-category-chart.spec.ts has
// the contract): a heatmap of P(factor | category), rows the factors (short names, in the
// dictionary's order), columns the categories; every cell of 10% or more carries its percentage, in
// black or white ink (whichever contrasts more with the cell, chosen here, not by an expression).
import type { DemandResult } from '../../src/analyses/demand-types.js';
import type { VegaLiteSpec } from '../internal/vega-lite-spec.js';
import {
  CHAR_PX,
  LIGHT_COLORS,
  LOW_CELL,
  finite,
  inkOn,
  mix,
  plotWidth,
  vlBase,
  type SpecOptions,
} from './demand-category-chart.spec-base.js';

const ROW_PX = 20;

/**
 * P(factor | category) as a heatmap; factors every category records in under 5% of its
 * assessments are left out of the picture (they are in the table). Null without profiles.
 * @example profileSpec(result, {width: 640}).data.values[0] // {factor: 'Alcohol (child)', category: ...}
 */
export function profileSpec(
  r: DemandResult,
  { width = 640, colors = LIGHT_COLORS }: SpecOptions = {},
): VegaLiteSpec | null {
  const { items, probabilities } = r.profiles;
  if (!probabilities.length || !items.length) return null;
  const w = plotWidth(width);
  const keep = items.map((_, j) => probabilities.some((row) => row[j]! >= 0.05));
  const shown = items.filter((_, j) => keep[j]);
  const names = r.categories.map((c) => c.name);
  const cells = items.flatMap((item, j) =>
    keep[j]
      ? probabilities.flatMap((row, k) => {
          const p = row[j]!;
          if (!finite(p)) return [];
          const text = p >= 0.1 ? String(Math.round(p * 100)) : '';
          const ink = inkOn(mix(LOW_CELL, colors.accent, p));
          return [{ factor: item.short, meaning: item.meaning, category: names[k]!, p, text, ink }];
        })
      : [],
  );
  const narrow = w < 560;
  const labelWidth = Math.min(narrow ? 120 : 190, Math.max(...shown.map((i) => i.short.length)) * CHAR_PX);
  const cell = Math.max(14, Math.min(48, Math.floor((w - labelWidth - 24) / names.length)));
  const band = { paddingInner: 0, paddingOuter: 0 };
  return {
    ...vlBase(colors),
    width: cell * names.length,
    height: ROW_PX * shown.length,
    data: { values: cells },
    encoding: {
      x: {
        field: 'category',
        type: 'nominal',
        scale: { domain: names, ...band },
        axis: {
          title: null,
          orient: 'top',
          labelAngle: narrow ? -90 : -40,
          labelAlign: 'left',
          labelBaseline: narrow ? 'middle' : 'bottom',
          labelLimit: 220,
          labelFontSize: 12,
          zindex: 1,
        },
      },
      y: {
        field: 'factor',
        type: 'nominal',
        scale: { domain: shown.map((i) => i.short), ...band },
        axis: { title: null, labelLimit: labelWidth + 10, zindex: 1 },
      },
    },
    layer: [
      {
        name: 'cells',
        mark: { type: 'rect', stroke: colors.background, strokeWidth: 1 },
        encoding: {
          // `color` (the rect's fill): the numbers' `fill` below is a colour of their own, no scale.
          color: {
            field: 'p',
            type: 'quantitative',
            scale: { domain: [0, 1], range: [LOW_CELL, colors.accent], interpolate: 'rgb', nice: false },
            legend: {
              title: 'P(factor | category)',
              format: '.0%',
              orient: 'bottom',
              direction: 'horizontal',
              gradientLength: Math.min(240, w - 40),
            },
          },
        },
      },
      // Numbers only where they fit (under 22 px a cell they stay in the table).
      ...(cell >= 22
        ? [
            {
              name: 'percentages',
              transform: [{ filter: "datum.text !== ''" }],
              mark: { type: 'text', align: 'center', baseline: 'middle', fontSize: 11 },
              encoding: {
                text: { field: 'text' },
                fill: { field: 'ink', type: 'nominal', scale: null },
              },
            } as const,
          ]
        : []),
    ],
  } as VegaLiteSpec;
}
