// Registers <demand-category-chart> (and the chart it draws with); safe to import twice.
import '../internal/define-chart.js';
import { defineElement } from '../internal/define.js';
import { CscDemandCategoryChart } from './demand-category-chart.js';

defineElement('demand-category-chart', CscDemandCategoryChart);

declare global {
  interface HTMLElementTagNameMap {
    'demand-category-chart': CscDemandCategoryChart;
  }
}
