// The worker's pathways method: the analysis of a cached dataset under the national model's
// categories, as an element asks for it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { synthesise } from '../../../src/synth/synth.js';
import { createAnalysisImpl } from '../../../workers/worker-impl.js';
import { loadAssessments } from '../../../src/data/load.js';
import { assignCategories } from '../../../src/analyses/categories.js';
import { pathways } from '../../../src/analyses/pathways.js';

const council = synthesise({ assessments: 800, seed: 9 });

test('worker pathways equals the core analysis on the national categories', async () => {
  const impl = createAnalysisImpl(false);
  await impl.init({ progress: () => {} });
  const info = await impl.loadDataset(
    1,
    'a',
    { type: 'blob', blob: new Blob([council.assessmentsCsv]), name: 'assessments.csv', id: 'a' },
    { kind: 'assessments' },
  );
  const viaWorker = await impl.pathways(2, info.key, { split: 'neglect' });
  const { data } = await loadAssessments(council.assessmentsCsv, { fileName: 'assessments.csv' });
  const a = assignCategories(data);
  const labels = a.labels.map((l) => l.name);
  const direct = pathways(
    data,
    { split: 'neglect' },
    {
      file: 'assessments.csv',
      categories: {
        codes: a.ofAssessment.map((k) => (k < 0 ? -1 : k)),
        levels: labels,
        labels,
        source: viaWorker.categorySource ?? undefined,
      },
    },
  );
  assert.equal(viaWorker.method, 'pathways');
  assert.deepEqual(viaWorker.categories, direct.categories);
  assert.deepEqual(viaWorker.gradient, direct.gradient);
  assert.match(viaWorker.categorySource ?? '', /national model/);
});
