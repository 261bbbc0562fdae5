// What `csc-demand km` and `csc-demand cox` share: the event column's coding, told from its values
// and stated in the output (their JSON, with R's conventions for NA and Inf, is json-stream.ts).
//
// Event codings accepted (R's Surv accepts the same): 0/1 (1 = event); TRUE/FALSE (also T/F);
// and R's status coding 1/2 (2 = event, 1 = censored), chosen when every value is 1 or 2 and at
// least one is 2 (a column of 1s alone is read as 0/1, all events, as Surv does). Empty cells and
// NA, NaN, N/A, NULL, '.' are missing. Anything else throws, naming the file, line and value.
import type { GenericTable } from '../data/generic-table.js';

export type EventCoding = '0/1' | '1/2' | 'TRUE/FALSE';

const MISSING = new Set(['', 'na', 'nan', 'n/a', 'null', '.']);

/**
 * The event indicator (1 event, 0 censored, NaN missing) and the coding it was written in.
 * @example eventColumn(table, 'status') // {event: Float64Array [1, 0, ...], coding: '1/2'}
 */
export function eventColumn(table: GenericTable, name: string): { event: Float64Array; coding: EventCoding } {
  const text = table.text(name);
  const n = text.length;
  const event = new Float64Array(n);
  const words = text.map((t) => t.trim().toLowerCase());
  if (words.some((w) => w === 'true' || w === 'false' || w === 't' || w === 'f')) {
    words.forEach((w, i) => {
      if (MISSING.has(w)) event[i] = NaN;
      else if (w === 'true' || w === 't') event[i] = 1;
      else if (w === 'false' || w === 'f') event[i] = 0;
      else throw badValue(table, name, i, text[i]);
    });
    return { event, coding: 'TRUE/FALSE' };
  }
  let twos = false;
  let zeros = false;
  words.forEach((w, i) => {
    if (MISSING.has(w)) {
      event[i] = NaN;
      return;
    }
    const v = Number(w);
    if (v !== 0 && v !== 1 && v !== 2) throw badValue(table, name, i, text[i]);
    if (v === 2) twos = true;
    if (v === 0) zeros = true;
    event[i] = v;
  });
  if (twos && zeros) {
    const i = words.findIndex((w) => Number(w) === 2);
    throw badValue(table, name, i, text[i], ' (the column mixes 0 and 2)');
  }
  if (twos) {
    for (let i = 0; i < n; i++) event[i] -= 1;
    return { event, coding: '1/2' };
  }
  return { event, coding: '0/1' };
}

function badValue(table: GenericTable, name: string, i: number, value: string, why = ''): Error {
  return new Error(
    `${table.file} line ${table.lines[i]}, column ${name}: '${value}' is not an event code${why}; ` +
      `expected 0/1, TRUE/FALSE or R's 1/2 status (2 = event)`,
  );
}
