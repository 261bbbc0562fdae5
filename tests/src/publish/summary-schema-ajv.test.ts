// The shipped summary schema as other tools read it: ajv (the validator most JavaScript pipelines
// use) in strict mode compiles it (no unknown keywords, no ignored ones) and validates a summary as
// `csc-demand analyse` writes it, and rejects one with a bad count. Our own reader
// (summary-schema-check.ts) interprets the same schema; the two agreeing is the point.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Ajv2020 from 'ajv/dist/2020.js';
import { synthesise } from '../../../src/synth/synth.js';
import { loadAssessments, loadPupils } from '../../../src/data/load.js';
import { buildSummary } from '../../../src/publish/summary.js';
import { documentedSummarySchema } from '../../../src/publish/schema-documented.js';

const SUMMARY_SCHEMA = documentedSummarySchema();

const council = synthesise({ assessments: 400, seed: 13 });

async function summary(): Promise<Record<string, unknown>> {
  const a = await loadAssessments(council.assessmentsCsv, { fileName: 'assessments.csv' });
  const p = await loadPupils(council.pupilsCsv, { fileName: 'pupils.csv' });
  const s = await buildSummary(
    { assessments: a.data, pupils: p.data },
    { areaName: 'Exampleshire', generatedAt: '2024-05-01T12:00:00Z' },
  );
  return JSON.parse(JSON.stringify(s)) as Record<string, unknown>;
}

test('ajv in strict mode compiles the summary schema and validates a summary', async () => {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  const validate = ajv.compile(SUMMARY_SCHEMA);
  const s = await summary();
  assert.equal(validate(s), true, JSON.stringify(validate.errors, null, 2));

  const bad = structuredClone(s) as { rereferral: { n: unknown } };
  bad.rereferral.n = -4;
  assert.equal(validate(bad), false, 'a negative count passed');
  assert.ok(validate.errors?.some((e) => e.instancePath === '/rereferral/n'));
});

test('the schema describes itself, its sections and their fields', () => {
  const schema = SUMMARY_SCHEMA as unknown as {
    description?: string;
    properties: Record<string, { description?: string }>;
    $defs: Record<string, { description?: string; properties?: Record<string, { description?: string }> }>;
  };
  assert.ok(schema.description);
  const undescribed = Object.entries(schema.properties)
    .filter(([, p]) => !p.description && !('$ref' in p))
    .map(([k]) => k);
  assert.deepEqual(undescribed, [], 'top-level fields without a description');
  for (const name of ['count', 'warning', 'demand', 'rereferral', 'attainment', 'pathways'])
    assert.ok(schema.$defs[name]?.description, `$defs.${name} has no description`);
  for (const name of ['demand', 'rereferral', 'attainment', 'pathways']) {
    const fields = Object.entries(schema.$defs[name]!.properties ?? {});
    const missing = fields.filter(([, f]) => !f.description).map(([k]) => k);
    assert.deepEqual(missing, [], `$defs.${name}: fields without a description`);
  }
});
