import { test } from 'node:test';
import assert from 'node:assert/strict';
import { concordancePairs } from '../../../src/survival/concordance-pairs.js';

const counts = (r: ReturnType<typeof concordancePairs>) => ({
  net: Array.from(r.shares).filter((_, k) => k % 2 === 0),
  all: Array.from(r.shares).filter((_, k) => k % 2 === 1),
  totals: [r.concordant, r.discordant, r.tiedX, r.tiedY, r.tiedXY],
});

test('a hand-worked case: each observation as the shorter member and as the longer one', () => {
  // (time, status, risk): 0 (1,1,5)  1 (2,1,3)  2 (2,1,3)  3 (2,0,4)  4 (4,0,1).
  // Event 0 outlived by all four, all of lower risk: concordant with each (c0 = 4; c1..c4 get 1).
  // Events 1 and 2 (risk 3): against 3 (censored at their time, risk 4) discordant, against 4
  // (risk 1) concordant; with each other not comparable (tied on time and on risk: tiedXY 1).
  // Per observation c - d and c + d + t: 0: 4, 4; 1: 2 - 1, 3; 2: the same; 3: 1 - 2, 3; 4: 3, 3.
  const r = concordancePairs([1, 2, 2, 2, 4], [1, 1, 1, 0, 0], [5, 3, 3, 4, 1], null, null);
  assert.deepEqual(counts(r), { net: [4, 1, 1, -1, 3], all: [4, 3, 3, 3, 3], totals: [6, 2, 0, 0, 1] });
});

test('a hand-worked case with a tie on risk across times', () => {
  // 0 (1,1,2)  1 (3,0,2)  2 (3,1,1). Event 0 against 1: tied on risk; against 2: concordant.
  // Event 2 against 1 (censored at its time, higher risk): discordant.
  const r = concordancePairs([1, 3, 3], [1, 0, 1], [2, 2, 1], null, null);
  assert.deepEqual(counts(r), { net: [1, -1, 0], all: [2, 2, 2], totals: [1, 1, 1, 0, 0] });
});

test('with start times a row is compared only with events after its entry', () => {
  // As the first case, but row 2 enters at 1.5 and row 3 at 1: neither was at risk at time 1
  // (at risk when start < t <= time), so event 0 is compared with rows 1 and 4 only.
  // 0: c 2; 1: c 2, d 1; 2: c 1 (against 4), d 1 (against 3); 3: d 2; 4: c 3.
  const r = concordancePairs([1, 2, 2, 2, 4], [1, 1, 1, 0, 0], [5, 3, 3, 4, 1], null, [0, 0, 1.5, 1, 0]);
  assert.deepEqual(counts(r), { net: [2, 1, 0, -2, 3], all: [2, 3, 2, 2, 3], totals: [4, 2, 0, 0, 1] });
});

test('weights: a pair counts the product of its weights, an observation its partners\u2019 weights', () => {
  // The tie case with weights 2, 3, 1: event 0 against 1 (tied, 2 x 3) and 2 (concordant, 2 x 1);
  // event 2 against 1 (discordant, 1 x 3). Each observation counts its partners' weights:
  // 0: c 1, t 3; 1: t 2, d 1; 2: c 2, d 3.
  const r = concordancePairs([1, 3, 3], [1, 0, 1], [2, 2, 1], [2, 3, 1], null);
  assert.deepEqual(counts(r), { net: [1, -1, -1], all: [4, 3, 5], totals: [2, 3, 6, 0, 0] });
});
