// The specs of <demand-category-chart>, pure functions of the demand result (src/analyses/
// demand-types.ts) and the width the element measured, all Vega-Lite: no DOM, no Vega at run time
// (type imports only), importable in Node and tested by rendering them headless with Vega
// (tests/src/specs/demand-category-chart.spec.test.ts). One file a view, all exported from here:
// - share (./demand-category-chart.spec-share.ts): a row per category, its name (with the share and
//   the comparison written out) on a line above a bar of its share, the 95% interval as a line
//   through the bar's end, and the benchmark as a tall tick. Names sit above the bars so long ones
//   never squeeze the plot on a phone.
// - trend (./demand-category-chart.spec-trend.ts): a small panel per category of its assessments per
//   financial year indexed to the base year = 100, on a shared scale, a rule at 100; a year the data
//   cover only in part is a hollow point.
// - profile (./demand-category-chart.spec-profile.ts): a heatmap of P(factor | category): rows the
//   factors (short names), columns the categories; every cell of 10% or more carries its percentage.
// - characteristics (./demand-category-chart.spec-characteristics.ts): for one dimension (gender, age
//   band or ethnic group), a panel per group of each category's ratio to its overall share (log
//   scale, a rule at 1) with its interval; a ratio whose interval excludes 1 is a filled point.
// Colour is never the only carrier: words, position, fill and the numbers in the cells do the work.
// Text is pre-formatted, suppressed figures are left out and conditional colours are chosen here, all
// as inline data. Marks, axes and legends are out of the accessibility tree (the theme's
// `aria: false`): the chart is one image named by the summary.
import type { VegaLiteSpec } from '../internal/vega-lite-spec.js';
import type { DemandResult } from '../../src/analyses/demand-types.js';
import type { DemandView, SpecOptions } from './demand-category-chart.spec-base.js';
import { characteristicsSpec } from './demand-category-chart.spec-characteristics.js';
import { profileSpec } from './demand-category-chart.spec-profile.js';
import { shareSpec } from './demand-category-chart.spec-share.js';
import { trendSpec } from './demand-category-chart.spec-trend.js';

export {
  LIGHT_COLORS,
  comparisonWords,
  inkOn,
  mix,
  pct,
  wrap,
  type DemandView,
  type Dimension,
  type SpecColors,
  type SpecOptions,
} from './demand-category-chart.spec-base.js';
export { characteristicsSpec, profileSpec, shareSpec, trendSpec };

/** The spec of a view (null when the view has nothing to draw). */
export function viewSpec(r: DemandResult, view: DemandView, options: SpecOptions = {}): VegaLiteSpec | null {
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
