// Registers <csc-dataset-summary> (and the chart it may use); safe to import twice.
import { defineElement } from '../internal/define.js';
import { CscDatasetSummary } from './dataset-summary.js';

/** Registers <csc-dataset-summary> (the kit's entry calls it: see components/index.ts). */
export function defineDatasetSummary(): void {
  defineElement('csc-dataset-summary', CscDatasetSummary);
}

defineDatasetSummary();
