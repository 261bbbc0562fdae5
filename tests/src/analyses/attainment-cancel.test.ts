// Cancelling the attainment fit part way: attainmentAsync pauses between its stages (pupils placed,
// complete cases, design built; then the model fitted) at the caller's checkpoint, and gives the very result
// attainment() gives when left to finish; the worker's attainment request stops at the stage where
// its cancel arrives, as demand and rereferral do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { synthesise } from '../../../src/synth/synth.js';
import { loadAssessments, loadPupils } from '../../../src/data/load.js';
import { attainment, attainmentAsync } from '../../../src/analyses/attainment.js';
import { assignCategories } from '../../../src/analyses/categories.js';
import type { AssessmentData, PupilData } from '../../../src/data/types.js';
import { createAnalysisImpl } from '../../../workers/worker-impl.js';
import type { ProgressUpdate, SourceRef } from '../../../workers/api.js';

const council = synthesise({ assessments: 800, seed: 15 });
const loaded = (async () => {
  const a = (await loadAssessments(council.assessmentsCsv, { fileName: 'assessments.csv' })).data;
  const p = (await loadPupils(council.pupilsCsv, { fileName: 'pupils.csv' })).data;
  const c = assignCategories(a);
  const categories = { labels: c.labels.map((l) => l.name), ofAssessment: c.ofAssessment };
  return { a: a as AssessmentData, p: p as PupilData, categories };
})();

test('attainmentAsync reports its stages and gives what attainment() gives', async () => {
  const { a, p, categories } = await loaded;
  const seen: number[] = [];
  let checkpoints = 0;
  const result = await attainmentAsync(
    a,
    p,
    categories,
    { keyStage: 4 },
    {
      onProgress: (done, total) => {
        assert.equal(total, 4);
        seen.push(done);
      },
      checkpoint: async () => {
        checkpoints++;
      },
    },
  );
  assert.deepEqual(seen, [1, 2, 3, 4]);
  assert.equal(checkpoints, 3); // one after each stage but the last
  assert.deepEqual(result, attainment(a, p, categories, { keyStage: 4 }));
  assert.ok(result.model !== null && result.n > 0);
});

test('a checkpoint that throws stops the fit at that stage: no later stage runs', async () => {
  const { a, p, categories } = await loaded;
  const seen: number[] = [];
  const abort = Object.assign(new Error('cancelled'), { name: 'AbortError' });
  await assert.rejects(
    attainmentAsync(
      a,
      p,
      categories,
      { keyStage: 2 },
      {
        onProgress: (done) => seen.push(done),
        checkpoint: async () => {
          if (seen.at(-1) === 3) throw abort; // the design is built; the model is not yet fitted
        },
      },
    ),
    (e: Error) => e === abort,
  );
  assert.deepEqual(seen, [1, 2, 3]);
});

test('the worker stops an attainment request cancelled mid-fit, with an AbortError', async () => {
  const updates: ProgressUpdate[] = [];
  const impl = createAnalysisImpl(false);
  let cancelAt: number | null = null;
  await impl.init({
    progress: (u) => {
      updates.push(u);
      // Cancel as soon as the fit reports its first stage (3 of 6: the pupils placed).
      if (u.requestId === cancelAt && u.phase === 'analyse' && u.done === 3) void impl.cancel(u.requestId);
    },
  });
  const blob = (text: string, name: string): SourceRef => ({
    type: 'blob',
    blob: new Blob([text]),
    name,
    id: name,
  });
  await impl.loadDataset(1, 'a', blob(council.assessmentsCsv, 'assessments.csv'), { kind: 'assessments' });
  await impl.loadDataset(2, 'p', blob(council.pupilsCsv, 'pupils.csv'), { kind: 'pupils' });
  cancelAt = 3;
  await assert.rejects(
    impl.attainment(3, 'a', 'p', { keyStage: 4 }),
    (e: { code?: string }) => e.code === 'aborted',
  );
  const mine = updates.filter((u) => u.requestId === 3 && u.phase === 'analyse').map((u) => u.done);
  assert.ok(mine.includes(3), JSON.stringify(mine));
  assert.ok(Math.max(...mine) < 6, `the fit ran to its end: ${JSON.stringify(mine)}`);
  // The same request uncancelled completes, reporting every stage.
  const done = await impl.attainment(4, 'a', 'p', { keyStage: 4 });
  assert.ok(done.model !== null);
  assert.equal(Math.max(...updates.filter((u) => u.requestId === 4).map((u) => u.done)), 6);
});
