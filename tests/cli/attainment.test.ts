// `csc-demand attainment`: the element's model from the command line. Its --json document is the
// result the worker gives <attainment-gap-table> for the same files and options (the model itself is
// checked by hand and against R in tests/src/analyses/attainment.test.ts); the text output shows the
// gaps; bad usage exits 2 naming the option, an unreadable file exits 1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli.js';
import { synthesise } from '../../src/synth/synth.js';
import { createAnalysisImpl } from '../../workers/worker-impl.js';
import type { SourceRef } from '../../workers/api.js';
import type { AttainmentResult } from '../../src/analyses/attainment-types.js';

const dir = mkdtempSync(join(tmpdir(), 'csc-attainment-'));
const council = synthesise({ assessments: 800, seed: 15 });
const files = { assessments: join(dir, 'assessments.csv'), pupils: join(dir, 'pupils.csv') };
writeFileSync(files.assessments, council.assessmentsCsv);
// One bad pupil row: the reader leaves it out and both the CLI and the worker count it.
writeFileSync(
  files.pupils,
  council.pupilsCsv.trimEnd() + '\n' + ['P-bad', '', '7', '2023', ...Array(10).fill('')].join(',') + '\n',
);

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

async function workerResult(options: Record<string, unknown>): Promise<AttainmentResult> {
  const impl = createAnalysisImpl(false);
  await impl.init({ progress: () => {} });
  const blob = (text: string, name: string): SourceRef => ({
    type: 'blob',
    blob: new Blob([text]),
    name,
    id: name,
  });
  await impl.loadDataset(1, 'a', blob(readFileSync(files.assessments, 'utf8'), 'assessments.csv'), {
    kind: 'assessments',
  });
  await impl.loadDataset(2, 'p', blob(readFileSync(files.pupils, 'utf8'), 'pupils.csv'), { kind: 'pupils' });
  return impl.attainment(3, 'a', 'p', options);
}

test('--json is the result the worker gives the element, at KS4 and at KS2 with an outcome', async () => {
  const ks4 = await cli('attainment', '--assessments', files.assessments, '--pupils', files.pupils, '--json');
  assert.equal(ks4.code, 0, ks4.err);
  const doc = JSON.parse(ks4.out);
  assert.deepEqual(
    doc,
    await workerResult({ keyStage: 4, comparison: 'not-known', years: null, threshold: 5, robust: 'hc1' }),
  );
  assert.equal(doc.method, 'attainment-gap');
  assert.equal(doc.outcome.id, 'attainment8');
  assert.ok(
    doc.model!.n > 100 && doc.rows.some((r: { adjustedGap: number | null }) => r.adjustedGap !== null),
  );
  assert.equal(doc.inputs![1]!.rowsExcluded, 1);
  assert.match(ks4.err, /pupils\.csv: 1 of [\d,]+ rows left out/);

  // --outcome alone picks its key stage.
  const ks2 = await cli(
    'attainment',
    '--assessments',
    files.assessments,
    '--pupils',
    files.pupils,
    '--outcome',
    'ks2_maths',
    '--suppress',
    '0',
    '--robust',
    'none',
    '--json',
  );
  assert.equal(ks2.code, 0, ks2.err);
  const two = JSON.parse(ks2.out);
  assert.equal(two.options.keyStage, 2);
  assert.deepEqual(
    two,
    await workerResult({
      keyStage: 2,
      outcome: 'ks2_maths',
      comparison: 'not-known',
      years: null,
      threshold: 0,
      robust: null,
    }),
  );
  assert.equal(two.model!.robust, null);
  assert.equal(two.rows.filter((r: { suppressed: unknown }) => r.suppressed).length, 0);
});

test('the text output shows each group with its gaps, the model and what was left out', async () => {
  const r = await cli('attainment', '--assessments', files.assessments, '--pupils', files.pupils);
  assert.equal(r.code, 0, r.err);
  const json = JSON.parse(
    (await cli('attainment', '--assessments', files.assessments, '--pupils', files.pupils, '--json')).out,
  );
  const lines = r.out.split('\n');
  assert.match(lines[0]!, /^attainment gaps, key stage 4, Attainment 8; measured from pupils not known/);
  const cin = json.rows.find((x: { id: string }) => x.id === 'all-cin');
  const line = lines.find((l) => l.startsWith('All children in need '))!;
  assert.ok(line.includes(cin.adjustedGap.toFixed(2)) && line.includes(String(cin.n)), line);
  assert.ok(lines.some((l) => /^Pupils not known .* ref /.test(l)));
  assert.match(r.out, /\nmodel: linear regression \(OLS\), n = \d+, .*HC1 robust standard errors/);
});

test('bad usage exits 2 naming the option; --help shows the usage; a missing file exits 1', async () => {
  const base = ['attainment', '--assessments', files.assessments, '--pupils', files.pupils];
  const cases: [string[], RegExp][] = [
    [['attainment', '--assessments', files.assessments], /missing required option --pupils/],
    [[...base, '--key-stage', '3'], /option --key-stage: expected 2 or 4, got '3'/],
    [[...base, '--outcome', 'gcse'], /option --outcome: expected one of attainment8, ks2_rwm_expected/],
    [
      [...base, '--key-stage', '4', '--outcome', 'ks2_maths'],
      /ks2_maths is a key stage 2 outcome, not key stage 4/,
    ],
    [[...base, '--robust', 'hc4'], /option --robust: expected hc0, hc1, hc2, hc3 or none/],
    [[...base, '--years', '22'], /option --years: expected exam years/],
  ];
  for (const [argv, message] of cases) {
    const r = await cli(...argv);
    assert.equal(r.code, 2, argv.join(' '));
    assert.match(r.err, message);
  }
  const help = await cli('attainment', '--help');
  assert.equal(help.code, 0);
  assert.match(help.out, /^Usage: csc-demand attainment --assessments F --pupils F \[--key-stage 2\|4\]/);
  assert.match((await cli('--help')).out, /\n {2}attainment +attainment gaps by demand category/);
  const missing = await cli('attainment', '--assessments', join(dir, 'nope.csv'), '--pupils', files.pupils);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /cannot read .*nope\.csv: no such file/);
});
