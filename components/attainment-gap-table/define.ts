// Registers <attainment-gap-table>; safe to import twice.
import { defineElement } from '../internal/define.js';
import { CscAttainmentGapTable } from './attainment-gap-table.js';

/** Registers <attainment-gap-table> (the kit's entry calls it: see components/index.ts). */
export function defineAttainmentGapTable(): void {
  defineElement('attainment-gap-table', CscAttainmentGapTable);
}

defineAttainmentGapTable();
