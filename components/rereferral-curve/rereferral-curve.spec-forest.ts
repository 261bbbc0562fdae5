// The forest plot of <rereferral-curve> as a Vega-Lite spec (re-exported by rereferral-curve.spec.ts):
// each group's Cox hazard ratio against the reference with its 95% interval, on a log scale, one row
// per group from the highest hazard ratio to the lowest, the reference on top at 1 (a diamond: it has
// no interval); the figures written beside the plot where there is room. A pure function of the result
// and the width; labels and tooltips are plain data.
import type { RereferralShown as RereferralResult } from './rereferral-curve.text.js';
import {
  LIGHT_COLORS,
  NARROW,
  VEGA_LITE_SCHEMA,
  clamp,
  type CurveLayout,
  type SpecColors,
  type VegaLiteSpec,
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
): VegaLiteSpec | null {
  const cox = result.cox;
  if (!cox) return null;
  // From the highest hazard ratio to the lowest, the reference on top, as the table lists them.
  const terms = cox.terms
    .filter((t) => t.kind === 'group' && t.hr !== null && t.lower !== null && t.upper !== null)
    .sort((a, b) => b.hr! - a.hr!);
  const fmt = (v: number | null): string => (v === null ? '–' : v.toFixed(2));
  const rows = [
    { label: cox.reference.label, hr: 1, lower: 1, upper: 1, shape: 'diamond', text: '1 (reference)' },
    ...terms.map((t) => ({
      label: t.label,
      hr: t.hr!,
      lower: t.lower!,
      upper: t.upper!,
      shape: 'square',
      text: `${fmt(t.hr)} (${fmt(t.lower)} to ${fmt(t.upper)})`,
    })),
  ];
  const layout = forestLayout(
    width,
    rows.length,
    rows.map((r) => r.label),
  );
  const lo = Math.min(...rows.map((r) => r.lower));
  const hi = Math.max(...rows.map((r) => r.upper));
  const domain = [Math.min(0.9, lo / 1.08), Math.max(1.1, hi * 1.08)];
  const y = {
    field: 'label',
    type: 'nominal',
    sort: null, // the rows' order
    scale: { paddingInner: 0, paddingOuter: 0 },
    axis: { title: null, labelLimit: layout.left - 12, ticks: false, domain: false },
  } as const;
  const x = {
    type: 'quantitative',
    scale: { type: 'log', domain, nice: false },
    axis: {
      values: TICKS.filter((t) => t >= domain[0]! && t <= domain[1]!),
      format: '.2~f',
      title: 'Hazard ratio (log scale)',
      grid: true,
      labelFlush: true,
      labelOverlap: 'greedy',
    },
  } as const;
  return {
    $schema: VEGA_LITE_SCHEMA,
    description: 'Hazard ratios of re-referral by group against the reference group, with 95% intervals.',
    width: layout.plotWidth,
    height: layout.height,
    // The plot at a known place: the element sizes the chart from forestLayout.
    autosize: { type: 'none' },
    padding: { left: layout.left, right: layout.right, top: layout.top, bottom: layout.bottom },
    data: { values: rows },
    encoding: { y },
    layer: [
      {
        name: 'reference',
        data: { values: [{}] }, // one rule, the plot's height
        mark: { type: 'rule', stroke: colors.muted, strokeDash: [4, 3] },
        encoding: { x: { ...x, datum: 1 }, y: null },
      },
      {
        name: 'intervals',
        mark: { type: 'rule', stroke: colors.accent, strokeWidth: 2 },
        encoding: { x: { ...x, field: 'lower' }, x2: { field: 'upper' } },
      },
      {
        name: 'ratios',
        mark: { type: 'point', filled: true, size: 80, fill: colors.accent, opacity: 1 },
        encoding: {
          x: { ...x, field: 'hr' },
          shape: { field: 'shape', type: 'nominal', scale: null },
          tooltip: [
            { field: 'label', title: 'Group' },
            { field: 'text', title: 'Hazard ratio' },
          ],
        },
      },
      ...(layout.narrow
        ? []
        : [
            {
              name: 'figures',
              mark: {
                type: 'text',
                x: layout.plotWidth + 12,
                align: 'left',
                baseline: 'middle',
                fontSize: 12,
                fill: colors.text,
              },
              encoding: { text: { field: 'text' } },
            } as const,
          ]),
    ],
  } as VegaLiteSpec;
}
