// Where the parts of the re-referral curves sit (rereferral-curve.spec.ts draws them): the plot area
// in a chart of a given width (the number-at-risk table, rereferral-curve.risk.ts, lines its columns
// up with the x axis from the same numbers, as survminer's risk table does), the direct labels spread
// apart so they never overlap, the groups' dash patterns and the month ticks. Pure functions.
import { NARROW, clamp, type CurveLayout } from './rereferral-curve.spec-base.js';

/** Minimum distance (px) between the centres of two direct labels. */
export const LABEL_GAP = 15;
/** Length (px) of the colour and dash swatch before each direct label. */
export const SWATCH = 18;
/** The height (px) of one legend row (narrow charts). */
const LEGEND_ROW = 17;
/** Dash patterns: solid for the first six groups, dashed for the next six, dotted after. */
const DASHES = [
  [1, 0],
  [6, 3],
  [2, 2],
];
const PALETTE_SIZE = 6;

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
