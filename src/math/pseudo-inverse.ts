// Moore-Penrose pseudo-inverse of a symmetric matrix, as R's MASS::ginv computes it: directions whose
// singular value is at most tol x the largest are dropped (ginv's default tol is
// sqrt(.Machine$double.eps) = 2^-26 ~ 1.49e-8, and it keeps d > max(tol * d[1], 0)). For a symmetric
// matrix the singular values are the absolute eigenvalues and A+ = sum over kept k of v_k v_k' / lambda_k,
// which is what ginv's SVD gives (V D^-1 U', with U = +-V). Input row-major n x n, symmetric
// (./symmetric-eigen.ts reads the lower triangle). Output: the n x n inverse (row-major, symmetric),
// the rank kept and the number of directions dropped, so a caller can warn about a singular matrix.
import { symmetricEigen } from './symmetric-eigen.js';

export interface PseudoInverse {
  inverse: Float64Array;
  rank: number;
  /** n - rank: directions whose singular value fell at or below tol x the largest. */
  dropped: number;
}

/**
 * Pseudo-inverse of a symmetric matrix.
 * @param a n x n, row-major, symmetric
 * @example pseudoInverse(Float64Array.of(1, 1, 1, 1), 2).inverse // Float64Array [0.25, 0.25, 0.25, 0.25]
 */
export function pseudoInverse(
  a: Float64Array,
  n: number,
  { tol = Math.sqrt(2 ** -52) }: { tol?: number } = {},
): PseudoInverse {
  if (!(tol >= 0)) throw new Error(`pseudoInverse: invalid tol; expected a number >= 0, got ${tol}`);
  const { values, vectors } = symmetricEigen(a, n);
  let largest = 0;
  for (const x of values) largest = Math.max(largest, Math.abs(x));
  const inverse = new Float64Array(n * n);
  let rank = 0;
  for (let k = 0; k < n; k++) {
    const lambda = values[k]!;
    if (!(Math.abs(lambda) > Math.max(tol * largest, 0))) continue;
    rank++;
    for (let i = 0; i < n; i++) {
      const vi = vectors[i * n + k]! / lambda;
      if (vi === 0) continue;
      for (let j = 0; j <= i; j++) inverse[i * n + j]! += vi * vectors[j * n + k]!;
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) inverse[j * n + i] = inverse[i * n + j]!;
  return { inverse, rank, dropped: n - rank };
}
