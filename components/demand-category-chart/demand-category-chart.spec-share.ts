// The share view of <demand-category-chart> as a Vega spec (demand-category-chart.spec.ts has the
// contract): a row per category, its name (with the share and the comparison written out) on lines
// above a bar of its share, the 95% interval as a line through the bar's end, and the benchmark as a
// tall tick. Rows of a suppressed share keep their name and lose their bar.
import type { Mark, Spec } from 'vega';
import type { DemandResult } from '../../src/analyses/demand-types.js';
import {
  CHAR_PX,
  FONT_PX,
  LIGHT_COLORS,
  LINE_PX,
  base,
  comparisonWords,
  finite,
  pct,
  plotWidth,
  withoutAria,
  wrap,
  type SpecOptions,
} from './demand-category-chart.spec-base.js';

/**
 * Shares of assessments by category with their intervals and the benchmark.
 * @example shareSpec(result, {width: 640}).marks.map((m) => m.type) // ['text', 'rect', 'rule', 'rect']
 */
export function shareSpec(r: DemandResult, { width = 640, colors = LIGHT_COLORS }: SpecOptions = {}): Spec {
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
  const bar = 14;
  const step = nLines * LINE_PX + bar + 18;
  const top = Math.max(
    0.05,
    ...rows.map((x) => x.upper).filter(finite),
    ...rows.map((x) => x.benchmark).filter(finite),
  );
  const domain = [0, Math.min(1, Math.ceil((top * 1.08) / 0.05) * 0.05)];
  // The name's lines start 4 px into the row; the bar, its interval and the tick sit at its bottom.
  const barY = { scale: 'y', field: 'key', band: 0.5, offset: step / 2 - bar / 2 - 6 };
  const marks: Mark[] = [
    {
      name: 'names-marks',
      type: 'text',
      from: { data: 'rows' },
      encode: {
        update: {
          x: { value: 0 },
          y: { scale: 'y', field: 'key', offset: 4 },
          align: { value: 'left' },
          baseline: { value: 'top' },
          lineHeight: { value: LINE_PX },
          fontSize: { value: FONT_PX },
          fill: { value: colors.text },
          text: { field: 'lines' },
        },
      },
    },
    {
      name: 'bars-marks',
      type: 'rect',
      from: { data: 'bars' },
      encode: {
        update: {
          x: { scale: 'x', value: 0 },
          x2: { scale: 'x', field: 'share' },
          yc: barY,
          height: { value: bar },
          fill: { value: colors.accent },
          opacity: { value: 0.7 },
        },
      },
    },
    {
      name: 'intervals-marks',
      type: 'rule',
      from: { data: 'intervals' },
      encode: {
        update: {
          x: { scale: 'x', field: 'lower' },
          x2: { scale: 'x', field: 'upper' },
          y: barY,
          stroke: { value: colors.text },
          strokeWidth: { value: 2 },
        },
      },
    },
  ];
  if (r.benchmark)
    marks.push({
      name: 'benchmarks-marks',
      type: 'rect',
      from: { data: 'benchmarks' },
      encode: {
        update: {
          xc: { scale: 'x', field: 'benchmark' },
          width: { value: 3 },
          yc: barY,
          height: { value: bar + 10 },
          fill: { value: colors.text },
          opacity: { value: 0.7 },
        },
      },
    });
  const height = step * rows.length;
  return withoutAria({
    ...base(colors),
    width: w,
    height,
    data: [
      { name: 'rows', values: rows.map(({ key, lines }) => ({ key, lines })) },
      {
        name: 'bars',
        values: rows.filter((x) => finite(x.share)).map(({ key, share }) => ({ key, share })),
      },
      {
        name: 'intervals',
        values: rows
          .filter((x) => finite(x.lower) && finite(x.upper))
          .map(({ key, lower, upper }) => ({ key, lower, upper })),
      },
      {
        name: 'benchmarks',
        values: rows.filter((x) => finite(x.benchmark)).map(({ key, benchmark }) => ({ key, benchmark })),
      },
    ],
    scales: [
      {
        name: 'y',
        type: 'band',
        domain: rows.map((x) => x.key),
        range: [0, height],
        paddingInner: 0,
        paddingOuter: 0,
      },
      { name: 'x', type: 'linear', domain, range: [0, w], nice: false, zero: false },
    ],
    axes: [
      {
        scale: 'x',
        orient: 'bottom',
        format: '.0%',
        title: 'Share of assessments with factors',
        grid: true,
        tickCount: 5,
        labelFlush: true,
        labelOverlap: true,
      },
    ],
    marks,
  });
}
