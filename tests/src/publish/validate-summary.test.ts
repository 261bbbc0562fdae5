import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { synthesise } from '../../../src/synth/synth.js';
import { loadAssessments, loadPupils } from '../../../src/data/load.js';
import { buildSummary } from '../../../src/publish/summary.js';
import { validateSummary } from '../../../src/publish/validate-summary.js';
import { summarySchemaCheck } from '../../../src/publish/summary-schema-check.js';
import { SUMMARY_SCHEMA } from '../../../src/publish/schema.js';
import type { Summary } from '../../../src/publish/summary-types.js';

const council = synthesise({ assessments: 500, seed: 41 });
const made = (async () => {
  const a = await loadAssessments(council.assessmentsCsv, { fileName: 'assessments.csv' });
  const p = await loadPupils(council.pupilsCsv, { fileName: 'pupils.csv' });
  return buildSummary(
    { assessments: a.data, pupils: p.data },
    { areaName: 'Exampleshire', generatedAt: '2024-05-01T12:00:00Z' },
  );
})();
const fresh = async (): Promise<Summary> => JSON.parse(JSON.stringify(await made)) as Summary;

test('a summary as published validates, from its object or its text', async () => {
  const s = await fresh();
  const v = validateSummary(s);
  assert.deepEqual([v.valid, v.errors, v.warnings], [true, [], []]);
  assert.equal(v.summary, s);
  assert.equal(validateSummary(JSON.stringify(s)).valid, true);
});

test('a file that is not a summary, or not JSON, is rejected with one clear error', () => {
  assert.deepEqual(
    validateSummary('{"format": "csc-demand-summary",').errors.map((e) => e.path),
    ['$'],
  );
  assert.match(validateSummary('{"format": "csc-demand-summary",').errors[0]!.message, /^is not JSON: /);
  assert.deepEqual(validateSummary({ method: 'rereferral' }).errors, [
    {
      path: '$.format',
      message: 'expected "csc-demand-summary": this is not a csc-demand summary (got nothing)',
    },
  ]);
});

test('every 1.x version loads (a newer minor with a warning); another major does not', async () => {
  const s = await fresh();
  // A 1.0 file read by this (1.1) reader: loads, nothing to say.
  assert.equal(s.schemaVersion, '1.1');
  const older = validateSummary({ ...s, schemaVersion: '1.0' });
  assert.deepEqual([older.valid, older.warnings], [true, []]);
  // This file read by a 1.0 reader: loads, with the note that figures it added are ignored.
  const byOld = validateSummary(s, { current: '1.0' });
  assert.deepEqual(
    [byOld.valid, byOld.warnings.map((w) => w.message)],
    [true, ['the file is version 1.1, newer than this reader (1.0): figures it adds are ignored']],
  );
  // A file from a later 1.x, with a field this reader does not know: loads, said, field ignored.
  const newer = { ...s, schemaVersion: '1.3', districts: [{ name: 'North' }] };
  const v = validateSummary(newer);
  assert.equal(v.valid, true);
  assert.deepEqual(v.warnings, [
    {
      path: '$.schemaVersion',
      message: 'the file is version 1.3, newer than this reader (1.1): figures it adds are ignored',
    },
  ]);
  const major = validateSummary({ ...s, schemaVersion: '2.0' });
  assert.equal(major.valid, false);
  assert.match(
    major.errors[0]!.message,
    /^expected a version 1\.x summary, got "2\.0": this reader cannot read it/,
  );
});

test('a count from 1 to the threshold in an altered file is rejected, naming its path', async () => {
  const s = await fresh();
  s.rereferral!.groups[1]!.n = 3;
  const v = validateSummary(s);
  assert.equal(v.valid, false);
  assert.equal(v.summary, null);
  assert.deepEqual(v.errors[0], {
    path: '$.rereferral.groups[1].n',
    message:
      "3 is a count from 1 to 5, which this summary's disclosure rule never publishes: the file was altered or made without disclosure control",
  });
  // The same 3 under a threshold of 2: refused by the threshold rule before anything else.
  s.metadata.disclosure.threshold = 2;
  const again = validateSummary(s);
  assert.deepEqual(
    again.errors.map((e) => e.path),
    ['$.metadata.disclosure.threshold'],
  );
  assert.match(
    again.errors[0]!.message,
    /the disclosure threshold must be a whole number of at least 3.*got 2/,
  );
});

test('a summary declaring a threshold below 3 is refused, naming the rule', async () => {
  for (const t of [0, 1, 2]) {
    const s = await fresh();
    s.metadata.disclosure.threshold = t;
    const v = validateSummary(s);
    assert.equal(v.valid, false);
    assert.equal(v.errors[0]!.path, '$.metadata.disclosure.threshold');
    assert.match(
      v.errors[0]!.message,
      new RegExp(`at least 3 .*got ${t}: a summary made with a lower threshold`),
    );
  }
});

test('a bidirectional-text control in any string of a summary is refused, with its path', async () => {
  const s = await fresh();
  const c = s.demand!.categories[0]!;
  c.name = `${c.name}\u202E`;
  s.rereferral!.groups[0]!.label = `\u2067${s.rereferral!.groups[0]!.label}`;
  const v = validateSummary(s);
  assert.equal(v.valid, false);
  assert.deepEqual(
    v.errors.map((e) => e.path),
    ['$.demand.categories[0].name', '$.rereferral.groups[0].label'],
  );
  assert.match(v.errors[0]!.message, /contains U\+202E, a bidirectional-text control/);
  assert.match(v.errors[1]!.message, /contains U\+2067/);
});

test('figures that no longer agree with each other are flagged with their path', async () => {
  const s = await fresh();
  const a = s.attainment[0]!;
  const row = a.rows.find((r) => r.kind === 'category' && r.mean !== null)!;
  row.mean! += 2; // the gap to the comparison group no longer matches the means
  const all = a.rows.find((r) => r.kind === 'all')!;
  all.n = (all.n as number) + 10;
  const v = validateSummary(s);
  const paths = v.errors.map((e) => e.path);
  const i = a.rows.indexOf(row);
  assert.ok(paths.includes(`$.attainment[0].rows[${i}].rawGap`), JSON.stringify(v.errors));
  assert.ok(paths.includes(`$.attainment[0].rows[${a.rows.indexOf(all)}].n`));
  assert.match(
    v.errors.find((e) => e.path.endsWith('rawGap'))!.message,
    /but the row's mean less the comparison group's give/,
  );
});

test('a share that no longer matches its count, or a count its years do not add up to, is flagged', async () => {
  const s = await fresh();
  const d = s.demand!;
  const k = d.categories.findIndex((c) => typeof c.count === 'number');
  d.categories[k]!.share = d.categories[k]!.share! + 0.01;
  const v = validateSummary(s);
  assert.equal(v.valid, false);
  assert.equal(v.errors[0]!.path, `$.demand.categories[${k}].share`);
  assert.match(
    v.errors[0]!.message,
    /but its count and the classified assessments \(\d+ of \d+\) give 0\.\d+: the file was altered or is corrupt$/,
  );
  const t = await fresh();
  const c = t.demand!.categories[k]!;
  c.count = (c.count as number) + 10;
  const paths = validateSummary(t).errors.map((e) => e.path);
  assert.ok(paths.includes(`$.demand.categories[${k}].count`), JSON.stringify(paths));
  assert.ok(paths.includes(`$.demand.categories[${k}].share`));
});

test('schema problems name the path and say what was expected', async () => {
  const s = (await fresh()) as unknown as {
    rereferral: { groups: { nRisk: unknown[] }[]; logRank: unknown };
    attainment: { rows: Record<string, unknown>[]; options: Record<string, unknown> }[];
  };
  s.rereferral.groups[0]!.nRisk[1] = 'few';
  delete s.attainment[0]!.rows[2]!['label'];
  s.attainment[0]!.options['keyStage'] = 3;
  s.rereferral.logRank = 'none';
  const v = validateSummary(s);
  assert.deepEqual(v.errors, [
    {
      path: '$.rereferral.groups[0].nRisk[1]',
      message: 'expected a count (a whole number from 0, or c, z, x or low), got "few"',
    },
    { path: '$.rereferral.logRank', message: 'expected null or an object, got "none"' },
    { path: '$.attainment[0].options.keyStage', message: 'expected one of 2, 4, got 3' },
    { path: '$.attainment[0].rows[2].label', message: 'is missing (required)' },
  ]);
});

test('the schema interpreter: types, bounds, patterns, anyOf, and counts reported by path', () => {
  const schema = {
    type: 'object',
    properties: {
      n: { $ref: '#/$defs/count' },
      share: { type: 'number', minimum: 0, maximum: 1 },
      year: { type: 'string', pattern: '^\\d{4}-\\d{2}$' },
      list: { type: 'array', items: { $ref: '#/$defs/count' } },
    },
    required: ['n'],
    additionalProperties: false,
    $defs: { count: { anyOf: [{ type: 'integer', minimum: 0 }, { enum: ['c'] }] } },
  };
  const counts: [string, unknown][] = [];
  const problems = summarySchemaCheck(
    { n: 12, share: 1.5, year: '2019', list: [0, 'c', 2.5], extra: 1 },
    schema,
    (p, v) => counts.push([p, v]),
  );
  assert.deepEqual(problems, [
    { path: '$.share', message: 'expected a number <= 1, got 1.5' },
    { path: '$.year', message: 'expected text matching ^\\d{4}-\\d{2}$, got "2019"' },
    { path: '$.list[2]', message: 'expected a count (a whole number from 0, or c, z, x or low), got 2.5' },
    { path: '$.extra', message: 'is not a field of this object' },
  ]);
  assert.deepEqual(counts, [
    ['$.n', 12],
    ['$.list[0]', 0],
    ['$.list[1]', 'c'],
  ]);
});

test('the validator runs under a strict Content-Security-Policy: no eval, no new Function', () => {
  for (const f of ['validate-summary.ts', 'summary-schema-check.ts', 'summary-consistency.ts', 'schema.ts']) {
    const text = readFileSync(new URL(`../../../src/publish/${f}`, import.meta.url), 'utf8')
      .split('\n')
      .filter((line) => !/^\s*(\/\/|\*)/.test(line))
      .join('\n');
    assert.doesNotMatch(text, /\bnew Function\b|\beval\s*\(/, f);
  }
  assert.equal(SUMMARY_SCHEMA.$schema, 'https://json-schema.org/draft/2020-12/schema');
});
