// Pupils gathered by covariate pattern (src/analyses/attainment-patterns.ts): each pattern's count,
// mean and sum of squares, worked by hand on a small case; and attainment() on the
// synthetic council, which fits the patterns, equals the same analysis fitted pupil by pupil (the
// pupils given as placed rows of weight 1, which are never gathered) in every published number.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { synthesise } from '../../../src/synth/synth.js';
import { loadAssessments, loadPupils } from '../../../src/data/load.js';
import { attainment, attainmentOfPlaced, attainmentTables } from '../../../src/analyses/attainment.js';
import { attainmentGroups } from '../../../src/analyses/attainment-groups.js';
import { patternIndex, patternMoments } from '../../../src/analyses/attainment-patterns.js';
import { assignCategories } from '../../../src/analyses/categories.js';

test("patterns by hand: 100 pupils in 3 patterns, with each pattern's count, mean and sum of squares", () => {
  // Pattern A (group 0, fsm 0): 50 pupils, y = 10 and 20 alternately: mean 15, squares 50 * 25.
  // Pattern B (group 0, fsm 1): 30 pupils, y = 7: mean 7, squares 0.
  // Pattern C (group 1, fsm 0): 20 pupils, y = 1, 2, 3, 4 repeated: mean 2.5, squares 5 * 5.
  const group = new Int32Array(100);
  const fsm = new Float64Array(100);
  const y = new Float64Array(100);
  for (let i = 0; i < 100; i++) {
    if (i < 50) y[i] = i % 2 ? 20 : 10;
    else if (i < 80) [fsm[i], y[i]] = [1, 7];
    else [group[i], y[i]] = [1, 1 + (i % 4)];
  }
  const rows = Int32Array.from({ length: 100 }, (_, i) => i);
  const index = patternIndex(rows, group, [fsm, undefined])!;
  assert.deepEqual([...index.count], [50, 30, 20]);
  assert.deepEqual([...index.group], [0, 0, 1]);
  assert.deepEqual([...index.rep], [0, 50, 80]);
  assert.equal(index.patternOf[79], 1);
  const m = patternMoments(index, rows, y);
  assert.deepEqual([...m.mean], [15, 7, 2.5]);
  assert.deepEqual([...m.within], [1250, 0, 25]);
  // Another outcome over the same index: only the moments change.
  const y2 = y.map((v) => 2 * v);
  assert.deepEqual([...patternMoments(index, rows, y2).within], [5000, 0, 100]);
});

test('patterns are not used where they would not pay: over 80% of the pupils, or few pupils', () => {
  const rows = Int32Array.from({ length: 100 }, (_, i) => i);
  const unique = Float64Array.from({ length: 100 }, (_, i) => i % 81);
  assert.equal(patternIndex(rows, new Int32Array(100), [unique]), null);
  const few = Int32Array.from({ length: 60 }, (_, i) => i);
  assert.equal(patternIndex(few, new Int32Array(60), [new Float64Array(60)]), null);
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
    // The gathering takes place: the pupils fall into fewer patterns (at most 80% of them).
    const rows = all.filter((i) => p.keyStage[i] === options.keyStage && Number.isFinite(outcome[i]));
    const covariates = [banded.fsm, options.keyStage === 4 ? banded.priorAttainment : undefined];
    const rec = patternIndex(
      rows,
      rows.map((i) => groups[i]!),
      [...covariates, p.sen, p.gender, p.ethnicity, p.idaciDecile, p.year],
    );
    assert.ok(
      rec && rec.count.length < rows.length * 0.8,
      `KS${options.keyStage}: records ${rec?.count.length} of ${rows.length} pupils`,
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

test('tables together (attainmentTables) equal each table alone, shared pupils and fits included', async () => {
  const s = synthesise({ assessments: 4000, seed: 8 });
  const a = (await loadAssessments(s.assessmentsCsv, { fileName: 'assessments.csv' })).data;
  const p = (await loadPupils(s.pupilsCsv, { fileName: 'pupils.csv' })).data;
  const assigned = assignCategories(a);
  const categories = {
    labels: assigned.labels.map((l) => l.id),
    ofAssessment: assigned.ofAssessment.map((k) => (k < 0 ? -1 : k)),
  };
  const years = [...new Set(p.year)].sort();
  const list = [
    { keyStage: 4 as const },
    { keyStage: 4 as const, outcome: 'severe_absence' as const },
    { keyStage: 2 as const },
    { keyStage: 4 as const, outcome: 'suspended' as const, robust: null },
    { keyStage: 2 as const, outcome: 'ks2_reading' as const },
    { keyStage: 2 as const, outcome: 'ks2_maths' as const, years: years.slice(-2) },
    { keyStage: 4 as const, outcome: 'persistent_absence' as const },
  ];
  let betweens = 0;
  const together = attainmentTables(a, p, categories, list, () => betweens++);
  assert.equal(together.length, list.length);
  // Three scopes (KS4, KS2, KS2 in the last two years), worked one after another.
  assert.equal(betweens, 2);
  list.forEach((options, k) =>
    assert.deepEqual(together[k], attainment(a, p, categories, options), `table ${k}`),
  );
  assert.ok(together.every((t) => t.model !== null));
});
