import { test } from 'node:test';
import assert from 'node:assert/strict';
import { synthesise } from '../../../src/synth/synth.js';
import { loadAssessments, loadPupils } from '../../../src/data/load.js';
import { rereferral } from '../../../src/analyses/rereferral.js';
import { buildSummary } from '../../../src/publish/summary.js';
import { publishRereferral } from '../../../src/publish/publish-rereferral.js';
import { summaryLifeTables } from '../../../src/publish/summary-life-tables.js';
import { validateSummary } from '../../../src/publish/validate-summary.js';
import { withholdTerm } from '../../../src/publish/withhold-term.js';
import type { PublishedAttainmentTerm, PublishedHazardRatio } from '../../../src/publish/summary-types.js';

// A synthetic council edited by hand so that a few records sit at a level of their own:
// - assessments: the children of the first two episodes closed by RC8 get gender "Not stated"
//   (CIN code 9), those of the next three ethnicity "Tiny": levels of 1 to 5 episodes in the Cox
//   model of re-referral (checked below, so the cases are what they claim);
// - pupils at KS4: no EHC plan but for two (complete, not known to social care: in the model), and
//   three others of ethnicity "AAA", which sorts first and so becomes the reference of ethnicity.
const council = synthesise({ assessments: 700, seed: 51 });

function editCsv(csv: string, edit: (row: Record<string, string>) => void): string {
  const lines = csv.trimEnd().split('\n');
  const head = lines[0]!.split(',');
  const out = lines.slice(1).map((line) => {
    const values = line.split(',');
    const row = Object.fromEntries(head.map((h, k) => [h, values[k] ?? '']));
    edit(row);
    return head.map((h) => row[h]).join(',');
  });
  return [lines[0], ...out].join('\n') + '\n';
}

const closedRc8: string[] = [];
for (const line of council.assessmentsCsv.split('\n').slice(1)) {
  const v = line.split(',');
  if (v[5] === 'RC8' && !closedRc8.includes(v[0]!)) closedRc8.push(v[0]!);
}
const notStated = new Set(closedRc8.slice(0, 2));
const tinyEthnicity = new Set(closedRc8.slice(2, 5));
const assessmentsCsv = editCsv(council.assessmentsCsv, (r) => {
  if (notStated.has(r.child_id!)) r.gender = '9';
  if (tinyEthnicity.has(r.child_id!)) r.ethnicity = 'Tiny';
});
let ehcp = 0;
let aaa = 0;
const pupilsCsv = editCsv(council.pupilsCsv, (r) => {
  if (r.key_stage !== '4') return;
  if (r.sen === 'ehcp') r.sen = 'support';
  if (r.child_id !== '' || r.attainment8 === '' || r.prior_attainment === '') return;
  if (ehcp < 2) {
    r.sen = 'ehcp';
    ehcp++;
  } else if (aaa < 3) {
    r.ethnicity = 'AAA';
    aaa++;
  }
});
const data = (async () => ({
  assessments: (await loadAssessments(assessmentsCsv, { fileName: 'assessments.csv' })).data,
  pupils: (await loadPupils(pupilsCsv, { fileName: 'pupils.csv' })).data,
}))();
const options = { areaName: 'Exampleshire', generatedAt: '2024-05-01T12:00:00.000Z' };

const figures = (t: PublishedHazardRatio) => [t.hr, t.lower, t.upper, t.p, t.coef, t.se];
const shown = (t: PublishedHazardRatio | PublishedAttainmentTerm) =>
  !t.suppressed && !('n' in t) && !('referenceN' in t);

test('withholdTerm: a level or a reference of 1 to threshold records withholds; numeric covariates never', () => {
  assert.equal(withholdTerm({ n: 2, referenceN: 140 }, 5), 'small-level');
  assert.equal(withholdTerm({ n: 5, referenceN: 140 }, 5), 'small-level');
  assert.equal(withholdTerm({ n: 6, referenceN: 140 }, 5), null);
  assert.equal(withholdTerm({ n: 60, referenceN: 3 }, 5), 'small-reference');
  assert.equal(withholdTerm({ n: 2, referenceN: 3 }, 5), 'small-level');
  assert.equal(withholdTerm({ n: 0, referenceN: 0 }, 5), null);
  assert.equal(withholdTerm({ n: null, referenceN: null }, 5), null);
  assert.equal(withholdTerm({}, 5), null);
  assert.equal(withholdTerm({ n: 3, referenceN: 3 }, 0), null, 'threshold 0 withholds nothing');
});

test('the Cox model withholds the term of a gender level with a few episodes, and only that term', async () => {
  const d = await data;
  const rr = rereferral(d.assessments, { group: 'ethnicity' });
  const term = rr.cox!.terms.find((t) => t.term === 'gender=Not stated')!;
  // The case is what it claims: a small level, its reference large, every other gender term large.
  assert.ok(term.n! >= 1 && term.n! <= 5, `Not stated has ${term.n} episodes in the model`);
  assert.ok(term.referenceN! > 5);
  const p = publishRereferral(rr, summaryLifeTables(d.assessments, rr), { threshold: 5 });
  const terms = p.cox!.terms;
  const withheld = terms.find((t) => t.term === 'gender=Not stated')!;
  assert.equal(withheld.suppressed, true);
  assert.equal(withheld.suppressedReason, 'small-level');
  assert.deepEqual(figures(withheld), [null, null, null, null, null, null]);
  // Everything else keeps its figures: the other gender terms, age and episode length, the groups
  // and the referral sources with more than five episodes.
  const hiddenGroups = new Set(p.groups.filter((g) => g.suppressed).map((g) => g.level));
  for (const t of rr.cox!.terms.filter((t) => t.term !== 'gender=Not stated')) {
    const q = terms.find((x) => x.term === t.term)!;
    if (t.kind === 'group' && hiddenGroups.has(t.level!))
      assert.equal(q.suppressedReason, 'suppressed-group', `${t.term}: its group is suppressed`);
    else if (t.n === null || (t.n! > 5 && t.referenceN! > 5)) {
      assert.ok(shown(q), `${t.term} is published`);
      assert.equal(q.hr, t.hr);
    } else assert.equal(q.suppressed, true, `${t.term} (${t.n} episodes) is withheld`);
  }
  assert.ok(terms.some((t) => t.term.startsWith('gender=') && t.term !== 'gender=Not stated' && shown(t)));
  assert.ok(terms.some((t) => t.term === 'age' && shown(t)));
});

test('a small reference group withholds every group term of the Cox model', async () => {
  const d = await data;
  const rr = rereferral(d.assessments, { group: 'ethnicity', reference: 'Tiny' });
  const groupTerms = rr.cox!.terms.filter((t) => t.kind === 'group');
  assert.ok(groupTerms.length >= 3);
  assert.ok(groupTerms.every((t) => t.referenceN! >= 1 && t.referenceN! <= 5));
  const p = publishRereferral(rr, summaryLifeTables(d.assessments, rr), { threshold: 5 });
  const reasons = new Set<string | undefined>();
  for (const t of p.cox!.terms.filter((t) => t.kind === 'group')) {
    // The groups' table may hide another group to protect Tiny's count ('suppressed-group').
    assert.equal(t.suppressed, true, t.term);
    assert.deepEqual(figures(t), [null, null, null, null, null, null]);
    reasons.add(t.suppressedReason);
  }
  assert.ok(reasons.has('small-reference'));
  assert.ok(p.cox!.terms.some((t) => t.kind === 'covariate' && shown(t)));
  // Grouped by ethnicity with its largest group as reference, the same model publishes them.
  const usual = rereferral(d.assessments, { group: 'ethnicity' });
  const q = publishRereferral(usual, summaryLifeTables(d.assessments, usual), { threshold: 5 });
  assert.ok(q.cox!.terms.some((t) => t.kind === 'group' && shown(t)));
});

test('the attainment model withholds the EHC plan term of two pupils and every term of ethnicity when its reference has three', async () => {
  const d = await data;
  assert.deepEqual([ehcp, aaa], [2, 3]);
  const s = await buildSummary(d, { ...options, sections: ['attainment'], keyStages: [4] });
  const v = validateSummary(JSON.parse(JSON.stringify(s)));
  assert.deepEqual(v.errors, []);
  const terms = s.attainment[0]!.model!.terms;
  const byName = new Map(terms.map((t) => [t.term, t]));
  assert.equal(byName.get('sen=ehcp')?.suppressedReason, 'small-level');
  assert.ok(shown(byName.get('sen=support')!), 'SEN support is published');
  const ethnicity = terms.filter((t) => t.term.startsWith('ethnicity='));
  assert.ok(ethnicity.length >= 2);
  for (const t of ethnicity) {
    assert.equal(t.suppressed, true, t.term);
    // A level of its own with 1 to 5 pupils says so first.
    assert.ok(['small-reference', 'small-level'].includes(t.suppressedReason!), t.term);
    assert.deepEqual([t.estimate, t.se, t.lower, t.upper, t.p], [null, null, null, null, null]);
  }
  assert.ok(ethnicity.filter((t) => t.suppressedReason === 'small-reference').length >= 2);
  for (const name of ['fsm', 'prior_attainment']) assert.ok(shown(byName.get(name)!), name);
  // OLS residuals sum to 0 within the reference level: the intercept would give the three pupils' mean.
  assert.equal(byName.get('(Intercept)')?.suppressedReason, 'small-reference');
  assert.ok(terms.some((t) => t.term.startsWith('idaci_decile=') && shown(t)));
});

test('a 0/1 covariate counts as a factor: free school meals of two pupils in the model is withheld', async () => {
  // Every KS4 pupil without free school meals but two of the comparison pupils the model uses.
  let fsm = 0;
  const fewFsm = editCsv(council.pupilsCsv, (r) => {
    if (r.key_stage !== '4') return;
    r.fsm = '0';
    if (fsm < 2 && r.child_id === '' && r.attainment8 !== '' && r.prior_attainment !== '') {
      r.fsm = '1';
      fsm++;
    }
  });
  const d = await data;
  const pupils = (await loadPupils(fewFsm, { fileName: 'pupils.csv' })).data;
  const s = await buildSummary(
    { assessments: d.assessments, pupils },
    { ...options, sections: ['attainment'], keyStages: [4] },
  );
  assert.deepEqual(validateSummary(JSON.parse(JSON.stringify(s))).errors, []);
  const byName = new Map(s.attainment[0]!.model!.terms.map((t) => [t.term, t]));
  assert.equal(byName.get('fsm')?.suppressedReason, 'small-level');
  assert.deepEqual(
    [byName.get('fsm')!.estimate, byName.get('fsm')!.se, byName.get('fsm')!.p],
    [null, null, null],
  );
  assert.ok(shown(byName.get('prior_attainment')!), 'a numeric covariate that is not 0/1 is published');
});

test('with 3 comparison pupils, the categories adjusted gaps (their coefficients) leave the rows too', async () => {
  // Every KS4 pupil not known to social care left without a result but three.
  let kept = 0;
  const fewComparison = editCsv(council.pupilsCsv, (r) => {
    if (r.key_stage !== '4' || r.child_id !== '') return;
    if (kept < 3 && r.attainment8 !== '' && r.prior_attainment !== '') kept++;
    else r.attainment8 = '';
  });
  const d = await data;
  const pupils = (await loadPupils(fewComparison, { fileName: 'pupils.csv' })).data;
  const s = await buildSummary(
    { assessments: d.assessments, pupils },
    { ...options, sections: ['attainment'], keyStages: [4] },
  );
  assert.deepEqual(validateSummary(JSON.parse(JSON.stringify(s))).errors, []);
  const a = s.attainment[0]!;
  const categoryTerms = a.model!.terms.filter((t) => t.term.startsWith('category='));
  assert.ok(categoryTerms.length > 0 && categoryTerms.every((t) => t.suppressed));
  for (const row of a.rows)
    assert.deepEqual(
      [row.adjustedGap, row.se, row.lower, row.upper, row.p],
      [null, null, null, null, null],
      row.label,
    );
  assert.ok(a.warnings.some((w) => w.code === 'adjusted-gaps-withheld'));
});

test('the validator rejects a withheld term with figures and a term publishing its level count', async () => {
  const d = await data;
  const s = JSON.parse(
    JSON.stringify(await buildSummary(d, { ...options, sections: ['attainment'], keyStages: [4] })),
  );
  const terms = s.attainment[0].model.terms;
  const k = terms.findIndex((t: PublishedAttainmentTerm) => t.term === 'sen=ehcp');
  terms[k].estimate = 1.5;
  terms[0].n = 2;
  const paths = validateSummary(s).errors.map((e) => e.path);
  assert.ok(paths.includes(`$.attainment[0].model.terms[${k}]`), paths.join(', '));
  assert.ok(paths.includes('$.attainment[0].model.terms[0].n'), paths.join(', '));
});
