// Vega-Lite specs of <rereferral-curve>, pure functions of the analysis's result (and the width the
// element measured): the step curves of the cumulative proportion re-referred with their confidence
// bands, and the forest plot of Cox hazard ratios. No DOM, no Vega: importable in Node and tested as
// JSON (tests/src/specs/rereferral-curve.spec.test.ts).
//
// Layout policy: `autosize: 'none'` with explicit padding, so the plot area sits at a known place
// (`curveLayout`): the number-at-risk table under the chart lines its columns up with the x axis from
// the same numbers, as survminer's risk table does. Direct labels at the curve ends (a thin leader, a
// swatch of the group's colour and dash pattern, the name in the text colour) replace a legend: colour is never the only
// carrier. Labels are spread apart so they never overlap (at least LABEL_GAP pixels between centres).
// No expressions (CSP: nothing to evaluate); percentages come pre-formatted in the data.
import type { TopLevelSpec } from 'vega-lite';
import type { RereferralShown as RereferralResult, ShownCurve } from './rereferral-curve.text.js';

export interface CurveLayout {
  /** Whole chart width (px): the element's content width. */
  width: number;
  /** Below 480 px: a legend under the chart instead of labels at the curve ends. */
  narrow: boolean;
  /** Plot area: left edge and width (px) from the chart's left edge; height of the plot. */
  left: number;
  plotWidth: number;
  right: number;
  height: number;
  top: number;
  bottom: number;
}

/** The colours the marks use besides the group palette (the element passes its theme's tokens). */
export interface SpecColors {
  text: string;
  muted: string;
  background: string;
  accent: string;
}

export const LIGHT_COLORS: SpecColors = {
  text: '#0b0c0c',
  muted: '#6f777b',
  background: '#ffffff',
  accent: '#12436D',
};

/** Minimum distance (px) between the centres of two direct labels. */
export const LABEL_GAP = 15;
/** Length (px) of the colour and dash swatch before each direct label. */
const SWATCH = 18;
/** Charts narrower than this (px) get a legend under the plot; the height (px) of one legend row. */
const NARROW = 480;
const LEGEND_ROW = 17;
/** Dash patterns: solid for the first six groups, dashed for the next six, dotted after. */
const DASHES = [
  [1, 0],
  [6, 3],
  [2, 2],
];
const PALETTE_SIZE = 6;

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));
const pct = (v: number | null): string => (v === null ? '–' : `${(v * 100).toFixed(1)}%`);

/**
 * Where the plot area sits in a chart `width` px wide whose direct labels are `labels`: the right
 * margin grows with the longest label (about 6.6 px a character at 12 px), up to 30% of the width.
 * Below 480 px there is no room for labels beside the curves: a legend goes under the chart.
 */
export function curveLayout(width: number, labels: readonly string[] = []): CurveLayout {
  const w = Math.max(240, Math.floor(width));
  if (w < NARROW) {
    const left = 66;
    const right = 16;
    const bottom = 80 + LEGEND_ROW * labels.length;
    return { width: w, narrow: true, left, right, plotWidth: w - left - right, height: 240, top: 16, bottom };
  }
  const longest = labels.reduce((m, l) => Math.max(m, l.length), 0);
  const left = Math.round(clamp(w * 0.22, 56, 200));
  const right = Math.round(clamp(longest * 6.6 + SWATCH + 26, 72, Math.max(72, w * 0.3)));
  return {
    width: w,
    narrow: false,
    left,
    right,
    plotWidth: w - left - right,
    height: 340,
    top: 16,
    bottom: 48,
  };
}

/**
 * Marks out of the accessibility tree: the chart is one image named by the summary, and its figures
 * are in the tables (Vega would otherwise give every mark group an unnamed graphics-symbol role).
 */
function withoutAria<T>(spec: T): T {
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as { mark?: unknown; layer?: unknown[] };
    if (n.mark && typeof n.mark === 'object') (n.mark as Record<string, unknown>).aria = false;
    n.layer?.forEach(walk);
  };
  walk(spec);
  return spec;
}

/** The dash pattern of group k. */
export function groupDash(k: number): number[] {
  return DASHES[Math.min(DASHES.length - 1, Math.floor(k / PALETTE_SIZE))]!;
}

/** Label positions (data units) no closer than LABEL_GAP px, kept within the plot where possible. */
export function spreadLabels(values: number[], yMax: number, height: number): number[] {
  const px = values.map((v) => height * (1 - v / yMax));
  const order = px.map((_, i) => i).sort((a, b) => px[a]! - px[b]!);
  const placed = new Array<number>(px.length);
  let prev = -Infinity;
  for (const i of order) {
    placed[i] = Math.max(px[i]!, prev + LABEL_GAP);
    prev = placed[i]!;
  }
  // Pushed below the plot: shift the whole stack up from the bottom.
  let limit = height + LABEL_GAP / 2;
  for (let k = order.length - 1; k >= 0; k--) {
    const i = order[k]!;
    if (placed[i]! > limit) placed[i] = limit;
    limit = placed[i]! - LABEL_GAP;
  }
  return placed.map((p) => yMax * (1 - p / height));
}

/** Yearly ticks up to the horizon (every 6 months below two years). */
export function monthTicks(horizon: number): number[] {
  const step = horizon <= 24 ? 6 : 12;
  const ticks: number[] = [];
  for (let m = 0; m <= horizon + 1e-9; m += step) ticks.push(m);
  return ticks;
}

function yTop(result: RereferralResult, groups: ShownCurve[]): number {
  let top = 0.1;
  for (const g of groups) for (const v of g.upper) top = Math.max(top, v);
  for (const b of result.benchmarks) if (b.months <= result.horizonMonths) top = Math.max(top, b.value);
  return Math.min(1, Math.ceil((top + 0.02) * 10) / 10);
}

/**
 * The curves of 1 - S(t) with their bands, the 12-month and six-year marks, the benchmarks and
 * direct labels.
 * @param width the chart's width in px (the element's content width)
 */
export function curveSpec(
  result: RereferralResult,
  { width = 640, colors = LIGHT_COLORS }: { width?: number; colors?: SpecColors } = {},
): TopLevelSpec {
  // Published figures may withhold a group (no points): it is not drawn (its table row says c).
  const groups = result.groups.filter((g) => g.months.length > 0);
  const layout = curveLayout(
    width,
    groups.map((g) => g.label),
  );
  const { plotWidth, height } = layout;
  const horizon = result.horizonMonths;
  const levels = groups.map((g) => g.level);
  const yMax = yTop(result, groups);
  const points: Record<string, unknown>[] = [];
  for (const g of groups) {
    for (let k = 0; k < g.months.length; k++) {
      points.push({
        group: g.level,
        months: g.months[k],
        estimate: g.estimate[k],
        lower: g.lower[k],
        upper: g.upper[k],
      });
    }
  }
  const marks: Record<string, unknown>[] = [];
  for (const g of groups) {
    for (const at of [g.at.months12, g.at.years6]) {
      if (at.estimate === null || at.months > horizon + 1e-9) continue;
      marks.push({
        group: g.level,
        months: at.months,
        estimate: at.estimate,
        Group: g.label,
        'Months since closure': at.months,
        'Re-referred': pct(at.estimate),
        '95% interval': `${pct(at.lower)} to ${pct(at.upper)}`,
      });
    }
  }
  const benchmarks = result.benchmarks
    .filter((b) => b.months <= horizon + 1e-9)
    .map((b) => ({
      months: b.months,
      value: b.value,
      label: b.sameDefinition ? b.label : `${b.label}*`,
      id: b.id,
      // Left of its diamond where the plot leaves room for the words (clear of the y axis), else right.
      side: (plotWidth * b.months) / horizon > 90 ? 'left' : 'right',
    }));
  const ends = groups.map((g) => g.estimate[g.estimate.length - 1] ?? 0);
  const labelY = spreadLabels(ends, yMax, height);
  // A thin grey leader from the curve's end to its label, then a swatch of the curve's colour and
  // dash pattern, then the label: the key sits by the curve it names. Every label is in the right
  // margin, one column spread apart: a curve that stops early (follow-up ends; a published curve
  // stops where few episodes are still followed) would otherwise put its label inside the plot,
  // over the other curves. Such a curve has no leader (a line from its end would read as more curve).
  const perPx = horizon / plotWidth;
  const leaders: Record<string, unknown>[] = [];
  const swatches: Record<string, unknown>[] = [];
  const labels = groups.map((g, k) => {
    const end = Math.min(horizon, g.months[g.months.length - 1] ?? 0);
    const at = horizon + 10 * perPx;
    if (end >= horizon - 6 * perPx) {
      leaders.push({ group: g.level, months: end + 4 * perPx, value: ends[k], part: 0 });
      leaders.push({ group: g.level, months: at, value: labelY[k], part: 1 });
    }
    swatches.push({ group: g.level, months: at, value: labelY[k], part: 0 });
    swatches.push({ group: g.level, months: at + SWATCH * perPx, value: labelY[k], part: 1 });
    return { group: g.level, months: at + SWATCH * perPx, value: labelY[k], label: g.label };
  });
  const x = {
    field: 'months',
    type: 'quantitative',
    scale: { domain: [0, horizon], nice: false, zero: true },
    axis: {
      values: monthTicks(horizon),
      title: 'Months since the episode closed',
      grid: false,
      labelFlush: false,
    },
  } as const;
  const y = {
    type: 'quantitative',
    scale: { domain: [0, yMax], nice: false },
    axis: { format: '.0%', title: 'Re-referred', tickCount: 5, titlePadding: 8 },
  } as const;
  // Narrow: one legend (colour and dash merged) under the plot, a row per group.
  const legend = layout.narrow
    ? {
        orient: 'bottom',
        direction: 'vertical',
        title: null,
        symbolType: 'stroke',
        symbolStrokeWidth: 2.5,
        labelFontSize: 12,
        labelLimit: layout.width - layout.left - 36,
        symbolOpacity: 1,
        rowPadding: 3,
        offset: 12,
      }
    : null;
  const color = { field: 'group', type: 'nominal', scale: { domain: levels }, legend } as const;
  const dash = {
    field: 'group',
    type: 'nominal',
    scale: { domain: levels, range: levels.map((_, k) => groupDash(k)) },
    legend,
  } as const;
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: 'Cumulative percentage of episodes followed by a re-referral, by months since closure.',
    width: plotWidth,
    height,
    autosize: { type: 'none' },
    padding: { left: layout.left, right: layout.right, top: layout.top, bottom: layout.bottom },
    layer: [
      {
        data: { values: [12, 72].filter((m) => m <= horizon + 1e-9).map((m) => ({ months: m })) },
        mark: { type: 'rule', strokeDash: [2, 3], color: colors.muted },
        encoding: { x },
      },
      {
        data: { values: points },
        layer: [
          {
            mark: { type: 'area', interpolate: 'step-after', opacity: 0.14 },
            encoding: { x, y: { ...y, field: 'lower' }, y2: { field: 'upper' }, color },
          },
          {
            mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2 },
            encoding: { x, y: { ...y, field: 'estimate' }, color, strokeDash: dash },
          },
        ],
      },
      {
        data: { values: marks },
        mark: {
          type: 'point',
          filled: true,
          size: 40,
          stroke: colors.background,
          strokeWidth: 1,
          opacity: 1,
        },
        encoding: {
          x,
          y: { ...y, field: 'estimate' },
          color,
          tooltip: [
            { field: 'Group' },
            { field: 'Months since closure' },
            { field: 'Re-referred' },
            { field: '95% interval' },
          ],
        },
      },
      {
        data: { values: benchmarks },
        mark: {
          type: 'point',
          shape: 'diamond',
          filled: true,
          size: 90,
          color: colors.text,
          stroke: colors.background,
          strokeWidth: 1,
        },
        encoding: { x, y: { ...y, field: 'value' } },
      },
      // Each benchmark's label on the side with room, over a halo of the background colour.
      ...(['left', 'right'] as const).flatMap((side) => {
        const values = benchmarks.filter((b) => b.side === side);
        if (!values.length) return [];
        const text = {
          type: 'text',
          align: side === 'left' ? 'right' : 'left',
          dx: side === 'left' ? -8 : 8,
          baseline: 'middle',
          fontSize: 12,
          fontWeight: 'bold',
        };
        const encoding = { x, y: { ...y, field: 'value' }, text: { field: 'label' } };
        return [
          {
            data: { values },
            mark: { ...text, stroke: colors.background, strokeWidth: 4, strokeOpacity: 0.9 },
            encoding,
          },
          { data: { values }, mark: text, encoding },
        ];
      }),
      ...(layout.narrow
        ? []
        : [
            {
              data: { values: leaders },
              mark: { type: 'line', strokeWidth: 1, color: colors.muted, clip: false },
              encoding: {
                x,
                y: { ...y, field: 'value' },
                detail: { field: 'group' },
                order: { field: 'part' },
              },
            },
            {
              data: { values: swatches },
              mark: { type: 'line', strokeWidth: 2.5, clip: false },
              encoding: {
                x,
                y: { ...y, field: 'value' },
                color,
                strokeDash: dash,
                detail: { field: 'group' },
                order: { field: 'part' },
              },
            },
            {
              data: { values: labels },
              mark: {
                type: 'text',
                align: 'left',
                dx: 4,
                baseline: 'middle',
                fontSize: 12,
                limit: layout.right - 12 - SWATCH - 10,
                clip: false,
              },
              encoding: { x, y: { ...y, field: 'value' }, text: { field: 'label' } },
            },
          ]),
    ],
  };
  return withoutAria(spec) as unknown as TopLevelSpec;
}

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
 * scale, the reference at 1.
 */
export function forestSpec(
  result: RereferralResult,
  { width = 640, colors = LIGHT_COLORS }: { width?: number; colors?: SpecColors } = {},
): TopLevelSpec | null {
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
  ].map((r) => ({ ...r, 'Hazard ratio': r.text }));
  const layout = forestLayout(
    width,
    rows.length,
    rows.map((r) => r.label),
  );
  const lo = Math.min(...rows.map((r) => r.lower));
  const hi = Math.max(...rows.map((r) => r.upper));
  const domain = [Math.min(0.9, lo / 1.08), Math.max(1.1, hi * 1.08)];
  const ticks = [0.25, 0.33, 0.5, 0.67, 0.75, 1, 1.25, 1.5, 2, 3, 4].filter(
    (t) => t >= domain[0]! && t <= domain[1]!,
  );
  const x = {
    type: 'quantitative',
    scale: { type: 'log', domain, nice: false },
    axis: { values: ticks, title: 'Hazard ratio (log scale)', grid: true, format: '.2~f' },
  } as const;
  const y = {
    field: 'label',
    type: 'nominal',
    sort: rows.map((r) => r.label),
    axis: { title: null, labelLimit: layout.left - 12, labelFontSize: 13, ticks: false, domain: false },
  } as const;
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: 'Hazard ratios of re-referral by group against the reference group, with 95% intervals.',
    width: layout.plotWidth,
    height: layout.height,
    autosize: { type: 'none' },
    padding: { left: layout.left, right: layout.right, top: layout.top, bottom: layout.bottom },
    data: { values: rows },
    layer: [
      {
        data: { values: [{ one: 1 }] },
        mark: { type: 'rule', strokeDash: [4, 3], color: colors.muted },
        encoding: { x: { ...x, field: 'one' } },
      },
      {
        mark: { type: 'rule', strokeWidth: 2, color: colors.accent },
        encoding: { y, x: { ...x, field: 'lower' }, x2: { field: 'upper' } },
      },
      {
        mark: { type: 'point', filled: true, size: 80, color: colors.accent, opacity: 1 },
        encoding: {
          y,
          x: { ...x, field: 'hr' },
          shape: {
            field: 'reference',
            type: 'nominal',
            scale: { domain: [false, true], range: ['square', 'diamond'] },
            legend: null,
          },
          tooltip: [{ field: 'label', title: 'Group' }, { field: 'Hazard ratio' }],
        },
      },
      ...(!layout.narrow
        ? [
            {
              mark: { type: 'text', align: 'left', baseline: 'middle', fontSize: 12, clip: false },
              encoding: { y, x: { value: layout.plotWidth + 12 }, text: { field: 'text' } },
            },
          ]
        : []),
    ],
  };
  return withoutAria(spec) as unknown as TopLevelSpec;
}
