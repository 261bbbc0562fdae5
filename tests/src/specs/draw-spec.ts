// Draws a spec headless in Node the way <csc-vega-chart> does in a page (components/internal/
// vega-draw.ts): a Vega-Lite spec compiled by stock vega-lite with the kit's theme as its config, a
// Vega spec parsed with the theme, titles out of the accessibility tree (the `patch` the page
// applies); `{ast: true}` and vega-interpreter (no eval, as under a strict
// CSP); rendered to SVG. Any warning or error Vega or Vega-Lite logs fails the draw.
import { View, Warn, logger, parse, type Spec } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { expressionInterpreter } from 'vega-interpreter';
import { themeConfig, titlesOutOfTree } from '../../../components/internal/vega-theme.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Vega's scenegraph and JSON
type Json = any;

/** The theme as the element passes it (the tokens' defaults: no stylesheet in Node). */
export const THEME = themeConfig();

export interface Drawn {
  svg: string;
  /** The Vega spec drawn (compiled from Vega-Lite, or as given). */
  vega: Spec;
  /** The scenegraph's root group. */
  root: Json;
}

const isVegaLite = (spec: Json): boolean => /\/vega-lite\//.test(String(spec.$schema ?? ''));

/** Draws `spec`; rejects with what Vega logged when it warns or fails. */
export async function drawSpec(spec: object): Promise<Drawn> {
  const problems: string[] = [];
  const log = logger(Warn);
  log.warn = (...a: unknown[]) => (problems.push(a.join(' ')), log);
  log.error = (...a: unknown[]) => (problems.push(a.join(' ')), log);
  const vega = titlesOutOfTree(
    isVegaLite(spec) ? compile(spec as TopLevelSpec, { config: THEME, logger: log }).spec : (spec as Spec),
  );
  const runtime = parse(vega, isVegaLite(spec) ? {} : (THEME as Json), { ast: true });
  const view = new View(runtime, { renderer: 'none', expr: expressionInterpreter as Json, logger: log });
  try {
    await view.runAsync();
    const svg = await view.toSVG();
    if (problems.length) throw new Error(problems.join('\n'));
    return { svg, vega, root: (view.scenegraph() as Json).root };
  } finally {
    view.finalize();
  }
}

/** Every item of marks whose name starts with `name` (Vega-Lite names marks `<mark name>_marks`). */
export function itemsOf(root: Json, name: string): Json[] {
  const out: Json[] = [];
  const walk = (node: Json): void => {
    for (const mark of node.items ?? []) {
      if (mark.marktype === undefined) {
        walk(mark);
        continue;
      }
      if (typeof mark.name === 'string' && mark.name.startsWith(name)) out.push(...mark.items);
      if (mark.marktype === 'group') for (const g of mark.items) walk(g);
    }
  };
  walk(root);
  return out;
}
