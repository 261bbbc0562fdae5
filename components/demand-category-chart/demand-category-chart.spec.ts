// Vega-Lite specs of <demand-category-chart>, pure functions of the demand result (src/analyses/
// demand-types.ts) and the width the element measured: no DOM, no Vega, importable in Node and
// tested as JSON (tests/src/specs/demand-category-chart.spec.test.ts).
// - share: a row per category, its name (with the share and the comparison written out) on a line
//   above a bar of its share, the 95% interval as a line through the bar's end, and the benchmark as
//   a tall black tick. Names sit above the bars so long ones never squeeze the plot on a phone.
// - trend: a small panel per category of its assessments per financial year indexed to the base year
//   = 100, on a shared scale, a rule at 100; a year the data cover only in part is a hollow point.
// - profile: a heatmap of P(factor | category): rows the factors (short names), columns the
//   categories; every cell of 10% or more carries its percentage as text.
// - characteristics: for one dimension (gender, age band or ethnic group), a panel per group of each
//   category's ratio to its overall share (log scale, a rule at 1) with its interval; a ratio whose
//   interval excludes 1 is a filled point, others hollow.
// Colour is never the only carrier: words, position, fill and the numbers in the cells do the work.
// No expressions (a strict CSP has nothing to evaluate): text is pre-formatted in the data, and
// conditional colours come as data fields with `scale: null`.
import type { TopLevelSpec } from 'vega-lite';
import type { DemandCharacteristic, DemandResult } from '../../src/analyses/demand-types.js';

export type DemandView = 'share' | 'trend' | 'profile' | 'characteristics';
export type Dimension = DemandCharacteristic['dimension'];

/** The colours the marks use (the element passes its theme's tokens). */
export interface SpecColors {
  text: string;
  muted: string;
  background: string;
  accent: string;
  /** Grid and cell borders. */
  border: string;
}

export const LIGHT_COLORS: SpecColors = {
  text: '#0b0c0c',
  muted: '#505a5f',
  background: '#ffffff',
  accent: '#12436D',
  border: '#b1b4b6',
};

export interface SpecOptions {
  /** Chart width in px (the element's content width). */
  width?: number;
  colors?: SpecColors;
  /** Characteristics view: which dimension. */
  dimension?: Dimension;
}

const FONT_PX = 13;
const CHAR_PX = 6.9;
const LINE_PX = 16;

export const pct = (v: number | null | undefined, digits = 1): string =>
  v === null || v === undefined || !Number.isFinite(v) ? '–' : `${(v * 100).toFixed(digits)}%`;

/** Words of `text` in lines of at most `max` characters (a word longer than that gets its own line). */
export function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

/** The words after a share: "higher than England", "similar to England". */
export function comparisonWords(r: DemandResult, k: number): string {
  const c = r.categories[k]!;
  if (!c.comparison || !r.benchmark) return '';
  const who = r.benchmark.name.replace(/ \(.*\)$/, '');
  return c.comparison === 'similar' ? `similar to ${who}` : `${c.comparison} than ${who}`;
}

/** Marks out of the accessibility tree: the chart is one image named by the summary (see vega-chart.ts). */
function withoutAria<T>(spec: T): T {
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as { mark?: unknown; layer?: unknown[]; spec?: unknown; concat?: unknown[] };
    if (typeof n.mark === 'string') (n as Record<string, unknown>).mark = { type: n.mark, aria: false };
    else if (n.mark && typeof n.mark === 'object') (n.mark as Record<string, unknown>).aria = false;
    n.layer?.forEach(walk);
    n.concat?.forEach(walk);
    walk(n.spec);
  };
  walk(spec);
  return spec;
}

const base = (width: number, colors: SpecColors) => ({
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  background: colors.background,
  config: {
    font: 'inherit',
    view: { stroke: null },
    axis: {
      labelFontSize: FONT_PX,
      titleFontSize: FONT_PX,
      labelColor: colors.text,
      titleColor: colors.text,
    },
    header: { labelFontSize: FONT_PX, labelColor: colors.text, titleFontSize: FONT_PX },
    text: { fontSize: FONT_PX, color: colors.text },
  },
  width: Math.max(200, Math.floor(width)),
});

/**
 * Shares of assessments by category with their intervals and the benchmark.
 * @example shareSpec(result, {width: 640}).layer.length // 4: names, bars, intervals, benchmark ticks
 */
export function shareSpec(
  r: DemandResult,
  { width = 640, colors = LIGHT_COLORS }: SpecOptions = {},
): TopLevelSpec {
  const w = Math.max(200, Math.floor(width));
  const maxChars = Math.max(20, Math.floor((w - 8) / CHAR_PX));
  const rows = r.categories.map((c, k) => {
    const words = comparisonWords(r, k);
    const text = `${c.name}: ${pct(c.share)}${words ? `, ${words}` : ''}`;
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
  const top = Math.max(0.05, ...rows.map((x) => x.upper), ...rows.map((x) => x.benchmark ?? 0));
  const domain = [0, Math.min(1, Math.ceil((top * 1.08) / 0.05) * 0.05)];
  // Band centre -> bar centre: the bar sits at the bottom of its band, under the name's lines.
  const barOffset = step / 2 - bar / 2 - 6;
  const x = { type: 'quantitative', scale: { domain, nice: false } } as const;
  const y = {
    field: 'key',
    type: 'nominal',
    sort: null,
    axis: null,
    scale: { paddingInner: 0, paddingOuter: 0 },
  } as const;
  const spec = {
    ...base(w, colors),
    height: { step },
    data: { values: rows },
    encoding: { y },
    layer: [
      {
        mark: { type: 'text', align: 'left', baseline: 'top', dy: -step / 2 + 4, lineHeight: LINE_PX, x: 0 },
        encoding: { text: { field: 'lines' } },
      },
      {
        mark: { type: 'bar', height: bar, yOffset: barOffset, color: colors.accent, opacity: 0.7 },
        encoding: {
          x: {
            ...x,
            field: 'share',
            axis: { format: '.0%', title: 'Share of assessments with factors', grid: true, tickCount: 5 },
          },
        },
      },
      {
        mark: { type: 'rule', yOffset: barOffset, strokeWidth: 2, color: colors.text },
        encoding: { x: { ...x, field: 'lower' }, x2: { field: 'upper' } },
      },
      ...(r.benchmark
        ? [
            {
              transform: [{ filter: { field: 'benchmark', valid: true } }],
              mark: { type: 'tick', yOffset: barOffset, thickness: 3, size: bar + 10, color: colors.text },
              encoding: { x: { ...x, field: 'benchmark' } },
            },
          ]
        : []),
    ],
  };
  return withoutAria(spec) as unknown as TopLevelSpec;
}

/**
 * Growth by financial year, indexed to the base year = 100: a small panel per category.
 * @example trendSpec(result, {width: 640}).concat.length // 12
 */
export function trendSpec(
  r: DemandResult,
  { width = 640, colors = LIGHT_COLORS }: SpecOptions = {},
): TopLevelSpec | null {
  if (r.years.length < 2) return null;
  const w = Math.max(200, Math.floor(width));
  const panelMin = 140;
  const columns = Math.max(1, Math.min(4, Math.floor((w + 20) / (panelMin + 20))));
  const panelWidth = Math.floor((w - 20 * (columns - 1)) / columns) - 45;
  const years = r.years.map((y) => y.year);
  let top = 100;
  let bottom = 100;
  for (const y of r.years)
    for (const v of y.index)
      if (v !== null) {
        top = Math.max(top, v);
        bottom = Math.min(bottom, v);
      }
  const domain = [Math.max(0, Math.floor((bottom - 10) / 25) * 25), Math.ceil((top + 10) / 25) * 25];
  // Titles are bold: about 7.8 px a character at 13 px.
  const maxChars = Math.max(12, Math.floor((panelWidth + 40) / 7.8));
  const panels = r.categories.map((c, k) => {
    const values = r.years
      .map((y) => ({
        year: y.year,
        index: y.index[k],
        count: y.counts[k],
        filled: y.partial ? colors.background : colors.accent,
      }))
      .filter((v) => v.index !== null);
    const last = values[values.length - 1];
    const label = last ? [{ year: last.year, index: last.index, text: String(Math.round(last.index!)) }] : [];
    const xEnc = {
      field: 'year',
      type: 'ordinal',
      scale: { domain: years },
      axis: { title: null, labelAngle: -90, values: [years[0], years[years.length - 1]], labelFontSize: 11 },
    } as const;
    const yEnc = {
      field: 'index',
      type: 'quantitative',
      scale: { domain, nice: false },
      axis: { title: null, tickCount: 4, grid: true },
    } as const;
    return {
      title: {
        text: wrap(c.name, maxChars),
        anchor: 'start',
        fontSize: FONT_PX,
        fontWeight: 'bold',
        color: colors.text,
        limit: panelWidth + 40,
      },
      width: panelWidth,
      height: 110,
      layer: [
        {
          data: { values: [{ base: 100 }] },
          mark: { type: 'rule', color: colors.muted, strokeDash: [4, 3] },
          encoding: { y: { field: 'base', type: 'quantitative', scale: { domain, nice: false } } },
        },
        {
          data: { values },
          mark: { type: 'line', color: colors.accent, strokeWidth: 2 },
          encoding: { x: xEnc, y: yEnc },
        },
        {
          data: { values },
          mark: {
            type: 'point',
            shape: 'circle',
            size: 36,
            strokeWidth: 2,
            color: colors.accent,
            opacity: 1,
          },
          encoding: { x: xEnc, y: yEnc, fill: { field: 'filled', type: 'nominal', scale: null } },
        },
        {
          data: { values: label },
          mark: { type: 'text', align: 'right', baseline: 'bottom', dy: -6, fontWeight: 'bold' },
          encoding: { x: xEnc, y: yEnc, text: { field: 'text' } },
        },
      ],
    };
  });
  const rest: Partial<ReturnType<typeof base>> = base(w, colors);
  delete rest.width;
  return withoutAria({ ...rest, columns, spacing: 20, concat: panels }) as unknown as TopLevelSpec;
}

/**
 * P(factor | category) as a heatmap; factors every category records in under 5% of its
 * assessments are left out of the picture (they are in the table).
 * @example profileSpec(result, {width: 640}).data.values[0] // {factor: 'Alcohol (child)', category: ...}
 */
export function profileSpec(
  r: DemandResult,
  { width = 640, colors = LIGHT_COLORS }: SpecOptions = {},
): TopLevelSpec | null {
  const { items, probabilities } = r.profiles;
  if (!probabilities.length || !items.length) return null;
  const w = Math.max(200, Math.floor(width));
  const keep = items.map((_, j) => probabilities.some((row) => row[j]! >= 0.05));
  const shown = items.filter((_, j) => keep[j]);
  const names = r.categories.map((c) => c.name);
  const values: Record<string, unknown>[] = [];
  items.forEach((item, j) => {
    if (!keep[j]) return;
    probabilities.forEach((row, k) => {
      const p = row[j]!;
      values.push({
        factor: item.short,
        meaning: item.meaning,
        category: names[k],
        p,
        text: p >= 0.1 ? String(Math.round(p * 100)) : '',
        ink: inkOn(mix(LOW_CELL, colors.accent, p)),
      });
    });
  });
  const narrow = w < 560;
  const labelWidth = Math.min(narrow ? 120 : 190, Math.max(...shown.map((i) => i.short.length)) * CHAR_PX);
  const cell = Math.max(14, Math.min(48, Math.floor((w - labelWidth - 24) / names.length)));
  const x = {
    field: 'category',
    type: 'nominal',
    sort: names,
    axis: {
      title: null,
      orient: 'top',
      labelAngle: narrow ? -90 : -40,
      labelAlign: 'left',
      labelLimit: 220,
      labelFontSize: 12,
    },
  } as const;
  const y = {
    field: 'factor',
    type: 'nominal',
    sort: shown.map((i) => i.short),
    axis: { title: null, labelLimit: labelWidth + 10 },
  } as const;
  const spec = {
    ...base(w, colors),
    width: cell * names.length,
    height: { step: 20 },
    data: { values },
    encoding: { x, y },
    layer: [
      {
        mark: { type: 'rect', stroke: colors.background, strokeWidth: 1 },
        encoding: {
          color: {
            field: 'p',
            type: 'quantitative',
            scale: { domain: [0, 1], range: [LOW_CELL, colors.accent], interpolate: 'rgb' },
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
      cell >= 22
        ? {
            mark: { type: 'text', fontSize: 11 },
            encoding: { text: { field: 'text' }, fill: { field: 'ink', type: 'nominal', scale: null } },
          }
        : null,
    ].filter(Boolean),
  };
  return withoutAria(spec) as unknown as TopLevelSpec;
}

/**
 * Over-representation of each category in the groups of one dimension (ratio to the overall share).
 * @example characteristicsSpec(result, {dimension: 'gender'}).facet.field // 'group'
 */
export function characteristicsSpec(
  r: DemandResult,
  { width = 640, colors = LIGHT_COLORS, dimension = 'gender' }: SpecOptions = {},
): TopLevelSpec | null {
  const groups = r.characteristics.filter((c) => c.dimension === dimension);
  if (!groups.length || !r.categories.length) return null;
  const w = Math.max(200, Math.floor(width));
  const names = r.categories.map((c) => c.name);
  const floor = 0.1;
  const ceil = 10;
  const values: Record<string, unknown>[] = [];
  let lo = 0.5;
  let hi = 2;
  for (const g of groups)
    g.categories.forEach((c, k) => {
      if (!Number.isFinite(c.ratio)) return;
      const clear = c.lower > 1 || c.upper < 1;
      const lower = Math.max(floor, c.lower);
      const upper = Math.min(ceil, c.upper);
      lo = Math.min(lo, lower);
      hi = Math.max(hi, upper);
      values.push({
        group: `${g.group} (${g.n.toLocaleString('en-GB')})`,
        category: names[k],
        ratio: Math.min(ceil, Math.max(floor, c.ratio)),
        lower,
        upper,
        fill: clear ? colors.accent : colors.background,
      });
    });
  const domain = [niceLog(lo, false), niceLog(hi, true)];
  const labelWidth = Math.min(w < 480 ? 150 : 230, Math.max(...names.map((n) => n.length)) * CHAR_PX * 0.95);
  const labels = groups.map((g) => `${g.group} (${g.n.toLocaleString('en-GB')})`);
  // Side by side with one shared axis of names when the panels fit at 100 px or more; otherwise
  // wrapped, each panel with its own names (on a phone, one panel a row).
  const sideBySide = (w - labelWidth - 16 * groups.length) / groups.length >= 100;
  const columns = sideBySide ? groups.length : Math.max(1, Math.floor(w / (labelWidth + 150)));
  const panel = sideBySide
    ? Math.floor((w - labelWidth - 16 * groups.length) / groups.length)
    : Math.max(80, Math.floor(w / columns - labelWidth - 24));
  const x = {
    type: 'quantitative',
    scale: { type: 'log', domain, nice: false, clamp: true },
  } as const;
  const header = {
    title: null,
    labelFontWeight: 'bold',
    labelAnchor: 'start',
    labelLimit: panel + 10,
  } as const;
  const spec = {
    ...base(w, colors),
    data: { values },
    ...(sideBySide
      ? { facet: { column: { field: 'group', type: 'nominal', sort: labels, header } } }
      : { facet: { field: 'group', type: 'nominal', sort: labels, header }, columns }),
    spacing: { column: 16, row: 24 },
    resolve: { axis: { y: sideBySide ? 'shared' : 'independent' } },
    spec: {
      width: panel,
      height: { step: 22 },
      encoding: {
        y: {
          field: 'category',
          type: 'nominal',
          sort: names,
          axis: { title: null, labelLimit: labelWidth + 10 },
        },
      },
      layer: [
        {
          data: { values: [{ one: 1 }] },
          mark: { type: 'rule', color: colors.muted, strokeDash: [4, 3] },
          encoding: { x: { ...x, field: 'one' }, y: null },
        },
        {
          mark: { type: 'rule', color: colors.text, strokeWidth: 1.5 },
          encoding: { x: { ...x, field: 'lower' }, x2: { field: 'upper' } },
        },
        {
          mark: {
            type: 'point',
            shape: 'circle',
            size: 50,
            strokeWidth: 2,
            color: colors.accent,
            opacity: 1,
          },
          encoding: {
            x: {
              ...x,
              field: 'ratio',
              axis: {
                title: null,
                values: logTicks(domain),
                format: '~g',
                grid: true,
              },
            },
            fill: { field: 'fill', type: 'nominal', scale: null },
          },
        },
      ],
    },
  };
  delete (spec as { width?: number }).width;
  return withoutAria(spec) as unknown as TopLevelSpec;
}

/** Colour of a heatmap cell at 0. */
const LOW_CELL = '#f3f2f1';

function rgb(hex: string): [number, number, number] | null {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  return m ? [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)] : null;
}

/** The colour a fraction t of the way from a to b (as the scale interpolates, in RGB), or null. */
export function mix(a: string, b: string, t: number): [number, number, number] | null {
  const x = rgb(a);
  const y = rgb(b);
  return x && y ? ([0, 1, 2].map((i) => x[i]! + (y[i]! - x[i]!) * t) as [number, number, number]) : null;
}

function luminance([r, g, b]: [number, number, number]): number {
  const f = (c: number) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
}

/**
 * White or black, whichever contrasts more with the cell: at least 4.58:1 on any colour (WCAG relative
 * luminance; black and white cross over at luminance 0.179), so the numbers pass 1.4.3 on every cell.
 */
export function inkOn(cell: [number, number, number] | null): string {
  if (!cell) return '#000000';
  const l = luminance(cell);
  return 1.05 / (l + 0.05) > (l + 0.05) / 0.05 ? '#ffffff' : '#000000';
}

function niceLog(v: number, up: boolean): number {
  const steps = [0.1, 0.2, 0.25, 0.5, 1, 2, 4, 5, 10];
  return up ? (steps.find((s) => s >= v) ?? 10) : ([...steps].reverse().find((s) => s <= v) ?? 0.1);
}

function logTicks([lo, hi]: number[]): number[] {
  return [0.1, 0.25, 0.5, 1, 2, 4, 10].filter((t) => t >= lo! - 1e-9 && t <= hi! + 1e-9);
}

/** The spec of a view (null when the view has nothing to draw). */
export function viewSpec(r: DemandResult, view: DemandView, options: SpecOptions = {}): TopLevelSpec | null {
  switch (view) {
    case 'trend':
      return trendSpec(r, options);
    case 'profile':
      return profileSpec(r, options);
    case 'characteristics':
      return characteristicsSpec(r, options);
    default:
      return r.categories.length ? shareSpec(r, options) : null;
  }
}
