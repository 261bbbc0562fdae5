// Registers <csc-dataset-summary> (and the chart it may use); safe to import twice.
import { defineElement } from '../internal/define.js';
import { CscDatasetSummary } from './dataset-summary.js';

defineElement('csc-dataset-summary', CscDatasetSummary);

declare global {
  interface HTMLElementTagNameMap {
    'csc-dataset-summary': CscDatasetSummary;
  }
}
