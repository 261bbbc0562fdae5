// The assignment problem: match the rows of an n x m cost matrix (n <= m) to distinct columns at the
// least total cost, by the Hungarian method with potentials (Kuhn 1955; Munkres 1957; the O(n^2 m)
// shortest augmenting path form of Jonker & Volgenant 1987). Used to line up latent classes with the
// categories of a scheme, or with the classes planted in a synthetic dataset, whose order EM does not
// preserve. Costs must be finite; ties are broken towards lower column indices.

/**
 * The column assigned to each row at least total cost.
 * @param cost n rows of m >= n finite costs
 * @returns for each row its column (distinct)
 * @example hungarian([[4, 1], [2, 3]]) // [1, 0]: total 1 + 2 = 3
 */
export function hungarian(cost: readonly (readonly number[])[]): number[] {
  const n = cost.length;
  if (n === 0) return [];
  const m = cost[0]!.length;
  if (m < n || cost.some((r) => r.length !== m || r.some((x) => !Number.isFinite(x))))
    throw new Error(
      `hungarian: invalid cost; expected ${n} rows of at least ${n} finite numbers, all of the same length`,
    );
  // 1-based arrays as in the textbook form: column 0 is a virtual start.
  const u = new Float64Array(n + 1);
  const v = new Float64Array(m + 1);
  const rowOf = new Int32Array(m + 1); // rowOf[col] = row (1-based), 0 if free
  const way = new Int32Array(m + 1);
  for (let i = 1; i <= n; i++) {
    rowOf[0] = i;
    let j0 = 0;
    const minv = new Float64Array(m + 1).fill(Infinity);
    const used = new Uint8Array(m + 1);
    do {
      used[j0] = 1;
      const i0 = rowOf[j0]!;
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const cur = cost[i0 - 1]![j - 1]! - u[i0]! - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          u[rowOf[j]!]! += delta;
          v[j]! -= delta;
        } else minv[j]! -= delta;
      }
      j0 = j1;
    } while (rowOf[j0] !== 0);
    do {
      const j1 = way[j0]!;
      rowOf[j0] = rowOf[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  const out = new Array<number>(n).fill(-1);
  for (let j = 1; j <= m; j++) if (rowOf[j]! > 0) out[rowOf[j]! - 1] = j - 1;
  return out;
}
