// What the four Vega-Lite specs of <pathway-chart> share (pathway-chart.spec.ts has the contract): the
// options and colours, the words and numbers the marks write, and the row layout every view uses: a
// row per group, its name (with the figures written out) on lines above its marks, so long category
// names never squeeze the plot on a phone. Fonts, axis and grid colours come from the kit's theme
// (components/internal/vega-theme.ts), which <csc-vega-chart> applies; the specs set only the
// colours their marks carry. Pure functions, no DOM, no Vega at run time.
import type { PathwaysShown } from './pathway-chart.types.js';

export type PathwayView = 'pathways' | 'adjusted' | 'gradient' | 'plans';

/** The colours the marks use (the element passes its theme's tokens). */
export interface SpecColors {
  text: string;
  muted: string;
  background: string;
  accent: string;
  /** The four outcomes' fills: no further action, child in need, plan, care (the theme's palette). */
  outcomes: readonly [string, string, string, string];
}

export const LIGHT_COLORS: SpecColors = {
  text: '#0b0c0c',
  muted: '#505a5f',
  background: '#ffffff',
  accent: '#12436D',
  outcomes: ['#b1b4b6', '#28A197', '#12436D', '#801650'],
};

export interface SpecOptions {
  /** Chart width in px (the element's content width). */
  width?: number;
  colors?: SpecColors;
}

export type { PathwaysShown };

export const FONT_PX = 13;
/** Width of a character of text at 13 px, on average (to wrap names before Vega measures them). */
export const CHAR_PX = 6.9;
export const LINE_PX = 16;
export const BAR_PX = 16;

/** The plot width the element's width allows: never under 200 px. */
export const plotWidth = (width: number): number => Math.max(200, Math.floor(width));

/** A number to draw: published figures leave a suppressed share or ratio null. */
export const finite = (v: number | null | undefined): v is number =>
  typeof v === 'number' && Number.isFinite(v);

/** '21%' for 0.21; 'c' for a withheld share. */
export const pct = (v: number | null | undefined): string => (finite(v) ? `${Math.round(v * 100)}%` : 'c');

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

/** How many characters a line of the plot's width holds. */
export const lineChars = (w: number): number => Math.max(20, Math.floor((w - 8) / CHAR_PX));

/**
 * Black or white, whichever contrasts more with a fill given as #rrggbb (WCAG relative luminance:
 * at least 4.58:1 on any colour); the text colour for a fill that is not hex (forced colours).
 */
export function inkOn(fill: string, fallback: string): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(fill.trim());
  if (!m) return fallback;
  const lin = (h: string) => {
    const v = parseInt(h, 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * lin(m[1]!) + 0.7152 * lin(m[2]!) + 0.0722 * lin(m[3]!);
  return 1.05 / (l + 0.05) > (l + 0.05) / 0.05 ? '#ffffff' : '#000000';
}

/**
 * The frame of a row-per-group spec: the rows on a band scale with no padding, a row `step` px tall,
 * the names' lines at its top (a text layer named 'names'); the caller adds its layers.
 */
export function rowFrame(rows: readonly { key: string; lines: string[] }[], step: number, text: string) {
  return {
    height: step * rows.length,
    encoding: {
      y: {
        field: 'key',
        type: 'nominal',
        sort: null,
        axis: null,
        scale: { paddingInner: 0, paddingOuter: 0 },
      },
    },
    names: {
      name: 'names',
      mark: {
        type: 'text',
        x: 0,
        yOffset: 4 - step / 2,
        align: 'left',
        baseline: 'top',
        lineHeight: LINE_PX,
        fontSize: FONT_PX,
        fill: text,
      },
      encoding: { text: { field: 'lines' } },
    },
  } as const;
}
