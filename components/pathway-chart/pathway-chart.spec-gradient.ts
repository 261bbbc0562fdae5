// The gradient view of <pathway-chart> as a Vega-Lite spec (pathway-chart.spec.ts has the contract):
// the share of assessments that led to a plan or care by deprivation decile of the child's home
// area (1 = the most deprived tenth), all assessments as a thick line with its 95% intervals, each
// group of the split as a thinner line with its own point shape and dash (so colour is never the only
// key), its odds ratio per decile written in the legend. A withheld decile is left out.
import type { VegaLiteSpec } from '../internal/vega-lite-spec.js';
import { VEGA_LITE_SCHEMA } from '../internal/vega-lite-spec.js';
import {
  LIGHT_COLORS,
  finite,
  plotWidth,
  type PathwaysShown,
  type SpecOptions,
} from './pathway-chart.spec-base.js';
import type { ShownGradientGroup } from './pathway-chart.types.js';

const SHAPES = ['circle', 'square', 'triangle-up', 'diamond', 'triangle-down', 'cross'];
const DASHES = [
  [1, 0],
  [6, 3],
  [2, 2],
  [8, 3, 2, 3],
  [4, 4],
  [1, 3],
];

/** 'Under 5: odds ×1.12 a decile' (or 'c' when withheld), the series' name in the legend. */
export function seriesName(g: ShownGradientGroup): string {
  const or = g.slope.or;
  return `${g.label}: odds ×${finite(or) ? or.toFixed(2) : g.suppressed ? 'c' : '–'} a decile`;
}

/**
 * Plan-or-care share by deprivation decile, overall and by group; null without a gradient.
 * @example gradientSpec(result, {width: 640})?.layer.map((l) => l.name) // ['intervals', 'overall_line', 'group_lines', 'points']
 */
export function gradientSpec(
  r: PathwaysShown,
  { width = 640, colors = LIGHT_COLORS }: SpecOptions = {},
): VegaLiteSpec | null {
  const g = r.gradient;
  if (!g) return null;
  const w = plotWidth(width);
  const series = [g.overall, ...g.groups];
  const names = series.map(seriesName);
  const values = series.flatMap((s, k) =>
    s.deciles
      .filter((d) => finite(d.share))
      .map((d) => ({
        series: names[k],
        decile: d.decile,
        share: d.share,
        lower: d.lower,
        upper: d.upper,
        overall: k === 0,
      })),
  );
  const top = Math.max(0.05, ...values.map((v) => (finite(v.upper) ? v.upper : v.share!)));
  const palette = [
    colors.text,
    colors.outcomes[2],
    colors.outcomes[3],
    colors.outcomes[1],
    colors.muted,
    colors.accent,
  ];
  const scale = (range: unknown[]) => ({
    domain: names,
    range: names.map((_, i) => range[i % range.length]),
  });
  const legend = {
    title: null,
    orient: 'top',
    direction: 'vertical',
    labelLimit: w,
    symbolStrokeWidth: 2,
  } as const;
  const x = {
    field: 'decile',
    type: 'quantitative',
    scale: { domain: [1, 10] as number[], nice: false },
    axis: {
      title: 'Deprivation decile (1 = most deprived)',
      values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      format: 'd',
      grid: false,
    },
  } as const;
  const y = {
    type: 'quantitative',
    scale: { domain: [0, Math.min(1, Math.ceil((top * 1.1) / 0.05) * 0.05)] as number[], nice: false },
    axis: { format: '.0%', title: 'Plan or care', tickCount: 5, grid: true },
  } as const;
  const color = { field: 'series', type: 'nominal', scale: scale(palette), legend } as const;
  return {
    $schema: VEGA_LITE_SCHEMA,
    description:
      'Share of assessments leading to a plan or care by deprivation decile, overall and by group.',
    width: w,
    height: Math.round(Math.min(320, Math.max(200, w * 0.55))),
    data: { values },
    encoding: { x },
    layer: [
      {
        name: 'intervals',
        transform: [{ filter: 'datum.overall' }],
        mark: { type: 'rule', stroke: colors.text, strokeWidth: 1.5 },
        encoding: { y: { ...y, field: 'lower' }, y2: { field: 'upper' } },
      },
      ...[true, false].map((overall) => ({
        name: overall ? 'overall_line' : 'group_lines',
        transform: [{ filter: overall ? 'datum.overall' : '!datum.overall' }],
        mark: { type: 'line', strokeWidth: overall ? 3 : 1.5 },
        encoding: {
          y: { ...y, field: 'share' },
          color,
          strokeDash: { field: 'series', type: 'nominal', scale: scale(DASHES), legend },
        },
      })),
      {
        name: 'points',
        mark: { type: 'point', filled: true, size: 50, opacity: 1 },
        encoding: {
          y: { ...y, field: 'share' },
          color,
          shape: { field: 'series', type: 'nominal', scale: scale(SHAPES), legend },
        },
      },
    ],
  } as VegaLiteSpec;
}
