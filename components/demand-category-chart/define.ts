// Registers <demand-category-chart>; safe to import twice.
import { defineElement } from '../internal/define.js';
import { CscDemandCategoryChart } from './demand-category-chart.js';

/** Registers <demand-category-chart> (the kit's entry calls it: see components/index.ts). */
export function defineDemandCategoryChart(): void {
  defineElement('demand-category-chart', CscDemandCategoryChart);
}

defineDemandCategoryChart();
