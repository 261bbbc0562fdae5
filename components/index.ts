// The single-file entry (dist/csc-demand-widgets.js) for a plain <script type="module">: registers
// every element and exports their classes and the worker client (configure, getAnalysisClient).
// Each element loads its ready state (sentences, tables, charts: `<element>.view.ts`) lazily, and the
// chart (<csc-vega-chart>, also its own entry: chart.ts) with it, so this entry stays small.
//
// Registration is a call made here, in the entry file, rather than a bare `import './x/define.js'`:
// Rollup puts the define modules into a shared hashed chunk, and a bundler (Vite, Rollup, webpack)
// that trusts package.json's "sideEffects" (which lists this entry, not the chunks) would drop a
// bare import's registration from a production build, leaving every tag undefined. A call from a
// module listed there is kept. Element engineers: export a `define<Element>()` from the element's
// define.ts, call it below, and export the class.
import { defineRereferralCurve } from './rereferral-curve/define.js';
import { defineDatasetSummary } from './dataset-summary/define.js';
import { defineAttainmentGapTable } from './attainment-gap-table/define.js';
import { defineDemandCategoryChart } from './demand-category-chart/define.js';
import { definePathwayChart } from './pathway-chart/define.js';

defineRereferralCurve();
defineDatasetSummary();
defineAttainmentGapTable();
defineDemandCategoryChart();
definePathwayChart();

export { CscDatasetSummary, summarySentence } from './dataset-summary/dataset-summary.js';
export { CscAttainmentGapTable } from './attainment-gap-table/attainment-gap-table.js';
export { CscRereferralCurve } from './rereferral-curve/rereferral-curve.js';
export { CscDemandCategoryChart } from './demand-category-chart/demand-category-chart.js';
export { CscPathwayChart } from './pathway-chart/pathway-chart.js';
export type { CscVegaChart } from './internal/vega-chart.js';
// The events' detail types; importing the package also types `addEventListener('csc-…', …)`.
export type {
  AnalysisCompleteDetail,
  AnalysisErrorDetail,
  AnalysisProgressDetail,
  AnalysisStartDetail,
  ChartErrorDetail,
  CscEventMap,
  DemandViewChangeDetail,
  PathwayViewChangeDetail,
  SortChangeDetail,
  ViewChangeDetail,
} from './events.js';
export { CscElement } from './internal/csc-element.js';
export { configurePublishing, type PublishingSettings } from './internal/publishing.js';
export {
  AnalysisClient,
  AnalysisError,
  VERSION,
  configure,
  createAnalysisClient,
  getAnalysisClient,
  isAbort,
  type ClientConfig,
  type DataSource,
  type DatasetInfo,
  type DatasetSummary,
  type ProgressUpdate,
  type WorkerMode,
} from '../workers/client.js';
