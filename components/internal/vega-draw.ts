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
// Vega-Lite), then the page gets a task before Vega parses it, another before the view is made and
// initialised, and the view's first dataflow run breaks into tasks of about 20 ms (vega-slice.ts).
// While printing, nothing waits for a task. The parse and the view are made here as vega-embed's
// `embed` makes them for these options (`ast`, no actions, no default style, no hover for compiled
// Vega-Lite, the element's tooltip handler, the `fit-x`/`fit-y` classes), because `embed` parses and
// builds the view in one task (together some 60 ms of a chart's drawing on a 2-core machine).
import type { VisualizationSpec } from 'vega-embed';
import { View, loader as vegaLoader, logger as vegaLogger, parse, Warn, type Spec as VegaSpec } from 'vega';
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
  // Compiled here with the theme: Vega parses it with no config of its own, as vega-embed does.
  const runtime = vegaLite
    ? parse(input as VegaSpec, {}, { ast: true })
    : parse(titlesOutOfTree(input as VegaSpec) as VegaSpec, config as never, { ast: true });
  await nextTask();
  const view = new SlicedView(runtime, {
    loader: vegaLoader(),
    logger: log,
    renderer: 'svg',
    expr: expressionInterpreter,
  } as never);
  view.addSignalListener('autosize', (_name: string, autosize: { type?: string }) => {
    const { type } = autosize;
    box.classList.toggle('fit-x', type === 'fit-x' || type === 'fit');
    box.classList.toggle('fit-y', type === 'fit-y' || type === 'fit');
  });
  view.tooltip((_handler: unknown, event: MouseEvent, _item: unknown, value: unknown) =>
    onTooltip(event, value),
  );
  if (!vegaLite) view.hover();
  // The box is cleared only now, in the task that puts the new view in it: a chart drawn again (a
  // new width, a theme) keeps its old picture until then, never an empty box between tasks.
  box.classList.add('vega-embed');
  box.replaceChildren();
  count(1);
  let finalized = false;
  const chart: DrawnChart = {
    view,
    finalize: () => {
      if (finalized) return;
      finalized = true;
      view.finalize();
      count(-1);
    },
  };
  try {
    await view.initialize(box).runAsync();
  } catch (e) {
    chart.finalize();
    box.replaceChildren();
    throw e;
  } finally {
    stopSlicing(view);
  }
  if (failure) {
    chart.finalize();
    box.replaceChildren();
    throw new Error(failure);
  }
  return chart;
}
