// Draws a spec with the kit's Vega: the half of <csc-vega-chart> (vega-chart.ts) that needs Vega, so
// it travels in the lazy Vega chunk rather than in what every page loads first.
//
// As vega-embed did, minus what a strict CSP or a shadow root forbids: the Vega spec is parsed with
// the theme as its config and `{ast: true}`, run by vega-interpreter (no `eval`) and rendered as SVG
// into `box`, with hover encoding; tooltips go to `onTooltip` (the element draws them in its own
// shadow root).
import type { Spec as VegaSpec, View as VegaView } from 'vega';
import { View, expressionInterpreter, parse } from './vega-runtime.js';

/** A drawn chart: its Vega view and the Vega spec it runs. */
export interface DrawnChart {
  view: VegaView;
  vgSpec: VegaSpec;
  /** Finalizes the view once (removes its listeners and timers). */
  finalize: () => void;
}

export interface DrawOptions {
  /** Vega config (the theme). */
  config: Record<string, unknown>;
  onTooltip: (event: MouseEvent, value: unknown) => void;
  /** Called with +1 when a view is made and -1 when it is finalized. */
  count: (delta: number) => void;
}

/** Draws `spec` into `box` (emptied first); resolves once rendered. */
export async function drawChart(
  box: HTMLElement,
  vgSpec: VegaSpec,
  { config, onTooltip, count }: DrawOptions,
): Promise<DrawnChart> {
  const view = new View(parse(vgSpec, config, { ast: true }), {
    renderer: 'svg',
    expr: expressionInterpreter,
    logLevel: 2, // warnings in the console, as vega-embed
  });
  count(1);
  let finalized = false;
  const chart: DrawnChart = {
    view,
    vgSpec,
    finalize: () => {
      if (finalized) return;
      finalized = true;
      view.finalize();
      count(-1);
    },
  };
  view.tooltip((_handler: unknown, event: MouseEvent, _item: unknown, value: unknown) =>
    onTooltip(event, value),
  );
  view.hover();
  try {
    box.replaceChildren();
    await view.initialize(box).runAsync();
  } catch (e) {
    chart.finalize();
    throw e;
  }
  return chart;
}

/** The design tokens as Vega config, read from `style` (the host's computed style: a page's theme applies). */
export function themeConfig(style: CSSStyleDeclaration): Record<string, unknown> {
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const text = v('--_text', '#0b0c0c');
  const text2 = v('--_text-2', '#484949');
  const border = v('--_border', '#b1b4b6');
  const font = v('--_font', 'Arial, sans-serif');
  const background = v('--_bg', '#ffffff');
  const palette = ['--_c1', '--_c2', '--_c3', '--_c4', '--_c5', '--_c6'].map((n, i) =>
    v(n, ['#12436D', '#28A197', '#801650', '#F46A25', '#3D3D3D', '#A285D1'][i]!),
  );
  return {
    background,
    font,
    // Every range Vega's defaults would name a colour scheme for: the build leaves Vega's schemes out
    // (rollup.config.mjs), so a chart's colours always come from the tokens.
    range: {
      category: palette,
      ordinal: palette,
      ramp: [background, palette[0]],
      heatmap: [background, palette[0]],
      diverging: [palette[3], background, palette[0]],
    },
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
    text: { fill: text, font },
  };
}
