// The single-file entry (dist/csc-demand-widgets.js) for a plain <script type="module">: registers
// every element and exports their classes and the worker client (configure, getAnalysisClient).
// Each element loads its ready state (sentences, tables, charts: `<element>.view.ts`) lazily, and the
// chart (<csc-vega-chart>, also its own entry: chart.ts) with it, so this entry stays small.
// Element engineers: add `import './<element>/define.js';` and export the class below.
import './rereferral-curve/define.js';
import './dataset-summary/define.js';
import './attainment-gap-table/define.js';
import './demand-category-chart/define.js';

export { CscDatasetSummary, summarySentence } from './dataset-summary/dataset-summary.js';
export { CscAttainmentGapTable } from './attainment-gap-table/attainment-gap-table.js';
export { CscRereferralCurve } from './rereferral-curve/rereferral-curve.js';
export { CscDemandCategoryChart } from './demand-category-chart/demand-category-chart.js';
export type { CscVegaChart } from './internal/vega-chart.js';
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
