// What the four Vega-Lite specs of <demand-category-chart> share (demand-category-chart.spec.ts has
// the contract): the options and colours, the frame every spec starts from, the words and numbers the
// marks write, and the ink that contrasts with a heatmap cell. Pure functions, no DOM, no Vega.
import { VEGA_LITE_SCHEMA, type VegaLiteSpec } from '../internal/vega-lite-spec.js';
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

export const FONT_PX = 13;
/** Width of a character of text at 13 px, on average (to wrap names before Vega measures them). */
export const CHAR_PX = 6.9;
export const LINE_PX = 16;

/** The plot width the element's width allows: never under 200 px. */
export const plotWidth = (width: number): number => Math.max(200, Math.floor(width));

/** A number to draw: published figures leave a suppressed share, index or ratio null. */
export const finite = (v: number | null | undefined): v is number =>
  typeof v === 'number' && Number.isFinite(v);

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

/**
 * The frame of every spec: Vega-Lite's schema, the background, and the sizes and colours of axis text
 * and text marks. The element's theme (vega-theme.ts: fonts, grid and domain colours) is the config
 * vega-embed starts from; this config is merged over it.
 */
export function vlBase(
  colors: SpecColors,
): Pick<VegaLiteSpec, '$schema' | 'background' | 'padding' | 'config'> {
  return {
    $schema: VEGA_LITE_SCHEMA,
    background: colors.background,
    padding: 5,
    config: {
      axis: {
        labelFontSize: FONT_PX,
        titleFontSize: FONT_PX,
        labelColor: colors.text,
        titleColor: colors.text,
      },
      legend: { labelColor: colors.text, titleColor: colors.text },
      text: { fontSize: FONT_PX, fill: colors.text },
    },
  };
}

/** Colour of a heatmap cell at 0. */
export const LOW_CELL = '#f3f2f1';

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
