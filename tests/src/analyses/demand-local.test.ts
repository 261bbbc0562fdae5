import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadAssessments } from '../../../src/data/load.js';
import { synthesise } from '../../../src/synth/synth.js';
import { demand } from '../../../src/analyses/demand.js';
import { hungarian } from '../../../src/math/hungarian.js';

// Recovery on the synthetic council: 50,000 assessments drawn from the 12 national profiles.
// model = 'local', classes = 'auto' fits K = 1 ... 14 and must choose the planted 12 by BIC, and its
// estimated shares must be within 1 point of the planted categories' shares among the assessments
// with factors (classes matched to categories by the Hungarian method on their profiles). About 20 s
// (the fits are the work); checked to pass with seeds 1 to 4.
test('model=local, classes=auto recovers the 12 planted classes and their shares within 1 point', async () => {
  const { assessmentsCsv, truth } = synthesise({ assessments: 50000, seed: 1 });
  const { data } = await loadAssessments(assessmentsCsv, { fileName: 'synthetic.csv' });
  let calls = 0;
  let lastDone = -1;
  const r = await demand(
    data,
    { model: 'local', classes: 'auto' },
    {
      onProgress: (done, total) => {
        assert.ok(done >= lastDone && done <= total);
        lastDone = done;
        calls++;
      },
    },
  );
  assert.ok(calls > 14);
  assert.equal(r.fits!.length, 14);
  assert.equal(r.chosen, truth.nClasses);
  assert.equal(r.categories.length, 12);
  const bic = r.fits!.map((f) => f.bic);
  assert.equal(Math.min(...bic), bic[11]);

  const items = r.profiles.items.map((i) => i.code);
  const planted = truth.categories.map((c) => items.map((code) => c.profile[code] ?? 0));
  const cost = planted.map((p) =>
    r.profiles.probabilities.map((q) => q.reduce((a, x, j) => a + Math.abs(x - p[j]!), 0) / items.length),
  );
  const match = hungarian(cost);
  const noFactors = new Set(truth.rows.noFactors);
  const plantedCount = new Array<number>(12).fill(0);
  truth.rows.category.forEach((k, i) => {
    if (!noFactors.has(i)) plantedCount[k]!++;
  });
  const total = plantedCount.reduce((a, b) => a + b, 0);
  match.forEach((k, c) => {
    const want = plantedCount[c]! / total;
    const got = r.categories[k]!.modelShare;
    assert.ok(
      Math.abs(got - want) < 0.01,
      `${truth.categories[c]!.name}: planted ${(100 * want).toFixed(2)}%, estimated ${(100 * got).toFixed(2)}%`,
    );
    // Each local class maps back to the national category it was drawn from.
    assert.equal(r.categories[k]!.nearestNational?.id, truth.categories[c]!.id);
  });
});
