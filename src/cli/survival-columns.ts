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
  // Cells are nearly all a bare 0, 1 or 2: those are told by comparison, with no trimmed,
  // lower-cased copy of a million cells (which took a tenth of `km`'s reading).
  const word = (t: string): string => (t === '0' || t === '1' || t === '2' ? t : t.trim().toLowerCase());
  let logical = false;
  for (let i = 0; i < n && !logical; i++) {
    const t = text[i];
    if (t === '0' || t === '1' || t === '2') continue;
    const w = word(t);
    logical = w === 'true' || w === 'false' || w === 't' || w === 'f';
  }
  if (logical) {
    for (let i = 0; i < n; i++) {
      const w = word(text[i]);
      if (MISSING.has(w)) event[i] = NaN;
      else if (w === 'true' || w === 't') event[i] = 1;
      else if (w === 'false' || w === 'f') event[i] = 0;
      else throw badValue(table, name, i, text[i]);
    }
    return { event, coding: 'TRUE/FALSE' };
  }
  let twos = false;
  let zeros = false;
  for (let i = 0; i < n; i++) {
    const t = text[i];
    let v: number;
    if (t === '0') v = 0;
    else if (t === '1') v = 1;
    else if (t === '2') v = 2;
    else {
      const w = word(t);
      if (MISSING.has(w)) {
        event[i] = NaN;
        continue;
      }
      v = Number(w);
      if (v !== 0 && v !== 1 && v !== 2) throw badValue(table, name, i, t);
    }
    if (v === 2) twos = true;
    if (v === 0) zeros = true;
    event[i] = v;
  }
  if (twos && zeros) {
    const i = text.findIndex((t) => Number(word(t)) === 2);
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
