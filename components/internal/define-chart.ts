// Registers <csc-vega-chart>, the chart every element draws with (see vega-chart.ts). The elements'
// views and the chart entry (components/chart.ts) call defineChart() at their top level: a call
// rather than a bare `import './define-chart.js'`, so a bundler that trusts package.json's
// "sideEffects" list cannot drop the registration from a chunk of ours it does not list.
import { defineElement } from './define.js';
import { CscVegaChart } from './vega-chart.js';

export function defineChart(): void {
  defineElement('csc-vega-chart', CscVegaChart);
}

declare global {
  interface HTMLElementTagNameMap {
    'csc-vega-chart': CscVegaChart;
  }
}
