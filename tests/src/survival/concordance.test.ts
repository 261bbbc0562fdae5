import { test } from 'node:test';
import assert from 'node:assert/strict';
import { concordance } from '../../../src/survival/concordance.js';
import { random } from '../../../src/math/random.js';
import { closeRel } from './reference.js';

/**
 * The definition, pair by pair (O(n^2)): counts and each observation's share for the jackknife SE.
 * With weights a pair counts w_i w_j, an observation's shares are its partners' weights, and its
 * term in the variance is multiplied by its own weight (R's dfbeta).
 */
function bruteForce(time: number[], status: number[], risk: number[], weights?: number[]) {
  const n = time.length;
  const w = weights ?? new Array(n).fill(1);
  const c = new Array(n).fill(0);
  const d = new Array(n).fill(0);
  const t = new Array(n).fill(0);
  let tiedY = 0;
  let tiedXY = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j || status[i] !== 1) continue;
      if (time[j] === time[i] && status[j] === 1) {
        if (j > i) {
          if (risk[i] === risk[j]) tiedXY += w[i] * w[j];
          else tiedY += w[i] * w[j];
        }
        continue;
      }
      // i is an event; j outlived it (later time, or censored at the same time).
      if (time[j] < time[i]) continue;
      const kind = risk[i] > risk[j] ? c : risk[i] < risk[j] ? d : t;
      kind[i] += w[j];
      kind[j] += w[i];
    }
  }
  const sum = (a: number[]) => a.reduce((s, v, i) => s + w[i] * v, 0) / 2;
  const [C, D, T] = [sum(c), sum(d), sum(t)];
  const N = C + D + T;
  const somers = (C - D) / N;
  let v = 0;
  for (let i = 0; i < n; i++) v += (w[i] * ((c[i] - d[i]) / N - (somers * (c[i] + d[i] + t[i])) / N)) ** 2;
  return {
    concordance: (C + T / 2) / N,
    se: Math.sqrt(v / 4),
    concordant: C,
    discordant: D,
    tiedX: T,
    tiedY,
    tiedXY,
  };
}

test('a hand-worked case: a censoring at an event time is comparable, tied events are not', () => {
  // (time, status, risk): (1,1,5) (2,1,3) (2,1,3) (2,0,4) (4,0,1)
  // Event at 1 (risk 5) against all four later: all concordant (5 > 3, 3, 4, 1): 4.
  // Events at 2 (risk 3, twice) against the censoring at 2 (risk 4): discordant, and against
  // time 4 (risk 1): concordant: 2 discordant, 2 concordant. The two events at 2: tied on time and risk.
  const r = concordance([1, 2, 2, 2, 4], [1, 1, 1, 0, 0], [5, 3, 3, 4, 1]);
  assert.deepEqual([r.concordant, r.discordant, r.tiedX, r.tiedY, r.tiedXY], [6, 2, 0, 0, 1]);
  assert.equal(r.concordance, 6 / 8);
});

test('counts and standard error agree with the pair-by-pair definition on tied data', () => {
  const rng = random(20240611);
  const n = 300;
  const time = Array.from({ length: n }, () => 1 + rng.int(40));
  const status = Array.from({ length: n }, () => (rng.next() < 0.7 ? 1 : 0));
  const risk = Array.from({ length: n }, () => rng.int(12) / 4);
  const fast = concordance(time, status, risk);
  const slow = bruteForce(time, status, risk);
  assert.deepEqual(
    [fast.concordant, fast.discordant, fast.tiedX, fast.tiedY, fast.tiedXY],
    [slow.concordant, slow.discordant, slow.tiedX, slow.tiedY, slow.tiedXY],
  );
  closeRel(fast.concordance, slow.concordance, 1e-14, 'C');
  closeRel(fast.se, slow.se, 1e-12, 'se');
});

test('with weights, counts and standard error agree with the pair-by-pair definition on tied data', () => {
  // Events tied on time and on risk with different weights: the tied-on-both count (tiedXY) is the
  // sum of the products of their weights, counted from the tree as the events go in.
  const rng = random(20260107);
  const n = 300;
  const time = Array.from({ length: n }, () => 1 + rng.int(30));
  const status = Array.from({ length: n }, () => (rng.next() < 0.7 ? 1 : 0));
  const risk = Array.from({ length: n }, () => rng.int(6) / 2);
  const weights = Array.from({ length: n }, () => 1 + rng.int(4));
  const fast = concordance(time, status, risk, { weights });
  const slow = bruteForce(time, status, risk, weights);
  assert.deepEqual(
    [fast.concordant, fast.discordant, fast.tiedX, fast.tiedY, fast.tiedXY],
    [slow.concordant, slow.discordant, slow.tiedX, slow.tiedY, slow.tiedXY],
  );
  assert.ok(
    slow.tiedXY > 0 && slow.tiedY > 0,
    'the data have events tied on time, with and without equal risks',
  );
  closeRel(fast.concordance, slow.concordance, 1e-14, 'C');
  closeRel(fast.se, slow.se, 1e-12, 'se');
});

test('a risk that is not a finite number is refused, naming it', () => {
  assert.throws(() => concordance([1, 2], [1, 1], [0, NaN]), /concordance: invalid risk.*NaN at index 1/);
});

test('times given in order (no permutation) and the same rows shuffled give the same result', () => {
  let seed = 3;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const n = 500;
  const rows = Array.from({ length: n }, () => ({
    time: Math.floor(next() * 40),
    status: next() < 0.5 ? 1 : 0,
    risk: Math.floor(next() * 30) / 10,
    weight: 1 + Math.floor(next() * 3),
  }));
  const sorted = [...rows].sort((a, b) => a.time - b.time);
  const countPairs = (r: typeof rows, weights: boolean) =>
    concordance(
      r.map((x) => x.time),
      r.map((x) => x.status),
      r.map((x) => x.risk),
      weights ? { weights: r.map((x) => x.weight) } : {},
    );
  for (const weights of [false, true]) {
    const a = countPairs(sorted, weights);
    const b = countPairs(rows, weights);
    assert.equal(a.concordant, b.concordant);
    assert.equal(a.discordant, b.discordant);
    assert.equal(a.tiedX, b.tiedX);
    assert.equal(a.tiedY, b.tiedY);
    assert.equal(a.tiedXY, b.tiedXY);
    assert.ok(Math.abs(a.se - b.se) <= 1e-12 * b.se, `${a.se} ${b.se}`);
    assert.ok(Math.abs(a.concordance - b.concordance) <= 1e-15);
  }
  assert.throws(() => concordance([1, NaN], [1, 1], [0, 1]), /invalid time/);
});
