// Registers <attainment-gap-table>; safe to import twice.
import { defineElement } from '../internal/define.js';
import { CscAttainmentGapTable } from './attainment-gap-table.js';

defineElement('attainment-gap-table', CscAttainmentGapTable);

declare global {
  interface HTMLElementTagNameMap {
    'attainment-gap-table': CscAttainmentGapTable;
  }
}
