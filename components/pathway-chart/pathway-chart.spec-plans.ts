// The plans view of <pathway-chart> as a Vega-Lite spec (pathway-chart.spec.ts has the contract): for
// each category of child protection plan (the CIN census initial category of abuse), the share of
// plans whose assessment recorded none of that category's factors (for neglect, 16A), as a bar with
// its 95% Wilson interval, the name and the figures written above it. A withheld share keeps its
// name (reading `c`) and loses its bar.
import type { VegaLiteSpec } from '../internal/vega-lite-spec.js';
import { VEGA_LITE_SCHEMA } from '../internal/vega-lite-spec.js';
import { formatCount } from '../internal/format.js';
import {
  BAR_PX,
  LIGHT_COLORS,
  LINE_PX,
  finite,
  lineChars,
  pct,
  plotWidth,
  rowFrame,
  wrap,
  type PathwaysShown,
  type SpecOptions,
} from './pathway-chart.spec-base.js';

const count = (v: number | string): string => (typeof v === 'number' ? formatCount(v) : v);

/**
 * Plans whose assessment did not record their category; null without plan categories.
 * @example plansSpec(result, {width: 640})?.layer.map((l) => l.name) // ['names', 'bars', 'intervals']
 */
export function plansSpec(
  r: PathwaysShown,
  { width = 640, colors = LIGHT_COLORS }: SpecOptions = {},
): VegaLiteSpec | null {
  const p = r.plans;
  if (!p || !p.rows.length) return null;
  const w = plotWidth(width);
  const rows = p.rows.map((row, k) => ({
    key: String(k).padStart(3, '0'),
    lines: wrap(
      `${row.label}: ${pct(row.share)} of ${count(row.plans)} plans not recorded at assessment`,
      lineChars(w),
    ),
    share: row.share,
    lower: row.lower,
    upper: row.upper,
  }));
  const step = Math.max(...rows.map((x) => x.lines.length)) * LINE_PX + BAR_PX + 16;
  const frame = rowFrame(rows, step, colors.text);
  const atBar = step / 2 - BAR_PX / 2 - 6;
  const top = Math.max(0.1, ...rows.map((x) => x.upper).filter(finite));
  const x = {
    type: 'quantitative',
    scale: { domain: [0, Math.min(1, Math.ceil((top * 1.08) / 0.1) * 0.1)] as number[], nice: false },
    axis: {
      format: '.0%',
      title: 'Plans whose assessment did not record the category',
      tickCount: 5,
      grid: true,
      labelFlush: true,
    },
  } as const;
  return {
    $schema: VEGA_LITE_SCHEMA,
    description: 'Share of child protection plans whose assessment did not record the plan category.',
    width: w,
    height: frame.height,
    data: { values: rows },
    encoding: { y: frame.encoding.y },
    layer: [
      frame.names,
      {
        name: 'bars',
        mark: { type: 'bar', height: BAR_PX, yOffset: atBar, fill: colors.outcomes[2], opacity: 0.85 },
        encoding: { x: { ...x, field: 'share' }, x2: { datum: 0 } },
      },
      {
        name: 'intervals',
        mark: { type: 'rule', yOffset: atBar, stroke: colors.text, strokeWidth: 2 },
        encoding: { x: { ...x, field: 'lower' }, x2: { field: 'upper' } },
      },
    ],
  } as VegaLiteSpec;
}
