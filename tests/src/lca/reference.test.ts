// poLCA's fits on public data (../shared/reference/lca/, poLCA 1.6.0.2, nrep = 50, tol = 1e-10):
// carcinoma K = 1..4 and values K = 1..3 (binary items), gss82 K = 1..4 (polytomous items).
// Tolerances, as the reference README suggests: log-likelihood 1e-6 relative; shares and item
// probabilities 1e-4 after ordering classes by share (poLCA stopped at an absolute change of 1e-10,
// which leaves parameters about 1e-5 short of the maximum); 5e-5 against gss82's `polished` fits,
// restarted by poLCA with tol = 1e-14. Ours converge to a relative change of 1e-14. `polished` still
// ends about 1e-9 below the maximum log-likelihood, and in gss82's flat likelihood that leaves its
// parameters up to 3e-5 from the maximum (EM continued from `polished` with tol = 0 moves them that far
// for K = 4, 8e-6 for K = 3), so 5e-5 is as tight as that reference allows.
// values K = 3 is not identified (14 parameters for 15 free cells): only the log-likelihood, the
// number of parameters, AIC and BIC are compared there.
// carcinoma K = 4 is flat along one direction, class 4's P(C = 1): poLCA stopped 1.6e-8 below the
// maximum log-likelihood, and 1.1e-4 away from the maximiser in that one probability (plain EM
// continued from poLCA's own solution raises the log-likelihood and moves it by 6e-5 before rounding
// stops it; our accelerated EM gets to the maximum). That probability is compared to 1.5e-4, with the
// test showing poLCA's solution short of the maximum there; every other one to 1e-4.
// Starts: 50 (poLCA's kind, random partitions and k-means++ seeds in turn), seed 1. carcinoma K = 4
// reached its maximum from 16 of poLCA's 50 starts and gss82 K = 4 from only 3; with seed 1 our 50
// starts find both (gss82 K = 4 in about half of the seeds tried, so keep this seed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lcaPatterns } from '../../../src/lca/patterns.js';
import { lcaStarts } from '../../../src/lca/starts.js';
import { lcaPosterior } from '../../../src/lca/posterior.js';
import { lcaEm } from '../../../src/lca/em.js';
import { flatParameters } from '../../../src/lca/flat-parameters.js';
import type { LcaFit } from '../../../src/lca/types.js';
import { readCodes, readExpected, type ReferenceFit } from './reference-data.js';

const OPTIONS = { starts: 50, seed: 1, tol: 1e-14, maxIter: 100_000 };

/** Largest difference in a share or probability, leaving out class `skip[0]`'s item `skip[1]`. */
function maxDiff(
  fit: LcaFit,
  ref: Pick<ReferenceFit, 'class_shares' | 'item_probs'>,
  items: string[],
  skip: [number, string] = [-1, ''],
): number {
  let d = 0;
  fit.shares.forEach((s, k) => (d = Math.max(d, Math.abs(s - ref.class_shares[k]!))));
  items.forEach((item, j) =>
    fit.probs.forEach((byItem, k) => {
      if (k === skip[0] && item === skip[1]) return;
      byItem[j]!.forEach((p, c) => (d = Math.max(d, Math.abs(p - ref.item_probs[item]![k]![c]!))));
    }),
  );
  return d;
}

function relative(a: number, b: number): number {
  return Math.abs(a - b) / Math.abs(b);
}

for (const [name, Ks, identified] of [
  ['carcinoma', [1, 2, 3, 4], [1, 2, 3, 4]],
  ['values', [1, 2, 3], [1, 2]],
  ['gss82', [1, 2, 3, 4], [1, 2, 3, 4]],
] as const) {
  const expected = readExpected(name);
  // 1..K_j codes as poLCA has them, shifted to 0..K_j-1.
  const data = readCodes(`${name}.csv`, 1);
  const table = lcaPatterns(data.columns, { items: data.names });

  for (const K of Ks) {
    const ref = expected.fits[`K${K}`]!;
    test(`${name}, ${K} classes: poLCA's log-likelihood, parameters and fit indices`, () => {
      const fit = lcaStarts(table, { ...OPTIONS, classes: K });
      assert.equal(fit.n, ref.N);
      assert.equal(fit.nParams, ref.npar);
      // Ours converges further than poLCA's stopping rule, so it may be higher, never lower.
      assert.ok(relative(fit.logLik, ref.loglik) < 1e-6, `logLik ${fit.logLik} vs ${ref.loglik}`);
      assert.ok(fit.logLik > ref.loglik_recomputed_logsumexp - 1e-9, `logLik ${fit.logLik} below poLCA's`);
      assert.ok(relative(fit.aic, ref.aic) < 1e-6);
      assert.ok(relative(fit.bic, ref.bic) < 1e-6);
      if (!(identified as readonly number[]).includes(K)) return;
      const flat: [number, string] = name === 'carcinoma' && K === 4 ? [3, 'C'] : [-1, ''];
      const d = maxDiff(fit, ref, data.names, flat);
      assert.ok(d < 1e-4, `shares and probabilities differ from poLCA's by ${d}`);
      if (flat[0] >= 0) {
        const ours = fit.itemProbs[3]![2]!;
        const theirs = ref.p_category2_by_class![3]![2]!;
        assert.ok(Math.abs(ours - theirs) < 1.5e-4, `class 4 P(C = 1): ${ours} vs ${theirs}`);
        // poLCA's solution is short of the maximum there: EM from it climbs, towards ours.
        const start = flatParameters(table, {
          shares: ref.class_shares,
          probs: ref.class_shares.map((_, k) => data.names.map((item) => ref.item_probs[item]![k]!)),
        });
        const atRef = lcaEm(table, start, { maxIter: 0 }).logLik;
        const on = lcaEm(table, start, { tol: 0, maxIter: 10_000, accelerate: false });
        assert.ok(fit.logLik - atRef > 1e-8 && on.logLik - atRef > 1e-8);
        const moved = on.probs[3 * 14 + 2 * 2 + 1]! - theirs;
        assert.ok(Math.abs(moved) > 5e-5 && Math.sign(moved) === Math.sign(ours - theirs));
      }
      if (ref.polished) {
        const dp = maxDiff(fit, ref.polished, data.names);
        assert.ok(dp < 5e-5, `shares and probabilities differ from the polished fit by ${dp}`);
        assert.ok(relative(fit.logLik, ref.polished.loglik) < 1e-11);
      }
      if (ref.p_category2_by_class)
        ref.p_category2_by_class.forEach((row, k) =>
          row.forEach((p, j) => {
            const tol = k === flat[0] && data.names[j] === flat[1] ? 1.5e-4 : 1e-4;
            assert.ok(Math.abs(fit.itemProbs[k]![j]! - p) < tol, `class ${k + 1} item ${data.names[j]}`);
          }),
        );
      if (K === 1) assert.equal(fit.entropy, null);
      else
        assert.ok(
          Math.abs(fit.entropy! - ref.entropy_r2!) < 1e-4,
          `entropy ${fit.entropy} vs ${ref.entropy_r2}`,
        );
      assert.deepEqual(fit.modalCounts, ref.modal_class_counts);
    });
  }
}

test('carcinoma, 2 classes: the posterior of every pattern, and its modal class, are poLCA’s', () => {
  const ref = readExpected('carcinoma').fits.K2!;
  const data = readCodes('carcinoma.csv', 1);
  const table = lcaPatterns(data.columns, { items: data.names });
  const fit = lcaStarts(table, { ...OPTIONS, classes: 2 });
  const post = lcaPosterior(table, fit);
  const J = data.names.length;
  const byPattern = new Map<string, number>();
  for (let s = 0; s < table.nPatterns; s++)
    byPattern.set(Array.from(table.values.subarray(s * J, (s + 1) * J), (v) => v + 1).join(','), s);
  ref.posterior_by_pattern.pattern.forEach((pattern, i) => {
    const s = byPattern.get(pattern)!;
    assert.equal(table.counts[s], ref.posterior_by_pattern.count[i]);
    ref.posterior_by_pattern.posterior[i]!.forEach((p, k) =>
      assert.ok(Math.abs(post.patternPosterior[s * 2 + k]! - p) < 1e-6, `pattern ${pattern} class ${k + 1}`),
    );
    assert.equal(post.patternModal[s]! + 1, ref.posterior_by_pattern.modal_class[i]);
  });
});

test('the 0/1 and 1/2 codings of carcinoma give the same fit', () => {
  const a = readCodes('carcinoma_01.csv');
  const b = readCodes('carcinoma.csv', 1);
  const fa = lcaStarts(lcaPatterns(a.columns), { classes: 3, starts: 10, seed: 3 });
  const fb = lcaStarts(lcaPatterns(b.columns), { classes: 3, starts: 10, seed: 3 });
  assert.equal(fa.logLik, fb.logLik);
  assert.deepEqual(fa.itemProbs, fb.itemProbs);
});
