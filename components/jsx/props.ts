// What a framework's templates may set on each element, derived from the classes so the JSX and Vue
// declarations (react.ts, vue.ts) follow the elements without a second list to keep up to date.
import type { LitElement } from 'lit';
import type { CscAttainmentGapTable } from '../attainment-gap-table/attainment-gap-table.js';
import type { CscDatasetSummary } from '../dataset-summary/dataset-summary.js';
import type { CscDemandCategoryChart } from '../demand-category-chart/demand-category-chart.js';
import type { CscPathwayChart } from '../pathway-chart/pathway-chart.js';
import type { CscRereferralCurve } from '../rereferral-curve/rereferral-curve.js';
import type { CscVegaChart } from '../internal/vega-chart.js';
import type { CscEventMap } from '../events.js';

/** The kit's elements by tag. */
export interface CscElements {
  'attainment-gap-table': CscAttainmentGapTable;
  'csc-dataset-summary': CscDatasetSummary;
  'demand-category-chart': CscDemandCategoryChart;
  'pathway-chart': CscPathwayChart;
  'rereferral-curve': CscRereferralCurve;
  'csc-vega-chart': CscVegaChart;
}

/** The element's own public data properties (src, data, results, view ...), not its methods. */
export type ElementProperties<E> = Partial<{
  [K in Exclude<keyof E, keyof LitElement> as E[K] extends (...args: never[]) => unknown ? never : K]: E[K];
}>;

/**
 * Listeners for the kit's events as `on` + the event's name (`oncsc-analysis-complete`): React 19
 * adds a listener for any `on…` prop of a custom element, under the name that follows `on`.
 */
export type EventProps = {
  [K in keyof CscEventMap as `on${K}`]?: (event: CscEventMap[K]) => void;
};
