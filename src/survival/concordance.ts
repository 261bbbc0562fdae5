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
// - Cost O(n log n): one pass down the times counting risks already seen in a Fenwick tree over
//   risk ranks (each event against everyone later), one pass up (everyone against earlier events).
// References: Harrell et al. (1982); Therneau & Atkinson, "Concordance" (survival vignette, 2023).
import { timeRanks } from './time-ranks.js';

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
): ConcordanceResult {
  const n = time.length;
  const { blockStart, order } = timeRanks(time, { withOrder: true });
  const { times: risks, rank: riskRank } = timeRanks(risk);
  const k = risks.length;
  const tree = new Float64Array(k + 1);
  const add = (r: number): void => {
    for (let i = r + 1; i <= k; i += i & -i) tree[i]++;
  };
  // Number of entries with risk rank < r.
  const below = (r: number): number => {
    let s = 0;
    for (let i = r; i > 0; i -= i & -i) s += tree[i];
    return s;
  };
  const c = new Float64Array(n);
  const d = new Float64Array(n);
  const t = new Float64Array(n);
  let concordant = 0;
  let discordant = 0;
  let tiedX = 0;
  let tiedY = 0;
  let tiedXY = 0;
  const m = blockStart!.length - 1;
  const ties = new Map<number, number>();

  // Down the times: each event against everyone with a later time or censored at its time.
  let inTree = 0;
  for (let b = m - 1; b >= 0; b--) {
    const from = blockStart![b];
    const to = blockStart![b + 1];
    for (let q = from; q < to; q++) {
      const i = order![q];
      if (status[i] !== 1) {
        add(riskRank[i]);
        inTree++;
      }
    }
    let deaths = 0;
    ties.clear();
    for (let q = from; q < to; q++) {
      const i = order![q];
      if (status[i] !== 1) continue;
      const r = riskRank[i];
      const less = below(r);
      const equal = below(r + 1) - less;
      const greater = inTree - less - equal;
      c[i] += less;
      d[i] += greater;
      t[i] += equal;
      concordant += less;
      discordant += greater;
      tiedX += equal;
      deaths++;
      ties.set(r, (ties.get(r) ?? 0) + 1);
    }
    if (deaths > 1) {
      let sameRisk = 0;
      for (const e of ties.values()) sameRisk += (e * (e - 1)) / 2;
      tiedXY += sameRisk;
      tiedY += (deaths * (deaths - 1)) / 2 - sameRisk;
    }
    for (let q = from; q < to; q++) {
      const i = order![q];
      if (status[i] === 1) {
        add(riskRank[i]);
        inTree++;
      }
    }
  }

  // Up the times: everyone against the events before them (events at their own time too when censored).
  tree.fill(0);
  let events = 0;
  const asLonger = (i: number): void => {
    const r = riskRank[i];
    const less = below(r);
    const equal = below(r + 1) - less;
    c[i] += events - less - equal;
    d[i] += less;
    t[i] += equal;
  };
  for (let b = 0; b < m; b++) {
    const from = blockStart![b];
    const to = blockStart![b + 1];
    for (let q = from; q < to; q++) if (status[order![q]] === 1) asLonger(order![q]);
    for (let q = from; q < to; q++) {
      const i = order![q];
      if (status[i] === 1) {
        add(riskRank[i]);
        events++;
      }
    }
    for (let q = from; q < to; q++) if (status[order![q]] !== 1) asLonger(order![q]);
  }

  const pairs = concordant + discordant + tiedX;
  const somers = (concordant - discordant) / pairs;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const dfbeta = (c[i] - d[i]) / pairs - (somers * (c[i] + d[i] + t[i])) / pairs;
    v += dfbeta * dfbeta;
  }
  return {
    concordance: (somers + 1) / 2,
    se: Math.sqrt(v / 4),
    concordant,
    discordant,
    tiedX,
    tiedY,
    tiedXY,
  };
}
