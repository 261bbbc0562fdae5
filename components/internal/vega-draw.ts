// Draws a spec through vega-embed: the half of <csc-vega-chart> (vega-chart.ts) that needs Vega, so
// stock vega, vega-lite and vega-embed travel together in one lazy chunk rather than in what every
// page loads first.
//
// Strict CSP (no eval, no inline style): `ast: true` with vega-interpreter's expressionInterpreter,
// `defaultStyle: false` (vega-embed injects no <style>), `actions: false` (the elements' download
// buttons are the accessible version of its menu), `renderer: 'svg'`, and a tooltip handler of the
// element's (vega-tooltip would add its element and an inline <style> to the document).
//
// In slices: a Vega-Lite spec is compiled here (as vega-embed would compile it: the theme as its
// config, then the titles patch; the result drawn as Vega without hover, as vega-embed draws
// Vega-Lite), then the page gets a task before Vega parses and runs it, and the view's first dataflow
// run breaks into tasks of about 20 ms (vega-slice.ts). While printing, nothing waits for a task.
import embed, { type VisualizationSpec } from 'vega-embed';
import { View, logger as vegaLogger, Warn, type Spec as VegaSpec } from 'vega';
import { compile, type Config, type TopLevelSpec } from 'vega-lite';

import { expressionInterpreter } from 'vega-interpreter';
import { titlesOutOfTree } from './vega-theme.js';
import { nextTask, sliceFirstRun, startSlice, stopSlicing } from './vega-slice.js';

export { finishNow, resumeSlicing } from './vega-slice.js';

/** A view whose first dataflow run is sliced into tasks (vega-slice.ts). */
class SlicedView extends View {
  constructor(...args: ConstructorParameters<typeof View>) {
    super(...args);
    sliceFirstRun(this);
  }
}

const isVegaLite = (spec: VisualizationSpec): boolean =>
  /\/vega-lite\//.test(String((spec as { $schema?: unknown }).$schema ?? ''));

export { themeConfig } from './vega-theme.js';

/** A drawn chart: its Vega view. */
export interface DrawnChart {
  view: View;
  /** Finalizes the view once (removes its listeners and timers). */
  finalize: () => void;
}

export interface DrawOptions {
  /** The theme (vega-theme.ts): the spec's own config wins over it. */
  config: Config;
  onTooltip: (event: MouseEvent, value: unknown) => void;
  /** Called with +1 when a view is made and -1 when it is finalized. */
  count: (delta: number) => void;
}

/**
 * Draws `spec` (Vega-Lite or Vega) into `box`; resolves once rendered, rejects with Vega's message when
 * the spec fails: compiling, parsing, or while the dataflow runs (Vega logs those rather than throwing,
 * so the logger keeps the first and the draw fails with it: never a blank box that says it drew).
 */
export async function drawChart(
  box: HTMLElement,
  spec: VisualizationSpec,
  { config, onTooltip, count }: DrawOptions,
): Promise<DrawnChart> {
  const log = vegaLogger(Warn);
  let failure: string | null = null;
  const error = log.error.bind(log);
  log.error = (...args: unknown[]) => {
    failure ??= args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ');
    return error(...args);
  };
  startSlice();
  const vegaLite = isVegaLite(spec);
  let input = spec;
  if (vegaLite) {
    input = titlesOutOfTree(compile(spec as TopLevelSpec, { config, logger: log }).spec) as VegaSpec;
    await nextTask();
  }
  const result = await embed(box, input, {
    // Compiled here with the theme: Vega parses it with no config of its own, as vega-embed does.
    ...(vegaLite ? { mode: 'vega' as const, hover: false } : { config, patch: titlesOutOfTree }),
    viewClass: SlicedView,
    ast: true,
    expr: expressionInterpreter,
    defaultStyle: false,
    actions: false,
    renderer: 'svg',
    logger: log,
    tooltip: (_handler: unknown, event: MouseEvent, _item: unknown, value: unknown) =>
      onTooltip(event, value),
  });
  stopSlicing(result.view);
  count(1);
  let finalized = false;
  const chart: DrawnChart = {
    view: result.view,
    finalize: () => {
      if (finalized) return;
      finalized = true;
      result.finalize();
      count(-1);
    },
  };
  if (failure) {
    chart.finalize();
    box.replaceChildren();
    throw new Error(failure);
  }
  return chart;
}
