// The log-rank test from counts by group and time (group-counts.ts): the engine behind logRank
// and the grouped Kaplan-Meier curves, reproducing R survival's survdiff(rho = 0) (3.5).
//
// Contract
// - At each distinct event time with d events among n at risk (n_g in group g):
//   expected E_g += d n_g / n; variance V_gh += d (n - d) / (n - 1) (n_g / n) (delta_gh - n_h / n).
// - chisq = (O - E)' V^-1 (O - E) over the groups with E > 0 less the first of them (survdiff's
//   rule); df = (groups with E > 0) - 1; p from the chi-square upper tail.
// - Fewer than two groups with E > 0: chisq 0, df 0, p NaN and a warning (R reports p = 0 there).
// - Cost O(m G + e G^2) for m distinct times, e distinct event times and G groups.
// References: Mantel (1966); Peto & Peto (1972); Therneau & Grambsch (2000) section 3.5.
import { cholesky, choleskySolve } from '../math/linalg.js';
import { chiSquareUpper } from '../math/special.js';
import type { Warning } from '../warnings.js';
import type { GroupCounts } from './group-counts.js';

export interface LogRankGroup {
  level: string;
  n: number;
  observed: number;
  expected: number;
}

export interface LogRankResult {
  method: 'log-rank';
  chisq: number;
  df: number;
  p: number;
  groups: LogRankGroup[];
  /** Variance-covariance matrix of O - E (rows of the G x G matrix). */
  variance: number[][];
  warnings: Warning[];
}

/**
 * Log-rank test across groups from their event and censoring counts.
 * @param levels the name of each group, in code order
 */
export function logRankCounts(counts: GroupCounts, levels: string[]): LogRankResult {
  const G = counts.byGroup.length;
  const m = counts.times.length;
  const atRisk = new Float64Array(G);
  const observed = new Float64Array(G);
  const expected = new Float64Array(G);
  const v = new Float64Array(G * G);
  const pos = new Int32Array(G);
  const d = new Float64Array(G);
  const leaving = new Float64Array(G);
  const share = new Float64Array(G);
  for (let g = 0; g < G; g++) {
    const c = counts.byGroup[g];
    for (let k = 0; k < c.rank.length; k++) atRisk[g] += c.events[k] + c.censored[k];
  }
  const sizes = Array.from(atRisk);
  for (let r = 0; r < m; r++) {
    let deaths = 0;
    let n = 0;
    for (let g = 0; g < G; g++) {
      const c = counts.byGroup[g];
      const k = pos[g];
      if (k < c.rank.length && c.rank[k] === r) {
        d[g] = c.events[k];
        leaving[g] = c.events[k] + c.censored[k];
        pos[g]++;
      } else {
        d[g] = 0;
        leaving[g] = 0;
      }
      deaths += d[g];
      n += atRisk[g];
    }
    if (deaths > 0) {
      for (let g = 0; g < G; g++) {
        observed[g] += d[g];
        expected[g] += (deaths * atRisk[g]) / n;
      }
      if (n > 1) {
        const w = (deaths * (n - deaths)) / (n - 1);
        // The shares n_g / n once per event time, not once per pair (the same values, so the same sums).
        for (let g = 0; g < G; g++) share[g] = atRisk[g] / n;
        for (let g = 0; g < G; g++) {
          const fg = share[g];
          if (fg === 0) continue;
          const wf = w * fg;
          v[g * G + g] += wf;
          for (let h = 0; h <= g; h++) v[g * G + h] -= wf * share[h];
        }
      }
    }
    for (let g = 0; g < G; g++) atRisk[g] -= leaving[g];
  }
  for (let g = 0; g < G; g++) for (let h = 0; h < g; h++) v[h * G + g] = v[g * G + h];

  const warnings: Warning[] = [];
  const used: number[] = [];
  for (let g = 0; g < G; g++) if (expected[g] > 0) used.push(g);
  const df = Math.max(used.length - 1, 0);
  let chisq = 0;
  let p = NaN;
  if (used.length < 2) {
    warnings.push({
      code: 'no-test',
      message: 'Fewer than two groups have expected events: there is nothing to compare.',
    });
  } else {
    const keep = used.slice(1);
    const k = keep.length;
    const sub = new Float64Array(k * k);
    const diff = new Float64Array(k);
    for (let a = 0; a < k; a++) {
      diff[a] = observed[keep[a]] - expected[keep[a]];
      for (let b = 0; b < k; b++) sub[a * k + b] = v[keep[a] * G + keep[b]];
    }
    const l = cholesky(sub, k);
    if (l === null) {
      chisq = NaN;
      warnings.push({ code: 'singular-variance', message: 'The log-rank variance matrix is singular.' });
    } else {
      const x = choleskySolve(l, k, diff);
      for (let a = 0; a < k; a++) chisq += x[a] * diff[a];
      p = chiSquareUpper(chisq, df);
    }
  }
  return {
    method: 'log-rank',
    chisq,
    df,
    p,
    groups: levels.map((level, g) => ({ level, n: sizes[g], observed: observed[g], expected: expected[g] })),
    variance: Array.from({ length: G }, (_, g) => Array.from(v.subarray(g * G, (g + 1) * G))),
    warnings,
  };
}
