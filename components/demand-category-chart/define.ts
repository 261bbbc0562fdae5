// Registers <demand-category-chart>; safe to import twice.
import { defineElement } from '../internal/define.js';
import { CscDemandCategoryChart } from './demand-category-chart.js';

defineElement('demand-category-chart', CscDemandCategoryChart);

declare global {
  interface HTMLElementTagNameMap {
    'demand-category-chart': CscDemandCategoryChart;
  }
}
