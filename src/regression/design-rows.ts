// Rows of a design matrix, written on demand into a caller's buffer, for the regressions that visit
// X row by row (ols.ts's streaming QR and its sandwich pass). A dense n x p X of 600,000 pupils by 36
// terms is 173 MB that is written once and read twice; built row by row from the model frame's
// columns it costs nothing to hold, and the page faults of a fresh 173 MB array (a third of
// designMatrix's time) go too.

/** Row i of an n x p design, written to out[offset .. offset + p). */
export interface DesignRows {
  readonly n: number;
  readonly p: number;
  fill(i: number, out: Float64Array, offset: number): void;
  /**
   * Optional: row i's non-zero entries only, columns ascending, written to col/val from `at`;
   * returns the position after the last. For rows of mostly zero indicators (cox-data.ts).
   */
  fillSparse?(i: number, col: Int32Array, val: Float64Array, at: number): number;
}

/**
 * The rows of a dense row-major X.
 * @example denseRows(Float64Array.of(1, 2, 1, 3), 2).fill(1, out, 0) // out = [1, 3]
 */
export function denseRows(x: Float64Array, p: number): DesignRows {
  return {
    n: p > 0 ? x.length / p : 0,
    p,
    fill(i, out, offset) {
      const o = i * p;
      for (let j = 0; j < p; j++) out[offset + j] = x[o + j]!;
    },
  };
}
