// Disclosure control of several tables that publish some of the same counts: a count hidden in one
// table must be hidden in every table that shows it, or it could be read off the other one.
//
// Contract: `suppressLinked(tables, {threshold = 5})` takes tables of counts (`counts`, r x c), each
// with `key(i, j)` naming the entries of its table with totals ((r + 1) x (c + 1), row `r` the
// column totals, column `c` the row totals) that are the same count as an entry of another table
// (or of the same table: a column total equal to its only cell), null for the others. It runs
// suppressTable (disclosure.ts) on every table, hides in every table each key any table hid, and
// repeats until nothing changes. Entries sharing a key must hold the same value (a wiring check).
// Output: one SuppressedTable per table, in order.
// Why it ends and why it is safe: each round only adds hidden entries (finitely many), and hiding
// more never makes a hidden count recoverable from its table (every solution of the published
// constraints stays a solution), so each table keeps suppressTable's guarantee.
import { suppressTable, type Published, type SuppressedTable } from './disclosure.js';

export interface LinkedTable {
  counts: number[][];
  /** The key of entry (i, j) of the table with its totals, or null. */
  key?: (i: number, j: number) => string | null;
  /** Entries to hide from the start (suppressTable's `hide`): a caller's choice of which to give up. */
  hide?: readonly (readonly [number, number])[];
}

/**
 * Suppress linked tables consistently (see the file comment).
 * @example suppressLinked([yearTable, shareTable]) // a category total hidden in one is hidden in both
 */
export function suppressLinked(tables: LinkedTable[], { threshold = 5 } = {}): SuppressedTable[] {
  const hiddenKeys = new Set<string>();
  const values = new Map<string, number>();
  const entries = tables.map((t) => {
    const r = t.counts.length;
    const c = r ? t.counts[0]!.length : 0;
    const out: { i: number; j: number; key: string }[] = [];
    if (!t.key) return out;
    for (let i = 0; i <= r; i++)
      for (let j = 0; j <= c; j++) {
        const key = t.key(i, j);
        if (key === null) continue;
        out.push({ i, j, key });
        const v = valueAt(t.counts, i, j);
        const seen = values.get(key);
        if (seen !== undefined && seen !== v)
          throw new Error(
            `suppressLinked: invalid keys; '${key}' is ${seen} in one table and ${v} in another`,
          );
        values.set(key, v);
      }
    return out;
  });
  for (let round = 0; ; round++) {
    const before = hiddenKeys.size;
    const results = tables.map((t, k) => {
      const hide = [
        ...(t.hide ?? []),
        ...entries[k]!.filter((e) => hiddenKeys.has(e.key)).map((e) => [e.i, e.j] as const),
      ];
      const s = suppressTable(t.counts, { threshold, hide });
      for (const e of entries[k]!) if (entryOf(s, e.i, e.j) === 'c') hiddenKeys.add(e.key);
      return s;
    });
    if (hiddenKeys.size === before && round > 0) return results;
  }
}

/** Entry (i, j) of a suppressed table with its totals. */
export function entryOf(t: SuppressedTable, i: number, j: number): Published {
  const r = t.cells.length;
  const c = t.colTotals.length;
  if (i < r && j < c) return t.cells[i]![j]!;
  if (i < r) return t.rowTotals[i]!;
  if (j < c) return t.colTotals[j]!;
  return t.grandTotal;
}

function valueAt(counts: number[][], i: number, j: number): number {
  const r = counts.length;
  const c = r ? counts[0]!.length : 0;
  let s = 0;
  for (let a = 0; a < r; a++)
    for (let b = 0; b < c; b++) if ((i === r || a === i) && (j === c || b === j)) s += counts[a]![b]!;
  return s;
}

/**
 * A list of counts that add up to a total, as a one-row LinkedTable: each cell keyed by `keys[j]`
 * (its column total is the same count), the row total by `totalKey`.
 * @example listTable([atRisk, open, rc1], ['rr.n', null, null], 'rr.episodes')
 */
export function listTable(
  values: number[],
  keys: (string | null)[] = [],
  totalKey: string | null = null,
): LinkedTable {
  const c = values.length;
  const local = `list${++lists}:`;
  return {
    counts: [values],
    key: (_i, j) => (j < c ? (keys[j] ?? local + j) : totalKey),
  };
}

// Keys of list cells no other table shows: unique to their table.
let lists = 0;
