// Harrell's concordance between a risk score and right-censored survival, as R survival's
// concordance for a coxph fit (concordancefit with reverse = TRUE, timewt "n", survival 3.5).
//
// Contract
// - Inputs: time (finite), status (0/1), risk (finite; higher = expected to fail sooner).
// - A pair is comparable when the shorter time is an event; an observation censored at the time of
//   an event counts as surviving longer (it was at risk then). Comparable pairs are concordant (the
//   event has the higher risk), discordant, or tied on risk (tiedX). Pairs of events at the same
//   time are not comparable: tiedY counts those with different risks, tiedXY those with equal risks.
// - C = (concordant + tiedX / 2) / (concordant + discordant + tiedX).
// - se: the infinitesimal-jackknife standard error R reports (concordancefit's `var`): with
//   N = concordant + discordant + tiedX, D = (concordant - discordant) / N, and c_i, d_i, t_i the
//   concordant, discordant and tied-on-risk comparable pairs observation i belongs to,
//   var(C) = sum_i ((c_i - d_i) / N - D (c_i + d_i + t_i) / N)^2 / 4.
// - weights (case weights, as coxph passes them): a pair counts w_i w_j; observation i's counts are
//   the weights of its partners, and its term in the variance is multiplied by w_i (R's dfbeta).
// - start (counting-process data, on the scale of time): an observation is compared only with
//   events at times after its start, as R's concordance for (start, stop] data.
// - strata: pairs are formed within strata only; counts and the variance are then summed over all
//   rows, as concordancefit does for a stratified coxph.
// - Cost O(n log n): the pairs are counted in one sweep up the risks with Fenwick trees over the
//   distinct times (concordance-pairs.ts); per observation only what the variance reads is kept,
//   c_i - d_i and c_i + d_i + t_i.
// References: Harrell et al. (1982); Therneau & Atkinson, "Concordance" (survival vignette, 2023).
import { concordancePairs, type PairCounts } from './concordance-pairs.js';

export interface ConcordanceResult {
  concordance: number;
  se: number;
  concordant: number;
  discordant: number;
  tiedX: number;
  tiedY: number;
  tiedXY: number;
}

/**
 * Concordance of a risk score with survival, with its standard error and pair counts.
 * @example concordance([1, 2, 3], [1, 1, 0], [3, 2, 1]).concordance // 1
 */
export function concordance(
  time: ArrayLike<number>,
  status: ArrayLike<number>,
  risk: ArrayLike<number>,
  {
    weights,
    strata,
    start,
  }: { weights?: ArrayLike<number>; strata?: Int32Array; start?: ArrayLike<number> } = {},
): ConcordanceResult {
  const n = time.length;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(risk[i]))
      throw new Error(`concordance: invalid risk; expected finite numbers, got ${risk[i]} at index ${i}`);
  }
  // Per observation: c - d and c + d + t (see the contract).
  let shares: Float64Array = new Float64Array(strata ? 2 * n : 0);
  const total = { concordant: 0, discordant: 0, tiedX: 0, tiedY: 0, tiedXY: 0 };
  const add = (part: PairCounts): void => {
    total.concordant += part.concordant;
    total.discordant += part.discordant;
    total.tiedX += part.tiedX;
    total.tiedY += part.tiedY;
    total.tiedXY += part.tiedXY;
  };
  if (strata) {
    let groups = 0;
    for (let i = 0; i < n; i++) groups = Math.max(groups, strata[i] + 1);
    for (let g = 0; g < groups; g++) {
      const rows: number[] = [];
      for (let i = 0; i < n; i++) if (strata[i] === g) rows.push(i);
      if (rows.length === 0) continue;
      const pick = (v: ArrayLike<number>): Float64Array => Float64Array.from(rows, (i) => v[i]);
      const part = concordancePairs(
        pick(time),
        pick(status),
        pick(risk),
        weights ? pick(weights) : null,
        start ? pick(start) : null,
      );
      for (let q = 0; q < rows.length; q++) {
        shares[2 * rows[q]] = part.shares[2 * q];
        shares[2 * rows[q] + 1] = part.shares[2 * q + 1];
      }
      add(part);
    }
  } else {
    // One stratum: its per-observation counts are the result's, no copy.
    const part = concordancePairs(time, status, risk, weights ?? null, start ?? null);
    ({ shares } = part);
    add(part);
  }
  const { concordant, discordant, tiedX } = total;
  const pairs = concordant + discordant + tiedX;
  const somers = (concordant - discordant) / pairs;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const w = weights ? weights[i] : 1;
    const dfbeta = w * (shares[2 * i] / pairs - (somers * shares[2 * i + 1]) / pairs);
    v += dfbeta * dfbeta;
  }
  return { concordance: (somers + 1) / 2, se: Math.sqrt(v / 4), ...total };
}
