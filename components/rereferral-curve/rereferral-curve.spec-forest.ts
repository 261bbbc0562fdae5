// The forest plot of <rereferral-curve> as a Vega spec (re-exported by rereferral-curve.spec.ts, which
// says why Vega and what the specs may use): each group's Cox hazard ratio against the reference with
// its 95% interval, on a log scale, one row per group from the highest hazard ratio to the lowest, the
// reference on top at 1; the figures written beside the plot where there is room. A pure function of
// the result and the width; no transforms, no expressions (labels and tooltips are plain data).
import type { Axis, Mark, Scale, Spec } from 'vega';
import type { RereferralShown as RereferralResult } from './rereferral-curve.text.js';
import {
  LIGHT_COLORS,
  NARROW,
  VEGA_SCHEMA,
  clamp,
  withoutAria,
  type CurveLayout,
  type SpecColors,
} from './rereferral-curve.spec-base.js';

/** Hazard ratios the axis may mark, where the domain reaches them. */
const TICKS = [0.25, 0.33, 0.5, 0.67, 0.75, 1, 1.25, 1.5, 2, 3, 4];

/** Forest plot layout: the group names on the left (room for the longest), the numbers on the right. */
export function forestLayout(width: number, rows: number, labels: readonly string[] = []): CurveLayout {
  const w = Math.max(240, Math.floor(width));
  const longest = labels.reduce((m, l) => Math.max(m, l.length), 0);
  const left = Math.round(clamp(longest * 7.4 + 16, 110, w * 0.45));
  const narrow = w < NARROW;
  const right = narrow ? 16 : 150;
  return {
    width: w,
    narrow,
    left,
    right,
    plotWidth: w - left - right,
    height: Math.max(1, rows) * 28,
    top: 12,
    bottom: 48,
  };
}

/**
 * The forest plot: each group's hazard ratio against the reference with its 95% interval, on a log
 * scale, the reference at 1. Null when the result has no Cox model (no grouping).
 * @param width the chart's width in px (the element's content width)
 */
export function forestSpec(
  result: RereferralResult,
  { width = 640, colors = LIGHT_COLORS }: { width?: number; colors?: SpecColors } = {},
): Spec | null {
  const cox = result.cox;
  if (!cox) return null;
  // From the highest hazard ratio to the lowest, the reference on top, as the table lists them.
  const terms = cox.terms
    .filter((t) => t.kind === 'group' && t.hr !== null && t.lower !== null && t.upper !== null)
    .sort((a, b) => b.hr! - a.hr!);
  const fmt = (v: number | null): string => (v === null ? '–' : v.toFixed(2));
  const rows = [
    { label: cox.reference.label, hr: 1, lower: 1, upper: 1, reference: true, text: '1 (reference)' },
    ...terms.map((t) => ({
      label: t.label,
      hr: t.hr!,
      lower: t.lower!,
      upper: t.upper!,
      reference: false,
      text: `${fmt(t.hr)} (${fmt(t.lower)} to ${fmt(t.upper)})`,
    })),
  ].map((r) => ({
    ...r,
    // The reference is a diamond (it has no interval), the others squares.
    shape: r.reference ? 'diamond' : 'square',
    // What the element's tooltip lists, in order.
    tooltip: { Group: r.label, 'Hazard ratio': r.text },
  }));
  const layout = forestLayout(
    width,
    rows.length,
    rows.map((r) => r.label),
  );
  const lo = Math.min(...rows.map((r) => r.lower));
  const hi = Math.max(...rows.map((r) => r.upper));
  const domain = [Math.min(0.9, lo / 1.08), Math.max(1.1, hi * 1.08)];
  const ticks = TICKS.filter((t) => t >= domain[0]! && t <= domain[1]!);
  const row = { scale: 'y', field: 'label', band: 0.5 };
  const marks: Mark[] = [
    {
      type: 'rule',
      name: 'reference-line',
      encode: {
        update: {
          x: { scale: 'x', value: 1 },
          y: { value: 0 },
          y2: { field: { group: 'height' } },
          stroke: { value: colors.muted },
          strokeDash: { value: [4, 3] },
        },
      },
    },
    {
      type: 'rule',
      name: 'intervals',
      from: { data: 'rows' },
      encode: {
        update: {
          x: { scale: 'x', field: 'lower' },
          x2: { scale: 'x', field: 'upper' },
          y: row,
          stroke: { value: colors.accent },
          strokeWidth: { value: 2 },
        },
      },
    },
    {
      type: 'symbol',
      name: 'hazard-ratios',
      from: { data: 'rows' },
      encode: {
        update: {
          x: { scale: 'x', field: 'hr' },
          y: row,
          shape: { field: 'shape' },
          size: { value: 80 },
          fill: { value: colors.accent },
          opacity: { value: 1 },
          tooltip: { field: 'tooltip' },
        },
      },
    },
  ];
  if (!layout.narrow)
    marks.push({
      type: 'text',
      name: 'figures',
      from: { data: 'rows' },
      encode: {
        update: {
          x: { value: layout.plotWidth + 12 },
          y: row,
          text: { field: 'text' },
          align: { value: 'left' },
          baseline: { value: 'middle' },
          fontSize: { value: 12 },
          fill: { value: colors.text },
        },
      },
    });
  const scales: Scale[] = [
    { name: 'x', type: 'log', domain, range: 'width', nice: false },
    // One band a row, in the rows' order (top to bottom).
    {
      name: 'y',
      type: 'band',
      domain: rows.map((r) => r.label),
      range: 'height',
      paddingInner: 0,
      paddingOuter: 0,
    },
  ];
  const axes: Axis[] = [
    {
      scale: 'x',
      orient: 'bottom',
      values: ticks,
      format: '.2~f',
      title: 'Hazard ratio (log scale)',
      grid: true,
      labelFlush: true,
      labelOverlap: 'greedy',
    },
    {
      scale: 'y',
      orient: 'left',
      labelLimit: layout.left - 12,
      labelFontSize: 13,
      ticks: false,
      domain: false,
    },
  ];
  return withoutAria({
    $schema: VEGA_SCHEMA,
    description: 'Hazard ratios of re-referral by group against the reference group, with 95% intervals.',
    width: layout.plotWidth,
    height: layout.height,
    autosize: { type: 'none' },
    padding: { left: layout.left, right: layout.right, top: layout.top, bottom: layout.bottom },
    data: [{ name: 'rows', values: rows }],
    scales,
    axes,
    marks,
  });
}
