// The chart entry (dist/chart.js, `import 'csc-demand-widgets/chart'`): registers <csc-vega-chart>,
// the chart every element draws with, and exports its class, for a page that draws a Vega spec of its
// own with the kit's theme, lazy Vega and strict-CSP rendering. The elements register it themselves
// with their views, so the main entry (index.ts) leaves it out of what a page loads first.
import { defineChart } from './internal/define-chart.js';

defineChart();

export { CscVegaChart } from './internal/vega-chart.js';
export type { ChartErrorDetail, CscEventMap } from './events.js';
