// Cox regression from aggregates: rows of (time, event, covariate pattern, count) fitted with
// `frequencies` give the fit on the rows written out, ties and all. R's `weights=` are case weights:
// with Efron ties a tied row of weight 3 is one term of weight 3, not three tied rows (coxfit6's
// d counts rows), so aggregates fitted with case weights differ from the rows; frequencies count
// each row stood for among Efron's d. Breslow's correction has no d, so there both agree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { coxPH, type CoxResult } from '../../../src/survival/cox-ph.js';
import { random } from '../../../src/math/random.js';

/** Rows -> one row per distinct (time, event, x...) with its count, in order of first appearance. */
function aggregate(time: number[], event: number[], x: number[], p: number) {
  const at = new Map<string, number>();
  const out = { time: [] as number[], event: [] as number[], x: [] as number[], n: [] as number[] };
  time.forEach((t, i) => {
    const xs = x.slice(i * p, i * p + p);
    const key = JSON.stringify([t, event[i], xs]);
    const k = at.get(key);
    if (k !== undefined) out.n[k]!++;
    else {
      at.set(key, out.n.length);
      out.time.push(t);
      out.event.push(event[i]!);
      out.x.push(...xs);
      out.n.push(1);
    }
  });
  return out;
}

function same(a: CoxResult, b: CoxResult, tol: number): void {
  assert.equal(a.n, b.n);
  assert.equal(a.nEvents, b.nEvents);
  const close = (u: number, v: number, what: string) =>
    assert.ok(Math.abs(u - v) <= tol * Math.max(1, Math.abs(v)), `${what}: ${u} vs ${v}`);
  a.coefficients.forEach((c, j) => {
    close(c.coef, b.coefficients[j]!.coef, `coef ${c.term}`);
    close(c.se, b.coefficients[j]!.se, `se ${c.term}`);
  });
  close(a.logLik[0], b.logLik[0], 'logLik at 0');
  close(a.logLik[1], b.logLik[1], 'logLik');
  close(a.tests.score.chisq, b.tests.score.chisq, 'score test');
  close(a.concordance.concordance, b.concordance.concordance, 'concordance');
}

test('worked by hand: three tied events as one row of count 3, Efron', () => {
  // Times 1 1 1 (events, x = 1), 2 (event, x = 0), 3 (censored, x = 0): at beta = 0 the risk set at
  // time 1 holds 5, the three tied events' Efron terms are log 5 + log(5 - 1) + log(5 - 2), and at
  // time 2 log 2: logLik(0) = -(log 5 + log 4 + log 3 + log 2) = -log 120.
  const rows = { time: [1, 1, 1, 2, 3], event: [1, 1, 1, 1, 0], x: [1, 1, 1, 0, 0] };
  const agg = { time: [1, 2, 3], event: [1, 1, 0], x: [1, 0, 0] };
  const fromRows = coxPH({ ...rows, names: ['x'] });
  const fromCounts = coxPH({ ...agg, names: ['x'], frequencies: [3, 1, 1] });
  assert.ok(Math.abs(fromRows.logLik[0] + Math.log(120)) < 1e-12);
  assert.ok(Math.abs(fromCounts.logLik[0] + Math.log(120)) < 1e-12);
  same(fromCounts, fromRows, 1e-10);
  // Case weights (R's): the tied row is one Efron term of weight 3: 3 log 5 + log 2 at beta = 0.
  const caseWeighted = coxPH({ ...agg, names: ['x'], weights: [3, 1, 1] });
  assert.ok(Math.abs(caseWeighted.logLik[0] + 3 * Math.log(5) + Math.log(2)) < 1e-12);
  assert.equal(caseWeighted.n, 3);
});

test('aggregated categorical covariates fit as the rows do, Efron and Breslow, with heavy ties', () => {
  const rng = random(20240601);
  const n = 3000;
  const time: number[] = [];
  const event: number[] = [];
  const x: number[] = [];
  for (let i = 0; i < n; i++) {
    const g = Math.floor(rng.next() * 3);
    const sex = rng.next() < 0.5 ? 1 : 0;
    const hazard = Math.exp(0.4 * (g === 1 ? 1 : 0) - 0.3 * (g === 2 ? 1 : 0) + 0.2 * sex);
    const t = -Math.log(rng.next()) / hazard;
    const c = rng.next() * 3;
    // Whole months: many ties, as follow-up in days is for thousands of episodes.
    time.push(Math.ceil(Math.min(t, c) * 12));
    event.push(t <= c ? 1 : 0);
    x.push(g === 1 ? 1 : 0, g === 2 ? 1 : 0, sex);
  }
  const names = ['g=1', 'g=2', 'sex'];
  const agg = aggregate(time, event, x, 3);
  assert.ok(agg.n.length < n / 5, `${agg.n.length} aggregate rows`);
  for (const ties of ['efron', 'breslow'] as const) {
    const fromRows = coxPH({ time, event, x, names }, { ties });
    const fromCounts = coxPH(
      { time: agg.time, event: agg.event, x: agg.x, names, frequencies: agg.n },
      { ties },
    );
    same(fromCounts, fromRows, 1e-9);
    const caseWeighted = coxPH(
      { time: agg.time, event: agg.event, x: agg.x, names, weights: agg.n },
      { ties },
    );
    const gap = Math.abs(caseWeighted.logLik[1] - fromRows.logLik[1]);
    if (ties === 'breslow') assert.ok(gap < 1e-8, `breslow: ${gap}`);
    else assert.ok(gap > 1e-3, `efron with case weights should differ from the rows: ${gap}`);
  }
});

test('frequencies must be whole numbers of 1 or more, and not beside case weights', () => {
  const base = { time: [1, 2], event: [1, 1], x: [0, 1], names: ['x'] };
  assert.throws(() => coxPH({ ...base, frequencies: [1, 0.5] }), /invalid frequencies/);
  assert.throws(() => coxPH({ ...base, frequencies: [1, 1], weights: [1, 1] }), /got both/);
});
