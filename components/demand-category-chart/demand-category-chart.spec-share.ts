// The share view of <demand-category-chart> as a Vega-Lite spec (demand-category-chart.spec.ts has the
// contract): a row per category, its name (with the share and the comparison written out) on lines
// above a bar of its share, the 95% interval as a line through the bar's end, and the benchmark as a
// tall tick. Rows of a suppressed share keep their name and lose their bar (Vega-Lite leaves a null
// out of a quantitative encoding).
import type { DemandResult } from '../../src/analyses/demand-types.js';
import type { VegaLiteSpec } from '../internal/vega-lite-spec.js';
import {
  CHAR_PX,
  FONT_PX,
  LIGHT_COLORS,
  LINE_PX,
  comparisonWords,
  finite,
  pct,
  plotWidth,
  vlBase,
  wrap,
  type SpecOptions,
} from './demand-category-chart.spec-base.js';

const BAR_PX = 14;

/**
 * Shares of assessments by category with their intervals and the benchmark.
 * @example shareSpec(result, {width: 640}).layer.map((l) => l.name) // ['names', 'bars', 'intervals', 'benchmarks']
 */
export function shareSpec(
  r: DemandResult,
  { width = 640, colors = LIGHT_COLORS }: SpecOptions = {},
): VegaLiteSpec {
  const w = plotWidth(width);
  const maxChars = Math.max(20, Math.floor((w - 8) / CHAR_PX));
  const rows = r.categories.map((c, k) => {
    const words = comparisonWords(r, k);
    // A published share withheld by disclosure control (null) reads `c`, as in the table.
    const text = `${c.name}: ${c.share === null ? 'c' : pct(c.share)}${words ? `, ${words}` : ''}`;
    return {
      key: String(k).padStart(3, '0'),
      lines: wrap(text, maxChars),
      share: c.share,
      lower: c.lower,
      upper: c.upper,
      benchmark: c.benchmark,
    };
  });
  const nLines = Math.max(1, ...rows.map((x) => x.lines.length));
  const step = nLines * LINE_PX + BAR_PX + 18;
  const top = Math.max(
    0.05,
    ...rows.map((x) => x.upper).filter(finite),
    ...rows.map((x) => x.benchmark).filter(finite),
  );
  const x = {
    type: 'quantitative',
    scale: { domain: [0, Math.min(1, Math.ceil((top * 1.08) / 0.05) * 0.05)], nice: false, zero: false },
    axis: {
      format: '.0%',
      title: 'Share of assessments with factors',
      grid: true,
      tickCount: 5,
      labelFlush: true,
      labelOverlap: true,
    },
  } as const;
  // The name's lines start 4 px into the row; the bar, its interval and the tick sit at its bottom.
  const atBar = step / 2 - BAR_PX / 2 - 6;
  return {
    ...vlBase(colors),
    width: w,
    height: step * rows.length,
    data: { values: rows },
    encoding: {
      y: {
        field: 'key',
        type: 'nominal',
        sort: null,
        axis: null,
        scale: { paddingInner: 0, paddingOuter: 0 },
      },
    },
    layer: [
      {
        name: 'names',
        mark: {
          type: 'text',
          x: 0,
          yOffset: 4 - step / 2,
          align: 'left',
          baseline: 'top',
          lineHeight: LINE_PX,
          fontSize: FONT_PX,
          fill: colors.text,
        },
        encoding: { text: { field: 'lines' } },
      },
      {
        name: 'bars',
        mark: { type: 'bar', height: BAR_PX, yOffset: atBar, fill: colors.accent, opacity: 0.7 },
        encoding: { x: { ...x, field: 'share' }, x2: { datum: 0 } },
      },
      {
        name: 'intervals',
        mark: { type: 'rule', yOffset: atBar, stroke: colors.text, strokeWidth: 2 },
        encoding: { x: { ...x, field: 'lower' }, x2: { field: 'upper' } },
      },
      ...(r.benchmark
        ? [
            {
              name: 'benchmarks',
              mark: {
                type: 'tick',
                orient: 'vertical',
                thickness: 3,
                size: BAR_PX + 10,
                yOffset: atBar,
                fill: colors.text,
                opacity: 0.7,
              },
              encoding: { x: { ...x, field: 'benchmark' } },
            } as const,
          ]
        : []),
    ],
  } as VegaLiteSpec;
}
