import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli.js';
import { synthesise } from '../../src/synth/synth.js';
import type { SynthTruth } from '../../src/synth/types.js';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

test('synth writes assessments.csv, pupils.csv and truth.json, the same bytes as synthesise', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'csc-synth-')), 'council');
  const r = await cli('synth', '--assessments', '1200', '--seed', '7', '--out', dir);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.err, '');
  assert.match(r.out, /^Synthetic council \(seed 7\): 1200 assessments of \d+ children, \d+ pupil results\n/);
  assert.match(r.out, /assessments\.csv {2}1200 rows, \d+ bytes/);
  const expected = synthesise({ assessments: 1200, seed: 7 });
  assert.equal(readFileSync(join(dir, 'assessments.csv'), 'utf8'), expected.assessmentsCsv);
  assert.equal(readFileSync(join(dir, 'pupils.csv'), 'utf8'), expected.pupilsCsv);
  const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as SynthTruth;
  assert.deepEqual(truth, expected.truth);
});

test('synth --json prints one document listing the files with rows and bytes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'csc-synth-'));
  const r = await cli('synth', '--assessments=300', '--seed=2', `--out=${dir}`, '--json');
  assert.equal(r.code, 0, r.err);
  const doc = JSON.parse(r.out) as {
    command: string;
    seed: number;
    assessments: number;
    pupils: number;
    files: { file: string; path: string; rows: number | null; bytes: number }[];
  };
  assert.equal(doc.command, 'synth');
  assert.equal(doc.seed, 2);
  assert.equal(doc.assessments, 300);
  assert.deepEqual(
    doc.files.map((f) => f.file),
    ['assessments.csv', 'pupils.csv', 'truth.json'],
  );
  assert.equal(doc.files[0]!.rows, 300);
  assert.equal(doc.files[1]!.rows, doc.pupils);
  assert.equal(doc.files[2]!.rows, null);
  for (const f of doc.files) assert.equal(statSync(f.path).size, f.bytes, f.file);
});

test('synth with bad usage exits 2 and names the option', async () => {
  const out = mkdtempSync(join(tmpdir(), 'csc-synth-'));
  const cases: [string[], RegExp][] = [
    [['synth', '--seed', '1'], /missing required option --out/],
    [
      ['synth', '--assessments', 'many', '--out', out],
      /option --assessments: expected an integer, got 'many'/,
    ],
    [['synth', '--assessments', '0', '--out', out], /invalid --assessments; expected a whole number from 1/],
    [
      ['synth', '--extract-date', '2020-01-01', '--out', out],
      /invalid --extract-date; expected a date on or after end/,
    ],
    [['synth', '--colour', 'blue', '--out', out], /unknown option --colour/],
  ];
  for (const [argv, message] of cases) {
    const r = await cli(...argv);
    assert.equal(r.code, 2, argv.join(' '));
    assert.match(r.err, message);
    assert.equal(r.out, '');
  }
});

test('synth reports an output directory it cannot make and exits 1', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'csc-synth-')), 'not-a-directory');
  writeFileSync(file, 'x');
  const r = await cli('synth', '--assessments', '10', '--out', file);
  assert.equal(r.code, 1);
  assert.match(r.err, /^csc-demand synth: .*not-a-directory/);
});
