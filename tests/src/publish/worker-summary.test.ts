// The worker's publishSummary (an element's "Download summary" and public mode) against the CLI's
// `csc-demand analyse`: the same files and options give the same summary, byte for byte; an element's
// explicit default options change nothing; one section alone is the same section as in the whole
// summary; and a cancelled request stops instead of publishing a summary without its demand section.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli.js';
import { synthesise } from '../../../src/synth/synth.js';
import { validateSummary } from '../../../src/publish/validate-summary.js';
import { createAnalysisImpl } from '../../../workers/worker-impl.js';
import type { SourceRef } from '../../../workers/api.js';

const dir = mkdtempSync(join(tmpdir(), 'csc-worker-summary-'));
const council = synthesise({ assessments: 500, seed: 77 });
const files = { assessments: join(dir, 'assessments.csv'), pupils: join(dir, 'pupils.csv') };
writeFileSync(files.assessments, council.assessmentsCsv);
writeFileSync(files.pupils, council.pupilsCsv);
const stamp = '2024-09-01T09:00:00.000Z';

async function cli(...argv: string[]): Promise<string> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  assert.equal(code, 0, err);
  return out;
}

let ids = 0;
async function worker() {
  const impl = createAnalysisImpl(false);
  await impl.init({ progress: () => {} });
  const blob = (text: string, name: string): SourceRef => ({
    type: 'blob',
    blob: new Blob([text]),
    name,
    id: name,
  });
  const a = await impl.loadDataset(++ids, 'a', blob(council.assessmentsCsv, 'assessments.csv'), {
    kind: 'assessments',
  });
  const p = await impl.loadDataset(++ids, 'p', blob(council.pupilsCsv, 'pupils.csv'), { kind: 'pupils' });
  return { impl, keys: { assessmentsKey: a.key, pupilsKey: p.key } };
}

const SCHOOL = ['severe_absence', 'persistent_absence', 'suspended', 'permanently_excluded'] as const;

test('Download summary makes the file csc-demand analyse writes from the same data and options', async () => {
  const text = await cli(
    'analyse',
    '--assessments',
    files.assessments,
    '--pupils',
    files.pupils,
    '--area',
    'Exampleshire',
    '--generated-at',
    stamp,
    '--json',
  );
  const { impl, keys } = await worker();
  const mine = await impl.publishSummary(++ids, keys, {
    threshold: 5,
    areaName: 'Exampleshire',
    generatedAt: stamp,
  });
  assert.equal(JSON.stringify(mine, null, 2) + '\n', text);
  assert.deepEqual(validateSummary(mine).errors, []);

  // What each element passes for its own section, at its defaults, changes nothing.
  const withElementOptions = await impl.publishSummary(++ids, keys, {
    threshold: 5,
    areaName: 'Exampleshire',
    generatedAt: stamp,
    model: 'national',
    demand: { classes: 'auto', period: null, benchmark: 'england' },
    rereferral: {
      group: 'category',
      confType: 'log-log',
      horizonMonths: 72,
      reference: null,
      extractDate: null,
    },
    // Each key stage's default table, then the school outcomes the synthetic pupils file has, as the
    // CLI publishes them by default.
    attainment: ([4, 2] as const).flatMap((keyStage) => [
      { keyStage, outcome: undefined, comparison: 'not-known' as const, years: null },
      ...SCHOOL.map((outcome) => ({ keyStage, outcome })),
    ]),
  });
  assert.equal(JSON.stringify(withElementOptions, null, 2) + '\n', text);

  // --suppress 10 and --extract-date reach the same file as the options of the same names.
  const text10 = await cli(
    'analyse',
    '--assessments',
    files.assessments,
    '--suppress',
    '10',
    '--extract-date',
    '2023-03-31',
    '--generated-at',
    stamp,
    '--json',
  );
  const mine10 = await impl.publishSummary(
    ++ids,
    { assessmentsKey: keys.assessmentsKey },
    { threshold: 10, rereferral: { extractDate: '2023-03-31' }, generatedAt: stamp },
  );
  assert.equal(JSON.stringify(mine10, null, 2) + '\n', text10);
});

test('one section alone is that section of the whole summary; the others are left out', async () => {
  const { impl, keys } = await worker();
  const whole = await impl.publishSummary(++ids, keys, { generatedAt: stamp });
  const rr = await impl.publishSummary(++ids, keys, { generatedAt: stamp, sections: ['rereferral'] });
  assert.deepEqual(rr.rereferral, whole.rereferral);
  assert.equal(rr.demand, null);
  assert.deepEqual(rr.attainment, []);
  const att = await impl.publishSummary(++ids, keys, {
    generatedAt: stamp,
    sections: ['attainment'],
    attainment: [{ keyStage: 2, outcome: 'ks2_maths' }],
  });
  assert.equal(att.rereferral, null);
  assert.deepEqual(
    att.attainment.map((a) => [a.options.keyStage, a.outcome.id]),
    [[2, 'ks2_maths']],
  );
  assert.deepEqual(validateSummary(att).errors, []);
  const demandOnly = await impl.publishSummary(++ids, keys, { generatedAt: stamp, sections: ['demand'] });
  assert.deepEqual(demandOnly.demand, whole.demand);
});

test('a cancelled summary stops with an AbortError, not a summary missing its demand section', async () => {
  const { impl, keys } = await worker();
  const id = ++ids;
  const pending = impl.publishSummary(id, keys, { generatedAt: stamp });
  await impl.cancel(id);
  await assert.rejects(pending, (e: { name?: string; code?: string }) => e.code === 'aborted');
});
