import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli.js';
import { synthesise } from '../../src/synth/synth.js';
import { validateSummary } from '../../src/publish/validate-summary.js';
import type { Summary } from '../../src/publish/summary-types.js';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'csc-analyse-'));
const council = synthesise({ assessments: 600, seed: 31 });
const assessments = join(dir, 'assessments.csv');
const pupils = join(dir, 'pupils.csv');
writeFileSync(assessments, council.assessmentsCsv);
writeFileSync(pupils, council.pupilsCsv);
const stamp = '2024-07-01T10:00:00.000Z';

test('analyse writes a summary that validates, says what it published, and is the same on a rerun', async () => {
  const out = join(dir, 'summary.json');
  const args = ['analyse', '--assessments', assessments, '--pupils', pupils, '--area', 'Exampleshire'];
  const r = await cli(...args, '--generated-at', stamp, '--out', out);
  assert.equal(r.code, 0, r.err);
  const lines = r.out.trim().split('\n');
  assert.match(
    lines[0]!,
    /summary\.json: csc-demand summary 1\.1 for Exampleshire, 20\d\d-\d\d to 20\d\d-\d\d; counts from 1 to 5 shown as c$/,
  );
  assert.match(r.out, /demand \(national model\): 12 categories \(\d+ suppressed\), 10 financial years/);
  assert.match(r.out, /re-referral: 12 groups \(\d+ withheld\)/);
  assert.match(r.out, /attainment, key stage 4 \(Attainment 8\): 16 rows/);
  assert.match(r.out, /attainment, key stage 2 /);
  const text = readFileSync(out, 'utf8');
  const summary = JSON.parse(text) as Summary;
  const v = validateSummary(summary);
  assert.deepEqual(v.errors, []);
  assert.equal(summary.metadata.areaName, 'Exampleshire');
  assert.equal(summary.metadata.generatedAt, stamp);
  assert.equal(summary.metadata.disclosure.threshold, 5);
  assert.equal(summary.rereferral?.file, 'assessments.csv');
  assert.deepEqual(
    summary.attainment.map((a) => [a.options.keyStage, a.options.outcome]),
    // Each key stage's main outcome, then the school outcomes the synthetic pupils file has.
    ([4, 2] as const).flatMap((ks) => [
      [ks, ks === 4 ? 'attainment8' : 'ks2_rwm_expected'],
      ...['severe_absence', 'persistent_absence', 'suspended', 'permanently_excluded'].map((o) => [ks, o]),
    ]),
  );
  const again = join(dir, 'again.json');
  assert.equal((await cli(...args, '--generated-at', stamp, '--out', again)).code, 0);
  assert.equal(readFileSync(again, 'utf8'), text);
});

test('analyse --suppress 10 --json prints the summary with the threshold it applied', async () => {
  const r = await cli('analyse', '--assessments', assessments, '--suppress', '10', '--json');
  assert.equal(r.code, 0, r.err);
  const summary = JSON.parse(r.out) as Summary;
  assert.equal(summary.metadata.disclosure.threshold, 10);
  assert.equal(summary.attainment.length, 0, 'no pupils file, no attainment');
  assert.ok(validateSummary(summary).valid);
  assert.match(summary.metadata.generatedAt!, /^\d{4}-\d\d-\d\dT/);
});

test('analyse --extract-date follows episodes to that date only', async () => {
  const r = await cli('analyse', '--assessments', assessments, '--extract-date', '31/03/2022', '--json');
  assert.equal(r.code, 0, r.err);
  const summary = JSON.parse(r.out) as Summary;
  assert.equal(summary.rereferral?.options.extractDate, '2022-03-31');
  assert.equal(summary.metadata.extractDate, '2022-03-31');
});

test('analyse --model local publishes the classes found in the file', async () => {
  const r = await cli('analyse', '--assessments', assessments, '--model', 'local', '--json');
  assert.equal(r.code, 0, r.err);
  const summary = JSON.parse(r.out) as Summary;
  assert.equal(summary.demand?.model, 'local');
  assert.equal(summary.metadata.methods.model, 'local');
  assert.ok(validateSummary(summary).valid);
});

test('analyse --classes and --period publish the demand section as the element with those attributes shows it', async () => {
  const r = await cli(
    'analyse',
    '--assessments',
    assessments,
    '--model',
    'local',
    '--classes',
    '3',
    '--period',
    '2018-2022',
    '--json',
  );
  assert.equal(r.code, 0, r.err);
  const summary = JSON.parse(r.out) as Summary;
  assert.equal(summary.demand?.options.classes, 3);
  assert.equal(summary.demand?.options.period, '2018-19 to 2021-22');
  assert.equal(summary.demand?.categories.length, 3);
  const badClasses = await cli('analyse', '--assessments', assessments, '--classes', 'many', '--json');
  assert.equal(badClasses.code, 2);
  assert.match(badClasses.err, /--classes: expected auto or a whole number from 1 to 30, got 'many'/);
  const badPeriod = await cli('analyse', '--assessments', assessments, '--period', 'last year', '--json');
  assert.equal(badPeriod.code, 2);
  assert.match(
    badPeriod.err,
    /--period: expected financial years such as 2018-2024 or 2021-22, got 'last year'/,
  );
});

test('analyse reports bad usage with exit 2 and an unreadable file with exit 1', async () => {
  const missing = await cli('analyse', '--out', join(dir, 'x.json'));
  assert.equal(missing.code, 2);
  assert.match(missing.err, /missing required option --assessments/);
  const noOut = await cli('analyse', '--assessments', assessments);
  assert.equal(noOut.code, 2);
  assert.match(noOut.err, /--out \(or --json/);
  const badSuppress = await cli('analyse', '--assessments', assessments, '--suppress', 'five', '--json');
  assert.equal(badSuppress.code, 2);
  assert.match(badSuppress.err, /--suppress: expected an integer, got 'five'/);
  const badModel = await cli('analyse', '--assessments', assessments, '--model', 'regional', '--json');
  assert.equal(badModel.code, 2);
  assert.match(badModel.err, /--model: expected national or local, got 'regional'/);
  const noFile = await cli('analyse', '--assessments', join(dir, 'nope.csv'), '--json');
  assert.equal(noFile.code, 1);
  assert.match(noFile.err, /csc-demand analyse: cannot read .*nope\.csv: no such file/);
});

test('analyse --suppress 0, 1 or 2 exits with an error naming the threshold rule', async () => {
  for (const t of ['0', '1', '2']) {
    const r = await cli('analyse', '--assessments', assessments, '--suppress', t, '--json');
    assert.equal(r.code, 2);
    assert.match(
      r.err,
      new RegExp(
        `option --suppress: the disclosure threshold must be a whole number of at least 3 .*got ${t}`,
      ),
    );
    assert.equal(r.out, '');
  }
});

test('analyse on two threads writes byte for byte the summary of one thread, and names a bad pupils file as one thread does', async () => {
  const council2 = synthesise({ assessments: 3000, seed: 5 });
  const a = join(dir, 'assessments-3000.csv');
  const p = join(dir, 'pupils-3000.csv');
  writeFileSync(a, council2.assessmentsCsv);
  writeFileSync(p, council2.pupilsCsv);
  const run = async (threads: string | undefined, ...more: string[]) => {
    const before = process.env['CSC_DEMAND_THREADS'];
    if (threads === undefined) delete process.env['CSC_DEMAND_THREADS'];
    else process.env['CSC_DEMAND_THREADS'] = threads;
    try {
      return await cli('analyse', '--assessments', a, '--generated-at', stamp, '--json', ...more);
    } finally {
      if (before === undefined) delete process.env['CSC_DEMAND_THREADS'];
      else process.env['CSC_DEMAND_THREADS'] = before;
    }
  };
  for (const more of [['--pupils', p], [], ['--pupils', p, '--model', 'local', '--suppress', '10']]) {
    const two = await run(undefined, ...more);
    const one = await run('1', ...more);
    assert.equal(two.code, 0, two.err);
    assert.equal(one.code, 0, one.err);
    assert.ok(one.out.length > 1000);
    assert.equal(two.out, one.out, `summaries differ with ${more.join(' ') || 'no pupils'}`);
    assert.equal(two.err, one.err);
  }
  const bad = join(dir, 'pupils-bad.csv');
  writeFileSync(bad, 'nothing,useful\n1,2\n');
  const two = await run(undefined, '--pupils', bad);
  const one = await run('1', '--pupils', bad);
  assert.equal(two.code, 1);
  assert.equal(two.err, one.err);
  assert.match(two.err, /pupils-bad\.csv/);
});
