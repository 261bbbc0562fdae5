// Registers <csc-vega-chart>, the chart every element draws with (see vega-chart.ts).
import { defineElement } from './define.js';
import { CscVegaChart } from './vega-chart.js';

defineElement('csc-vega-chart', CscVegaChart);
