// School outcomes on the synthetic council (src/synth/school-outcomes.ts): the share of pupils with
// each 0/1 outcome, by planted demand category, covers the planted probability at about the nominal
// rate, and the category contrasts planted (children at risk outside the home miss and are excluded
// from school most; domestic abuse least) come out in the planted direction in the adjusted gaps.
// Coverage: 4 outcomes x 13 groups (12 categories and the uncategorised) x 2 key stages = 104 Wilson
// 95% intervals; under honest intervals the number missing is Binomial(104, 0.05) (mean 5.2), and
// more than 12 happens with probability under 0.5%.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { synthesise } from '../../../src/synth/synth.js';
import { loadAssessments, loadPupils } from '../../../src/data/load.js';
import { attainment } from '../../../src/analyses/attainment.js';
import { schoolRates, type SchoolOutcome } from '../../../src/synth/school-outcomes.js';
import { wilson } from '../../../src/math/proportion.js';

const OUTCOMES: SchoolOutcome[] = [
  'severe_absence',
  'persistent_absence',
  'suspended',
  'permanently_excluded',
];

const council = (async () => {
  const s = synthesise({ assessments: 25000, seed: 3 });
  const a = (await loadAssessments(s.assessmentsCsv, { fileName: 'assessments.csv' })).data;
  const p = (await loadPupils(s.pupilsCsv, { fileName: 'pupils.csv' })).data;
  const ofAssessment = Int32Array.from(s.truth.rows.category);
  for (const i of s.truth.rows.noFactors) ofAssessment[i] = -1;
  const ids = s.truth.categories.map((c) => c.id);
  return { s, a, p, ids, categories: { labels: ids, ofAssessment, source: 'planted' } };
})();

test('synthetic council: school outcome shares cover the planted rates at about the nominal rate', async () => {
  const { a, p, ids, categories } = await council;
  let total = 0;
  const misses: string[] = [];
  for (const keyStage of [2, 4] as const)
    for (const outcome of OUTCOMES) {
      const r = attainment(a, p, categories, { keyStage, outcome, threshold: 0 });
      for (const row of r.rows) {
        if (row.n === null || row.mean === null || row.n < 20) continue;
        const k = row.id.startsWith('category:')
          ? Number(row.id.slice(9))
          : row.id === 'uncategorised'
            ? -1
            : null;
        if (k === null) continue;
        const planted = schoolRates(k >= 0 ? ids[k]! : '')[outcome];
        const ci = wilson(Math.round(row.mean * row.n), row.n);
        total++;
        if (planted < ci.lower || planted > ci.upper)
          misses.push(`KS${keyStage} ${outcome} ${row.label}: ${row.mean.toFixed(3)} vs ${planted}`);
      }
    }
  assert.ok(total >= 80, `${total} intervals`);
  assert.ok(misses.length <= 12, `${misses.length} of ${total} miss:\n${misses.join('\n')}`);
});

test('synthetic council: pupils at risk outside the home miss and are excluded from school more, as planted', async () => {
  const { a, p, ids, categories } = await council;
  const at = (id: string) => `category:${ids.indexOf(id)}`;
  for (const outcome of ['severe_absence', 'suspended'] as const) {
    const r = attainment(a, p, categories, { keyStage: 4, outcome, threshold: 0 });
    const gap = (id: string) => r.rows.find((x) => x.id === at(id))!.adjustedGap!;
    assert.ok(gap('risks-outside-home') > 0, `${outcome}: risks outside the home above pupils not known`);
    assert.ok(gap('risks-outside-home') > gap('domestic-abuse'), `${outcome}: above domestic abuse`);
    assert.equal(r.outcome.model, 'lpm');
  }
  const severe = attainment(a, p, categories, { keyStage: 4, outcome: 'severe_absence', threshold: 0 });
  assert.equal(severe.outcome.national?.childrenInNeed, 0.101);
});
