// The kit's theme as a Vega-Lite `config`, made from the design tokens (tokens.ts) as the host element
// computes them, so a page's own tokens, dark mode and forced colours reach every chart. <csc-vega-chart>
// hands it to vega-embed as `config`: a spec's own `config` wins over it, property by property (for a
// Vega spec, Vega's parse merges it the same way: these keys mean the same in Vega's config).
// A pure function of a token reader (no DOM): the Node tests make it from the defaults.
import type { Config } from 'vega-lite';

/** The palette's light values (tokens.ts), for a token the page left empty. */
const PALETTE = ['#12436D', '#28A197', '#801650', '#F46A25', '#3D3D3D', '#A285D1'];

/** The theme from `read(name)` (a `--_` token's computed value; '' when unset, then the default). */
export function themeConfig(read: (name: string) => string = () => ''): Config {
  const v = (name: string, fallback: string) => read(name).trim() || fallback;
  const text = v('--_text', '#0b0c0c');
  const text2 = v('--_text-2', '#484949');
  const border = v('--_border', '#b1b4b6');
  const font = v('--_font', 'Arial, sans-serif');
  const background = v('--_bg', '#ffffff');
  const palette = PALETTE.map((fallback, i) => v(`--_c${i + 1}`, fallback));
  return {
    background,
    font,
    // The chart is one image named by its summary (vega-chart.ts) and the table under it carries the
    // figures: no ARIA roles or descriptions on marks, axes and legends.
    // (The top-level switch covers guides; marks take theirs from `mark`.)
    aria: false,
    mark: { aria: false },
    view: { stroke: null },
    range: { category: palette, ordinal: palette },
    // Fonts said per guide as well as at the top: Vega's own config (a Vega spec's) has no `font`.
    title: { color: text, font, fontSize: 16 },
    axis: {
      labelColor: text,
      titleColor: text,
      domainColor: text2,
      tickColor: text2,
      gridColor: border,
      labelFont: font,
      titleFont: font,
      labelFontSize: 13,
      titleFontSize: 13,
    },
    legend: { labelColor: text, titleColor: text, labelFont: font, titleFont: font, labelFontSize: 13 },
    header: { labelColor: text, titleColor: text, labelFont: font, titleFont: font, labelFontSize: 13 },
    text: { fill: text, font },
  };
}

/**
 * The compiled Vega spec with its titles out of the accessibility tree, unless the spec says
 * otherwise: a facet's panel headers are Vega titles, and Vega-Lite's config has no switch that
 * reaches them (it moves its `title` config into a style, which Vega's titles do not read for
 * `aria`). vega-embed applies this as its `patch`, after compiling and before parsing.
 */
export function titlesOutOfTree<T extends { config?: { title?: object } }>(spec: T): T {
  const config = spec.config ?? {};
  return { ...spec, config: { ...config, title: { aria: false, ...config.title } } };
}
