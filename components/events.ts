// The kit's events and tags, typed for the page: every `csc-*` event an element fires, with its detail
// type, in the DOM's HTMLElementEventMap, so `el.addEventListener('csc-analysis-complete', (e) =>
// e.detail.result)` type-checks in a consumer's TypeScript without a cast; and every tag in
// HTMLElementTagNameMap, so `document.querySelector('rereferral-curve')` is a CscRereferralCurve.
// Both live here, in a module the entry's declarations reference (index.ts exports its types): a
// declaration in define.ts would be lost, as the entry's .d.ts keeps no import it only calls. The detail types are exported from the
// package entry (components/index.ts). The events bubble and are composed, so a listener on
// `document` or a container hears them too.
import type {
  AnalysisCompleteDetail,
  AnalysisErrorDetail,
  AnalysisProgressDetail,
  AnalysisStartDetail,
} from './internal/csc-element.js';
import type { SortChangeDetail } from './attainment-gap-table/attainment-gap-table.js';
import type { DemandViewChangeDetail } from './demand-category-chart/demand-category-chart.js';
import type { ViewChangeDetail } from './rereferral-curve/rereferral-curve.js';
import type { CscPathwayChart, PathwayViewChangeDetail } from './pathway-chart/pathway-chart.js';
import type { CscVegaChart } from './internal/vega-chart.js';
import type { CscAttainmentGapTable } from './attainment-gap-table/attainment-gap-table.js';
import type { CscDatasetSummary } from './dataset-summary/dataset-summary.js';
import type { CscDemandCategoryChart } from './demand-category-chart/demand-category-chart.js';
import type { CscRereferralCurve } from './rereferral-curve/rereferral-curve.js';

export type {
  AnalysisCompleteDetail,
  AnalysisErrorDetail,
  AnalysisProgressDetail,
  AnalysisStartDetail,
  DemandViewChangeDetail,
  PathwayViewChangeDetail,
  SortChangeDetail,
  ViewChangeDetail,
};

/** `csc-chart-error`: Vega could not be loaded, or the spec failed to draw. */
export interface ChartErrorDetail {
  message: string;
}

/** Every event the kit fires, by name (also the keys it adds to HTMLElementEventMap). */
export interface CscEventMap {
  /** An element started a request; `source` says which input it read. */
  'csc-analysis-start': CustomEvent<AnalysisStartDetail>;
  /** Progress of the worker's reading and analysis. */
  'csc-analysis-progress': CustomEvent<AnalysisProgressDetail>;
  /** An element has its result (`status` 'ready', or 'empty' when there is nothing to show). */
  'csc-analysis-complete': CustomEvent<AnalysisCompleteDetail>;
  /** An element failed: `error.message`, and the file's problems with their line numbers. */
  'csc-analysis-error': CustomEvent<AnalysisErrorDetail>;
  /** The reader switched view: `{view}` from <rereferral-curve>, `{view, dimension}` from <demand-category-chart>, `{view}` from <pathway-chart>. */
  'csc-view-change': CustomEvent<ViewChangeDetail | DemandViewChangeDetail | PathwayViewChangeDetail>;
  /** The reader sorted <attainment-gap-table>. */
  'csc-sort-change': CustomEvent<SortChangeDetail>;
  /** A chart was drawn. */
  'csc-chart-render': CustomEvent<undefined>;
  /** A chart could not be drawn. */
  'csc-chart-error': CustomEvent<ChartErrorDetail>;
}

declare global {
  // Interfaces merge, so these keys join the DOM's own events for every element and for `document`.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends CscEventMap {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface DocumentEventMap extends CscEventMap {}
  interface HTMLElementTagNameMap {
    'attainment-gap-table': CscAttainmentGapTable;
    'csc-dataset-summary': CscDatasetSummary;
    'demand-category-chart': CscDemandCategoryChart;
    'pathway-chart': CscPathwayChart;
    'rereferral-curve': CscRereferralCurve;
    'csc-vega-chart': CscVegaChart;
  }
}
