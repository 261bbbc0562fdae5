// Pupils gathered by covariate pattern (src/analyses/attainment-patterns.ts): the records have each
// pattern's count, sum and sum of squares, worked by hand on a small case; and attainment() on the
// synthetic council, which fits the patterns, equals the same analysis fitted pupil by pupil (the
// pupils given as placed rows of weight 1, which are never gathered) in every published number.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { synthesise } from '../../../src/synth/synth.js';
import { loadAssessments, loadPupils } from '../../../src/data/load.js';
import { attainment, attainmentOfPlaced } from '../../../src/analyses/attainment.js';
import { attainmentGroups } from '../../../src/analyses/attainment-groups.js';
import { attainmentPatterns } from '../../../src/analyses/attainment-patterns.js';
import { assignCategories } from '../../../src/analyses/categories.js';

test('patterns by hand: 100 pupils in 3 patterns give 5 records with the patterns counts, sums and squares', () => {
  // Pattern A (group 0, fsm 0): 50 pupils, y = 10 and 20 alternately: mean 15, s 5.
  // Pattern B (group 0, fsm 1): 30 pupils, y = 7: s 0, one record.
  // Pattern C (group 1, fsm 0): 20 pupils, y = 1, 2, 3, 4 repeated: mean 2.5, s = sqrt(1.25).
  const group = new Int32Array(100);
  const fsm = new Float64Array(100);
  const y = new Float64Array(100);
  for (let i = 0; i < 100; i++) {
    if (i < 50) y[i] = i % 2 ? 20 : 10;
    else if (i < 80) [fsm[i], y[i]] = [1, 7];
    else [group[i], y[i]] = [1, 1 + (i % 4)];
  }
  const rows = Int32Array.from({ length: 100 }, (_, i) => i);
  const r = attainmentPatterns(rows, group, y, [fsm, undefined])!;
  assert.deepEqual([...r.y], [10, 20, 7, 2.5 - Math.sqrt(1.25), 2.5 + Math.sqrt(1.25)]);
  assert.deepEqual([...r.weight], [25, 25, 30, 10, 10]);
  assert.deepEqual([...r.group], [0, 0, 0, 1, 1]);
  assert.deepEqual([...r.rep], [0, 0, 50, 80, 80]);
  // Every pattern's count, sum and sum of squares kept.
  for (const [at, n, sum, sq] of [
    [[0, 1], 50, 750, 25 * 100 + 25 * 400],
    [[2], 30, 210, 30 * 49],
    [[3, 4], 20, 50, 5 * (1 + 4 + 9 + 16)],
  ] as const) {
    let [cn, cs, cq] = [0, 0, 0];
    for (const k of at)
      [cn, cs, cq] = [cn + r.weight[k]!, cs + r.weight[k]! * r.y[k]!, cq + r.weight[k]! * r.y[k]! ** 2];
    assert.equal(cn, n);
    assert.ok(Math.abs(cs - sum) < 1e-12 && Math.abs(cq - sq) < 1e-9, `${cs} ${cq}`);
  }
});

test('patterns are not used where they would not pay: records over 80% of the pupils, or few pupils', () => {
  const rows = Int32Array.from({ length: 100 }, (_, i) => i);
  const unique = Float64Array.from({ length: 100 }, (_, i) => i % 81);
  assert.equal(attainmentPatterns(rows, new Int32Array(100), unique, [unique]), null);
  const few = Int32Array.from({ length: 60 }, (_, i) => i);
  assert.equal(
    attainmentPatterns(few, new Int32Array(60), new Float64Array(60), [new Float64Array(60)]),
    null,
  );
});

test('synthetic council: attainment fitted on covariate patterns equals the pupil-by-pupil fit in every number', async () => {
  const s = synthesise({ assessments: 6000, seed: 5 });
  const a = (await loadAssessments(s.assessmentsCsv, { fileName: 'assessments.csv' })).data;
  const p = (await loadPupils(s.pupilsCsv, { fileName: 'pupils.csv' })).data;
  // Prior attainment to the nearest 10 (as a council might hold it banded): at this size the KS4
  // pupils then fall into few enough patterns to be gathered, as they do at national scale unbanded.
  const banded = { ...p, priorAttainment: p.priorAttainment.map((v) => Math.round(v / 10) * 10) };
  const assigned = assignCategories(a);
  const categories = {
    labels: assigned.labels.map((l) => l.id),
    ofAssessment: assigned.ofAssessment.map((k) => (k < 0 ? -1 : k)),
  };
  const all = Int32Array.from({ length: p.n }, (_, i) => i);
  const groups = attainmentGroups(a, p, categories.ofAssessment, categories.labels.length, all);
  const placed = { groups, weight: new Float64Array(p.n).fill(1) };
  for (const [options, outcome] of [
    [{ keyStage: 4 }, banded.attainment8],
    [{ keyStage: 2 }, p.ks2Rwm],
    [{ keyStage: 2, outcome: 'ks2_reading' }, p.ks2Reading],
  ] as const) {
    // The gathering takes place: the pupils fall into fewer than half as many records.
    const rows = all.filter((i) => p.keyStage[i] === options.keyStage && Number.isFinite(outcome[i]));
    const covariates = [banded.fsm, options.keyStage === 4 ? banded.priorAttainment : undefined];
    const rec = attainmentPatterns(
      rows,
      rows.map((i) => groups[i]!),
      outcome,
      [...covariates, p.sen, p.gender, p.ethnicity, p.idaciDecile, p.year],
    );
    assert.ok(
      rec && rec.y.length < rows.length,
      `KS${options.keyStage}: records ${rec?.y.length} of ${rows.length} pupils`,
    );

    const gathered = attainment(a, banded, categories, options);
    const byPupil = attainmentOfPlaced(a, banded, categories, options, placed);
    assert.ok(gathered.model && gathered.model.n > 500, 'a model was fitted');
    let compared = 0;
    const same = (x: unknown, y: unknown, at: string): void => {
      if (typeof x === 'number' && typeof y === 'number') {
        compared++;
        assert.ok(Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(y)), `${at}: ${x} vs ${y}`);
      } else if (x && typeof x === 'object') {
        assert.ok(y && typeof y === 'object', at);
        // The exclusion list of placed rows follows the checks' order (no file order): compared as a set.
        if (at.endsWith('.excluded')) {
          const byCode = (l: unknown) =>
            [...(l as { code: string }[])].sort((u, v) => (u.code < v.code ? -1 : 1));
          [x, y] = [byCode(x), byCode(y)];
        }
        for (const k of Object.keys(x as object)) same((x as never)[k], (y as never)[k], `${at}.${k}`);
      } else assert.equal(x, y, at);
    };
    same(gathered, byPupil, `KS${options.keyStage} ${'outcome' in options ? options.outcome : ''}`);
    assert.ok(compared > 100, `${compared} numbers compared`);
  }
});
