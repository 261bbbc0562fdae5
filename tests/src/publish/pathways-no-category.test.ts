// A council whose pathways have no category (none could be assigned) still publishes the council's
// own counts, protected, and the summary validates: the category x outcome table once had no rows,
// hence no column totals, and the overall counts went missing (the browser's Download summary
// caught it on the attainment fixture).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadAssessments, loadPupils } from '../../../src/data/load.js';
import { buildSummary } from '../../../src/publish/summary.js';
import { validateSummary } from '../../../src/publish/validate-summary.js';

test('pathways with no category publish the overall counts and validate', async () => {
  const dir = 'tests/fixtures/attainment-gap-table';
  const a = await loadAssessments(readFileSync(`${dir}/assessments.csv`), { fileName: 'assessments.csv' });
  const p = await loadPupils(readFileSync(`${dir}/pupils.csv`), { fileName: 'pupils.csv' });
  const s = JSON.parse(JSON.stringify(await buildSummary({ assessments: a.data!, pupils: p.data! }, {})));
  assert.equal(s.pathways.categories.length, 0);
  for (const share of s.pathways.overall.shares) assert.ok('count' in share, JSON.stringify(share));
  assert.deepEqual(validateSummary(s).errors, []);
});
