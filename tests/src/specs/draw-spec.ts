// Draws a spec headless in Node the way <csc-vega-chart> does in a page (components/internal/
// vega-draw.ts): a Vega-Lite spec compiled by stock vega-lite with the kit's theme as its config, a
// Vega spec parsed with the theme, titles out of the accessibility tree (the `patch` the page
// applies); `{ast: true}` and the kit's compiled expressions (components/internal/vega-expr.ts: no
// eval, as under a strict CSP); rendered to SVG. Any warning or error Vega or Vega-Lite logs fails the
// draw. Every spec is also drawn with vega-interpreter, the evaluator the compiled expressions stand
// in for, and the two SVGs must be the same: so each element's charts check vega-expr.ts too.
import { View, Warn, logger, parse, type Spec } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { expressionInterpreter } from 'vega-interpreter';
import { themeConfig, titlesOutOfTree } from '../../../components/internal/vega-theme.js';
import { compiledExpressions } from '../../../components/internal/vega-expr.js';

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

/**
 * Draws `spec` with the kit's compiled expressions and with vega-interpreter; rejects with what Vega
 * logged when it warns or fails, or when the two SVGs differ.
 */
export async function drawSpec(spec: object): Promise<Drawn> {
  const drawn = await drawWith(spec, compiledExpressions);
  const reference = await drawWith(spec, expressionInterpreter);
  // Gradient and clip ids count up across the process's drawings: not the expressions' doing.
  const plain = (svg: string) => svg.replace(/\b(gradient|clip)_?\d+/g, '$1');
  const [a, b] = [plain(drawn.svg), plain(reference.svg)];
  if (a !== b) {
    let i = 0;
    while (a[i] === b[i]) i++;
    throw new Error(
      `compiled expressions drew another SVG than vega-interpreter at ${i}: ` +
        `${a.slice(i - 80, i + 80)} / ${b.slice(i - 80, i + 80)}`,
    );
  }
  return drawn;
}

/** Draws `spec` with the expression evaluator `expr`. */
export async function drawWith(spec: object, expr: object): Promise<Drawn> {
  const problems: string[] = [];
  const log = logger(Warn);
  log.warn = (...a: unknown[]) => (problems.push(a.join(' ')), log);
  log.error = (...a: unknown[]) => (problems.push(a.join(' ')), log);
  const vega = titlesOutOfTree(
    isVegaLite(spec) ? compile(spec as TopLevelSpec, { config: THEME, logger: log }).spec : (spec as Spec),
  );
  const runtime = parse(vega, isVegaLite(spec) ? {} : (THEME as Json), { ast: true });
  const view = new View(runtime, { renderer: 'none', expr: expr as Json, logger: log });
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
