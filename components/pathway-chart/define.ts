// Registers <pathway-chart>; safe to import twice.
import { defineElement } from '../internal/define.js';
import { CscPathwayChart } from './pathway-chart.js';

/** Registers <pathway-chart> (the kit's entry calls it: see components/index.ts). */
export function definePathwayChart(): void {
  defineElement('pathway-chart', CscPathwayChart);
}

definePathwayChart();
