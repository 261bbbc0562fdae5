// Disclosure control for published tables of counts, after the DfE convention: counts from 1 to the
// threshold (default 5) are shown as `c`, and further cells are suppressed (secondary suppression) so
// that no suppressed count can be recovered from the published totals of its table.
//
// Contract: `suppressTable(counts, {threshold = 5, hide = []})` takes an r x c matrix of
// non-negative integer counts; it publishes the cells, row totals, column totals and grand total with
// `'c'` in place of suppressed values. `hide` forces entries hidden (a count another table hides),
// which the method then protects like the small ones.
//
// Why the method works: with the totals published, every row and column is a linear constraint
// (cells sum to the total). Write the table with its totals as an (r+1) x (c+1) array in which every
// line sums to zero (totals negated); a suppressed entry is an edge between its row node and its
// column node of a bipartite graph. The values the suppressed entries can take, given everything
// published, differ from the truth by a flow around the graph's cycles, so an entry is recoverable
// exactly when its edge lies on no cycle (a bridge). Secondary suppression therefore puts every
// suppressed edge on a cycle: for a bridge it suppresses the cheapest path (by count, so the smallest
// cells go first) that closes a cycle through it. Zero cells are used only as a last resort: a
// suppressed zero next to a suppressed small count can narrow the count's range through
// non-negativity. The tests check the guarantee independently by linear algebra (rank test).

/** A published value: a count, or a symbol (`c` suppressed; `z` not applicable; `x` unavailable; `low` rounds to 0). */
export type Published = number | 'c' | 'z' | 'x' | 'low';

export interface SuppressedTable {
  cells: Published[][];
  rowTotals: Published[];
  colTotals: Published[];
  grandTotal: Published;
  /** Cells suppressed because they were between 1 and the threshold. */
  primary: number;
  /** Entries (cells or totals) suppressed to protect them. */
  secondary: number;
  threshold: number;
}

export interface SuppressOptions {
  /** Counts from 1 to this are suppressed; defaults to 5, the DfE convention. */
  threshold?: number;
  /**
   * Entries to hide whatever their value, as [row, column] of the table with its totals (row `r` holds
   * the column totals, column `c` the row totals): a count that another published table hides must
   * be hidden here too. They are protected like the others and counted as secondary.
   */
  hide?: readonly (readonly [number, number])[];
}

/**
 * The smallest threshold a published summary may use. Below 3 the protection is void: a threshold of
 * 0 publishes every count, and with 1 or 2 a count of 1 or 2 is shown, and a figure an attacker
 * works out lies in 1..2 (so its child is nearly identified). A council that wants unsuppressed
 * figures for its own intranet uses the record-level data, not a summary.
 */
export const MIN_THRESHOLD = 3;

/** The threshold rule in words, for every refusal (CLI, publishResults, validator, elements). */
export function thresholdRule(got: unknown): string {
  return `the disclosure threshold must be a whole number of at least ${MIN_THRESHOLD} (counts from 1 to the threshold are shown as c; a lower threshold would publish counts of 1 or 2), got ${String(got)}`;
}

/** Whether `t` is an allowed publication threshold (a whole number of at least MIN_THRESHOLD). */
export function isPublishableThreshold(t: unknown): t is number {
  return typeof t === 'number' && Number.isInteger(t) && t >= MIN_THRESHOLD;
}

/** Whether a count must be suppressed on its own (primary suppression). */
export function isSmallCount(value: number, threshold = 5): boolean {
  return value >= 1 && value <= threshold;
}

/**
 * Suppress a table of counts with its totals so that no small count can be seen or recovered.
 * @example suppressTable([[3, 10], [20, 30]]).cells // [['c', 'c'], ['c', 'c']] or similar: 3 is protected
 */
export function suppressTable(
  counts: number[][],
  { threshold = 5, hide = [] }: SuppressOptions = {},
): SuppressedTable {
  if (!Number.isInteger(threshold) || threshold < 0)
    throw new Error(`suppressTable: invalid threshold; expected a non-negative integer, got ${threshold}`);
  const r = counts.length;
  const c = r ? counts[0]!.length : 0;
  for (const row of counts) {
    if (row.length !== c) throw new Error('suppressTable: invalid counts; expected rows of equal length');
    for (const v of row)
      if (!Number.isInteger(v) || v < 0)
        throw new Error(`suppressTable: invalid count; expected a non-negative integer, got ${v}`);
  }
  // The augmented table: cells, then the row totals in column c, the column totals in row r.
  const value: number[][] = [];
  for (let i = 0; i <= r; i++) {
    value.push([]);
    for (let j = 0; j <= c; j++) {
      if (i < r && j < c) value[i]![j] = counts[i]![j]!;
      else if (i < r) value[i]![j] = counts[i]!.reduce((a, b) => a + b, 0);
      else if (j < c) value[i]![j] = counts.reduce((a, row) => a + row[j]!, 0);
      else value[i]![j] = counts.reduce((a, row) => a + row.reduce((x, y) => x + y, 0), 0);
    }
  }
  const hidden = value.map((row) => row.map((v) => isSmallCount(v, threshold)));
  const primary = hidden.slice(0, r).reduce((a, row) => a + row.slice(0, c).filter(Boolean).length, 0);
  for (const [i, j] of hide) {
    if (!(Number.isInteger(i) && Number.isInteger(j) && i >= 0 && i <= r && j >= 0 && j <= c))
      throw new Error(
        `suppressTable: invalid hide; expected entries within ${r + 1} x ${c + 1}, got [${i}, ${j}]`,
      );
    hidden[i]![j] = true;
  }
  let secondary = hidden.reduce((a, row) => a + row.filter(Boolean).length, 0) - primary;

  for (;;) {
    const bridge = findBridge(hidden);
    if (!bridge) break;
    const path = cheapestCycleCompletion(value, hidden, bridge[0], bridge[1]);
    for (const [i, j] of path) {
      if (!hidden[i]![j]) {
        hidden[i]![j] = true;
        secondary++;
      }
    }
  }
  const show = (i: number, j: number): Published => (hidden[i]![j] ? 'c' : value[i]![j]!);
  return {
    cells: counts.map((row, i) => row.map((_, j) => show(i, j))),
    rowTotals: counts.map((_, i) => show(i, c)),
    colTotals: Array.from({ length: c }, (_, j) => show(r, j)),
    grandTotal: show(r, c),
    primary,
    secondary,
    threshold,
  };
}

// Nodes: rows 0..R-1, columns R..R+C-1 of the augmented table; edges: hidden entries.
function findBridge(hidden: boolean[][]): [number, number] | null {
  const R = hidden.length;
  const C = R ? hidden[0]!.length : 0;
  const adj: number[][] = Array.from({ length: R + C }, () => []);
  for (let i = 0; i < R; i++)
    for (let j = 0; j < C; j++)
      if (hidden[i]![j]) {
        adj[i]!.push(R + j);
        adj[R + j]!.push(i);
      }
  // Tarjan's bridge finding; the graph is tiny, so recursion depth is no concern.
  const disc = new Array<number>(R + C).fill(-1);
  const low = new Array<number>(R + C).fill(0);
  let time = 0;
  let found: [number, number] | null = null;
  const dfs = (u: number, parent: number): void => {
    disc[u] = low[u] = time++;
    let skippedParent = false;
    for (const v of adj[u]!) {
      if (found) return;
      if (v === parent && !skippedParent) {
        skippedParent = true; // a single hidden entry joins a row and a column: no parallel edges
        continue;
      }
      if (disc[v] === -1) {
        dfs(v, u);
        if (found) return; // lows above an early exit are incomplete
        low[u] = Math.min(low[u]!, low[v]!);
        if (low[v]! > disc[u]!) found = u < R ? [u, v - R] : [v, u - R];
      } else low[u] = Math.min(low[u]!, disc[v]!);
    }
  };
  for (let s = 0; s < R + C && !found; s++) if (disc[s] === -1 && adj[s]!.length) dfs(s, -1);
  return found;
}

// Dijkstra from the bridge's row node to its column node over all entries except the bridge itself;
// hidden entries cost nothing, visible ones their count, zeros far more than any count.
function cheapestCycleCompletion(
  value: number[][],
  hidden: boolean[][],
  bi: number,
  bj: number,
): [number, number][] {
  const R = value.length;
  const C = value[0]!.length;
  const big = 1 + value[R - 1]![C - 1]! * 4;
  const cost = (i: number, j: number): number =>
    hidden[i]![j] ? 0 : value[i]![j] === 0 ? big : value[i]![j]!;
  const N = R + C;
  const dist = new Array<number>(N).fill(Infinity);
  const prev = new Array<number>(N).fill(-1);
  const done = new Array<boolean>(N).fill(false);
  dist[bi] = 0;
  for (;;) {
    let u = -1;
    for (let k = 0; k < N; k++) if (!done[k] && dist[k]! < Infinity && (u < 0 || dist[k]! < dist[u]!)) u = k;
    if (u < 0 || u === R + bj) break;
    done[u] = true;
    const neighbours =
      u < R ? Array.from({ length: C }, (_, j) => R + j) : Array.from({ length: R }, (_, i) => i);
    for (const v of neighbours) {
      const [i, j] = u < R ? [u, v - R] : [v, u - R];
      if (i === bi && j === bj) continue;
      const d = dist[u]! + cost(i, j);
      if (d < dist[v]!) {
        dist[v] = d;
        prev[v] = u;
      }
    }
  }
  const path: [number, number][] = [];
  for (let v = R + bj; prev[v]! >= 0; v = prev[v]!) {
    const u = prev[v]!;
    path.push(u < R ? [u, v - R] : [v, u - R]);
  }
  return path;
}
