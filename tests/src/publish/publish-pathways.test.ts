// The summary's sections after the assessment: pathways (publish-pathways.ts), repeat plans and
// re-entry to care. They validate, publish no count from 1 to the threshold, and no suppressed
// count can be worked out from the published totals (rank test, independent of src/publish).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { synthesise } from '../../../src/synth/synth.js';
import { loadAssessments, loadPupils } from '../../../src/data/load.js';
import { buildSummary } from '../../../src/publish/summary.js';
import { validateSummary } from '../../../src/publish/validate-summary.js';
import { planPathways, type PublishedPathways } from '../../../src/publish/publish-pathways.js';
import { runDisclosurePass } from '../../../src/publish/disclosure-pass.js';
import type { PathwaysResult } from '../../../src/analyses/pathways-types.js';

/** The section as the whole-summary pass publishes it when it is the only section. */
const publishPathways = (r: PathwaysResult, { threshold }: { threshold: number }): PublishedPathways =>
  runDisclosurePass([planPathways(r)], [], { threshold })[0] as PublishedPathways;
import { pathways } from '../../../src/analyses/pathways.js';
import type { Published } from '../../../src/publish/disclosure.js';
import { recoverableEntries } from './rank.js';

const council = synthesise({ assessments: 1500, seed: 61 });
const data = (async () => {
  const a = await loadAssessments(council.assessmentsCsv, { fileName: 'assessments.csv' });
  const p = await loadPupils(council.pupilsCsv, { fileName: 'pupils.csv' });
  return { assessments: a.data, pupils: p.data };
})();
const options = { areaName: 'Exampleshire', generatedAt: '2024-05-01T12:00:00.000Z' };

test('the summary publishes pathways, repeat plans and re-entry to care, and validates', async () => {
  const s = await buildSummary(await data, options);
  assert.ok(s.pathways, 'pathways section');
  assert.ok(s.repeatPlans, 'repeat plans section');
  assert.ok(s.careReentry, 'care re-entry section');
  assert.equal(s.repeatPlans!.options.outcome, 'repeat-plan');
  assert.equal(s.careReentry!.options.outcome, 'care-reentry');
  const v = validateSummary(JSON.parse(JSON.stringify(s)));
  assert.deepEqual(v.errors, []);
  assert.ok(s.pathways!.adjusted && s.pathways!.gradient, 'models published');
});

test('one section alone: the others are absent, not null', async () => {
  const s = await buildSummary(await data, { ...options, sections: ['pathways'] });
  assert.ok(s.pathways);
  assert.equal('repeatPlans' in s, false);
  assert.equal(s.rereferral, null);
});

/** Every count of the section, by path, for the threshold check. */
function counts(x: unknown, path = '$', out: [string, Published][] = []): [string, Published][] {
  if (Array.isArray(x)) x.forEach((v, i) => counts(v, `${path}[${i}]`, out));
  else if (x && typeof x === 'object')
    for (const [k, v] of Object.entries(x)) {
      if (
        ['n', 'count', 'events', 'plans', 'notRecorded', 'uncategorised'].includes(k) &&
        (typeof v === 'number' || v === 'c')
      )
        out.push([`${path}.${k}`, v as Published]);
      else counts(v, `${path}.${k}`, out);
    }
  return out;
}

test('small councils: no count from 1 to 5 is published and no suppressed count can be recovered', async () => {
  const small = synthesise({ assessments: 300, seed: 5 });
  const { data: a } = await loadAssessments(small.assessmentsCsv, { fileName: 'a.csv' });
  const { categories, rows } = small.truth;
  const r = pathways(a, {}, { categories: { codes: rows.category, levels: categories.map((c) => c.id) } });
  const p = publishPathways(r, { threshold: 5 });
  const bad = counts(p).filter(([, v]) => typeof v === 'number' && v >= 1 && v <= 5);
  assert.deepEqual(bad, []);
  // The category x outcome table with its totals, as a reader sees it.
  const grid: (number | string)[][] = p.categories.map((g) => [...g.shares.map((s) => s.count), g.n]);
  grid.push([...p.overall.shares.map((s) => s.count), p.n]);
  assert.ok(
    grid.flat().some((v) => v === 'c'),
    'a small council has suppressed cells',
  );
  assert.deepEqual(recoverableEntries(grid), []);
  // Shares are withheld with their counts.
  for (const g of p.categories)
    for (const s of g.shares) if (s.count === 'c') assert.equal(s.share, null, `${g.level} ${s.outcome}`);
  // Gradient: with and without a plan or care, per decile.
  const g = p.gradient!;
  for (const grp of [g.overall, ...g.groups])
    for (const d of grp.deciles) if (d.n === 'c') assert.equal(d.share, null);
});

test('an odds ratio resting on a few assessments is withheld with its reason', async () => {
  const small = synthesise({ assessments: 300, seed: 5 });
  const { data: a } = await loadAssessments(small.assessmentsCsv, { fileName: 'a.csv' });
  const { categories, rows } = small.truth;
  const r = pathways(a, {}, { categories: { codes: rows.category, levels: categories.map((c) => c.id) } });
  const raw = r.adjusted!.plan.terms;
  const p = publishPathways(r, { threshold: 5 }).adjusted!.plan.terms;
  raw.forEach((t, k) => {
    const small = (v: number | null) => v !== null && v >= 1 && v <= 5;
    if (small(t.n) || small(t.referenceN)) {
      assert.equal(p[k]!.or, null);
      assert.equal(p[k]!.suppressed, true);
    } else assert.equal(p[k]!.or, t.or);
    assert.equal('n' in p[k]!, false, 'level counts are not published');
  });
});
