// The specs of <pathway-chart>, pure functions of what the element shows (a pathways result or a
// published summary's section: pathway-chart.types.ts) and the width the element measured: no DOM,
// no Vega at run time (type imports only), tested by drawing them headless with Vega
// (tests/src/specs/pathway-chart.spec.test.ts). One file a view, all Vega-Lite, all exported here:
// - pathways (./pathway-chart.spec-pathways.ts): a 100% bar a row (England, the council, each
//   category) of the highest intervention within the window, ▲/▼ on shares above or below the council's.
// - adjusted (./pathway-chart.spec-adjusted.ts): forest plot of the adjusted odds ratios of a plan and
//   of care by category, 95% Wald intervals, log scale.
// - gradient (./pathway-chart.spec-gradient.ts): plan-or-care share by deprivation decile, overall
//   with intervals and by group.
// - plans (./pathway-chart.spec-plans.ts): plans whose assessment did not record their category.
// Colour is never the only carrier: words above each row, symbols, shapes and dashes do the work.
// Marks and guides are out of the accessibility tree (the kit's theme): the chart is one image named
// by the summary sentence, and the table under it carries the figures.
import type { VegaLiteSpec } from '../internal/vega-lite-spec.js';
import { adjustedSpec } from './pathway-chart.spec-adjusted.js';
import type { PathwayView, PathwaysShown, SpecOptions } from './pathway-chart.spec-base.js';
import { gradientSpec } from './pathway-chart.spec-gradient.js';
import { pathwaysSpec } from './pathway-chart.spec-pathways.js';
import { plansSpec } from './pathway-chart.spec-plans.js';

export {
  LIGHT_COLORS,
  type PathwayView,
  type SpecColors,
  type SpecOptions,
} from './pathway-chart.spec-base.js';
export { adjustedSpec, gradientSpec, pathwaysSpec, plansSpec };

/** The spec of a view (null when the view has nothing to draw). */
export function viewSpec(
  r: PathwaysShown,
  view: PathwayView,
  options: SpecOptions = {},
): VegaLiteSpec | null {
  switch (view) {
    case 'adjusted':
      return adjustedSpec(r, options);
    case 'gradient':
      return gradientSpec(r, options);
    case 'plans':
      return plansSpec(r, options);
    default:
      return r.categories.length ? pathwaysSpec(r, options) : null;
  }
}
