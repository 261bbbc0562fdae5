// The disclosure pass's own check of its tables taken together. suppressLinked (suppress-linked.ts)
// makes each table safe on its own and hides a shared count everywhere, but a combination of
// tables can still pin a count: the year table with the eras of code introduction gives the sum of
// the years after an era, which with a category column can close on one suppressed year. So after
// each suppression the pass states every table's equations over one set of variables (a keyed entry
// is one variable wherever it appears), fixes the published entries, and tightens the bounds of the
// hidden ones (bound-solver.ts: elimination, then integer interval propagation over non-negative
// counts). A hidden entry pinned to a value from 1 to the threshold is returned, with the published
// entries that share an equation with it, for the pass to hide one more and try again.
// Entries the summary never shows (an era's sum, early recordings, a difference between sections)
// are treated as published: an attacker can often guess them, so the check is on the safe side.
import { tightenBounds, type Equation } from './bound-solver.js';
import type { SuppressedTable } from './disclosure.js';
import { entryOf, type LinkedTable } from './suppress-linked.js';

export interface PinnedEntry {
  /** Table and entry (of the table with its totals) of the pinned count. */
  table: number;
  i: number;
  j: number;
  value: number;
  /** Published entries sharing an equation with it, smallest first and zeros last: candidates to hide. */
  neighbours: { table: number; i: number; j: number; value: number }[];
}

/** Hidden entries of `suppressed` that the tables' equations pin to 1..threshold (see the file comment). */
export function auditTables(
  tables: readonly LinkedTable[],
  suppressed: readonly SuppressedTable[],
  threshold: number,
): PinnedEntry[] {
  const index = new Map<string, number>();
  const lo: number[] = [];
  const hi: number[] = [];
  const value: number[] = [];
  const where: { table: number; i: number; j: number }[][] = [];
  const variable = (t: number, i: number, j: number): number => {
    const key = tables[t]!.key?.(i, j) ?? `#${t}:${i},${j}`;
    let v = index.get(key);
    if (v === undefined) {
      v = lo.length;
      index.set(key, v);
      const shown = entryOf(suppressed[t]!, i, j);
      const truth = valueAt(tables[t]!.counts, i, j);
      value.push(truth);
      lo.push(typeof shown === 'number' ? shown : 0);
      hi.push(typeof shown === 'number' ? shown : Infinity);
      where.push([]);
    }
    where[v]!.push({ table: t, i, j });
    // Hidden in one table, hidden in all (suppressLinked's rule): a hidden entry is unknown.
    if (typeof entryOf(suppressed[t]!, i, j) !== 'number') {
      lo[v] = 0;
      hi[v] = Infinity;
    }
    return v;
  };
  const equations: Equation[] = [];
  const lines: number[][] = [];
  tables.forEach((t, k) => {
    const r = t.counts.length;
    const c = r ? t.counts[0]!.length : 0;
    const at = Array.from({ length: r + 1 }, (_, i) =>
      Array.from({ length: c + 1 }, (_, j) => variable(k, i, j)),
    );
    for (let i = 0; i <= r; i++) lines.push(at[i]!);
    for (let j = 0; j <= c; j++) lines.push(at.map((row) => row[j]!));
  });
  for (const line of lines) {
    const total = line[line.length - 1]!;
    const terms = new Map<number, number>();
    for (const v of line.slice(0, -1)) terms.set(v, (terms.get(v) ?? 0) + 1);
    terms.set(total, (terms.get(total) ?? 0) - 1);
    const list = [...terms].filter(([, a]) => a !== 0);
    if (list.length) equations.push({ terms: list, rhs: 0, why: 'a table line' });
  }
  const bounds = tightenBounds({ lo: [...lo], hi: [...hi], equations });
  const pinned: PinnedEntry[] = [];
  value.forEach((v, k) => {
    if (lo[k] === hi[k]) return; // published
    if (bounds.lo[k] !== bounds.hi[k] || v < 1 || v > threshold) return;
    const near = new Map<number, { table: number; i: number; j: number; value: number }>();
    for (const line of lines)
      if (line.includes(k))
        for (const u of line)
          if (lo[u] === hi[u] && !near.has(u)) near.set(u, { ...where[u]![0]!, value: value[u]! });
    const [first] = where[k]!;
    // Smallest first, zeros last: a hidden zero beside a small count narrows it (disclosure.ts).
    const order = (x: { value: number }) => (x.value === 0 ? Infinity : x.value);
    pinned.push({ ...first!, value: v, neighbours: [...near.values()].sort((a, b) => order(a) - order(b)) });
  });
  return pinned;
}

function valueAt(counts: number[][], i: number, j: number): number {
  const r = counts.length;
  const c = r ? counts[0]!.length : 0;
  let s = 0;
  for (let a = 0; a < r; a++)
    for (let b = 0; b < c; b++) if ((i === r || a === i) && (j === c || b === j)) s += counts[a]![b]!;
  return s;
}
