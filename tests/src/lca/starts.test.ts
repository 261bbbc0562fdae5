// The multi-start search: reproducible from its seed, classes in share order (or the given order),
// one class in closed form, and clear errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lcaPatterns } from '../../../src/lca/patterns.js';
import { lcaStarts } from '../../../src/lca/starts.js';
import { random } from '../../../src/math/random.js';
import { randomStart } from '../../../src/lca/random-start.js';
import { MISSING } from '../../../src/lca/types.js';
import { readCodes } from './reference-data.js';

const carcinoma = lcaPatterns(readCodes('carcinoma_01.csv').columns);

test('gives the same fit for the same seed, screened or not', () => {
  const a = lcaStarts(carcinoma, { classes: 3, starts: 12, seed: 7 });
  const b = lcaStarts(carcinoma, { classes: 3, starts: 12, seed: 7 });
  assert.deepEqual(a, b);
  const full = lcaStarts(carcinoma, { classes: 3, starts: 12, seed: 7, burnIn: 0 });
  assert.equal(full.starts.continued, 12);
  assert.equal(full.starts.burnIn, 0);
  assert.ok(Math.abs(full.logLik - a.logLik) < 1e-9);
});

test('orders classes by descending share, or keeps a given start in its order', () => {
  const fit = lcaStarts(carcinoma, { classes: 3, starts: 10, seed: 1 });
  for (let k = 1; k < 3; k++) assert.ok(fit.shares[k - 1]! >= fit.shares[k]!);
  // Reversed, from the fit itself: EM stays put and 'given' keeps the reversed order.
  const reversed = { shares: [...fit.shares].reverse(), probs: [...fit.probs].reverse() };
  const kept = lcaStarts(carcinoma, { classes: 3, starts: 0, start: reversed, order: 'given' });
  assert.deepEqual(
    kept.shares.map((s) => s.toFixed(6)),
    reversed.shares.map((s) => s.toFixed(6)),
  );
  assert.equal(kept.starts.given, true);
  assert.equal(kept.starts.random, 0);
});

test('one class is the observed proportions, from a single start', () => {
  const rows = [
    [1, 0],
    [1, 1],
    [0, 0],
    [1, 0],
  ];
  const t = lcaPatterns([0, 1].map((j) => rows.map((r) => r[j]!)));
  const fit = lcaStarts(t, { classes: 1, starts: 20 });
  assert.deepEqual(fit.shares, [1]);
  assert.ok(Math.abs(fit.itemProbs[0]![0]! - 0.75) < 1e-12);
  assert.ok(Math.abs(fit.itemProbs[0]![1]! - 0.25) < 1e-12);
  assert.equal(fit.starts.random, 1);
  assert.ok(
    Math.abs(fit.logLik - (3 * Math.log(0.75) + Math.log(0.25) + Math.log(0.25) + 3 * Math.log(0.75))) <
      1e-12,
  );
});

test('recovers a planted two-class model', () => {
  const rng = random(3);
  const cols = Array.from({ length: 8 }, () => new Uint8Array(4000));
  for (let i = 0; i < 4000; i++) {
    const k = rng.next() < 0.3 ? 0 : 1;
    for (let j = 0; j < 8; j++) cols[j]![i] = rng.next() < (k === 0 ? 0.85 : 0.1) ? 1 : 0;
  }
  const fit = lcaStarts(lcaPatterns(cols), { classes: 2, starts: 6, seed: 2 });
  assert.ok(Math.abs(fit.shares[1]! - 0.3) < 0.03, `share ${fit.shares[1]}`);
  fit.itemProbs[1]!.forEach((p) => assert.ok(Math.abs(p - 0.85) < 0.05));
  fit.itemProbs[0]!.forEach((p) => assert.ok(Math.abs(p - 0.1) < 0.05));
  assert.ok(fit.averagePosterior.every((p) => p !== null && p > 0.95));
  assert.equal(fit.converged, true);
});

test('reports progress and the steps it took', () => {
  const calls: [number, number][] = [];
  const fit = lcaStarts(carcinoma, {
    classes: 2,
    starts: 10,
    seed: 1,
    progress: (d, t) => calls.push([d, t]),
  });
  assert.equal(calls.length, 10 + fit.starts.continued);
  assert.deepEqual(calls.at(-1), [13, 13]);
  assert.ok(fit.starts.steps > fit.iterations);
});

test('is plain data that survives JSON', () => {
  const fit = lcaStarts(carcinoma, { classes: 2, starts: 4, seed: 1 });
  assert.deepEqual(JSON.parse(JSON.stringify(fit)), fit);
});

test('names the option it cannot use', () => {
  assert.throws(
    () => lcaStarts(carcinoma, { classes: 0 }),
    /lcaStarts: invalid classes; expected an integer >= 1, got 0/,
  );
  assert.throws(() => lcaStarts(carcinoma, { classes: 2, starts: 0 }), /lcaStarts: invalid starts/);
  assert.throws(
    () => lcaStarts(carcinoma, { classes: 2, start: { shares: [1], itemProbs: [[0.5]] } }),
    /flatParameters: invalid itemProbs; expected a value for class 1, item 2/,
  );
  assert.throws(
    () => lcaStarts(carcinoma, { classes: 2, order: 'x' as 'share' }),
    /lcaStarts: invalid order; expected 'share' or 'given', got 'x'/,
  );
});

test('warns when starts at the same maximum disagree (values, 3 classes) and not when they agree', () => {
  const values = lcaPatterns(readCodes('values_01.csv').columns);
  // Starts that land on the ridge close together cannot show it: with 50 starts, 10 continue.
  const three = lcaStarts(values, { classes: 3, starts: 50, seed: 1 });
  assert.ok(three.warnings.some((w) => w.code === 'weakly-identified'));
  const two = lcaStarts(values, { classes: 2, starts: 20, seed: 1 });
  assert.ok(!two.warnings.some((w) => w.code === 'weakly-identified'));
});

test('warns when the model has more parameters than free cells', () => {
  // 2 binary items: 3 free cells; 2 classes need 2 x 2 + 1 = 5 parameters.
  const t = lcaPatterns([
    [0, 1, 1, 0, 1],
    [0, 1, 0, 1, 1],
  ]);
  const fit = lcaStarts(t, { classes: 2, starts: 4, seed: 1 });
  assert.ok(fit.warnings.some((w) => w.code === 'not-identified' && /free cells \(3\)/.test(w.message)));
});

test('every kind of random start is a valid set of parameters, with no exact 0', () => {
  const rng = random(9);
  const cols = [0, 1, 2].map((j) =>
    Float64Array.from({ length: 300 }, () => (rng.next() < 0.05 ? NaN : rng.int(j + 2))),
  );
  const t = lcaPatterns(cols, { missing: 'include' });
  for (let r = 0; r < 6; r++) {
    const p = randomStart(t, 4, rng, r);
    assert.ok(Math.abs(p.shares.reduce((a, b) => a + b, 0) - 1) < 1e-12);
    assert.ok(p.shares.every((x) => x > 0));
    for (let k = 0; k < 4; k++)
      for (let j = 0; j < 3; j++) {
        const row = p.probs.subarray(k * 9 + t.itemOffset[j]!, k * 9 + t.itemOffset[j + 1]!);
        assert.ok(row.every((x) => x > 0));
        assert.ok(Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-12, `start ${r} class ${k} item ${j}`);
      }
  }
  // A k-means++ start (r = 2) centres each class on a pattern: at least half on each of its codes.
  const seeded = randomStart(t, 4, random(1), 2);
  const J = 3;
  for (let k = 0; k < 4; k++) {
    const centred = Array.from({ length: t.nPatterns }, (_, s) => s).some((s) =>
      [0, 1, 2].every((j) => {
        const v = t.values[s * J + j]!;
        return v === MISSING || seeded.probs[k * 9 + t.itemOffset[j]! + v]! >= 0.5;
      }),
    );
    assert.ok(centred, `class ${k + 1} is centred on no pattern`);
  }
});
