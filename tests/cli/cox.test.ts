// `csc-demand cox` end to end: the built CLI (dist/cli.js; `npm run build` first) on R's lung and
// veteran data (../shared/reference/survival/), checked against coxph.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { csc } from './run-cli.js';

const refDir = fileURLToPath(new URL('../fixtures/reference/survival/', import.meta.url));
const expected = (name: string) => JSON.parse(readFileSync(join(refDir, `${name}_expected.json`), 'utf8'));

const rel = (label: string, ours: number, want: number, tol: number) =>
  assert.ok(Math.abs(ours - want) <= tol * Math.abs(want), `${label}: ${ours} vs ${want}`);

interface Term {
  term: string;
  coef: number;
  se: number;
  hr: number;
  lower: number;
  upper: number;
  z: number;
  p: number;
}

for (const ties of ['efron', 'breslow'] as const) {
  test(`cox --json on veteran (celltype against squamous, ${ties}) reproduces coxph to 1e-6`, () => {
    const r = csc(
      'cox',
      '--input',
      join(refDir, 'veteran.csv'),
      '--time',
      'time',
      '--event',
      'status',
      '--covariates',
      'trt,karno,diagtime,age,prior',
      '--factors',
      'celltype',
      '--ref',
      'celltype=squamous',
      '--ties',
      ties,
      '--json',
    );
    assert.equal(r.code, 0, r.err);
    const doc = JSON.parse(r.out);
    const want = expected('veteran').cox[ties];
    assert.equal(doc.n, want.n);
    assert.equal(doc.nEvents, want.nevent);
    for (const c of doc.coefficients as Term[]) {
      const k = want.terms.indexOf(c.term.replace('=', ''));
      assert.ok(k >= 0, c.term);
      rel(`${c.term} coef`, c.coef, want.coef[k], 1e-6);
      rel(`${c.term} se`, c.se, want.se[k], 1e-6);
      rel(`${c.term} hr`, c.hr, want.exp_coef[k], 1e-6);
      rel(`${c.term} lower`, c.lower, want.exp_coef_lower95[k], 1e-6);
      rel(`${c.term} upper`, c.upper, want.exp_coef_upper95[k], 1e-6);
      rel(`${c.term} p`, c.p, want.p[k], 1e-6);
    }
    rel('loglik null', doc.logLik[0], want.loglik_null, 1e-12);
    rel('loglik', doc.logLik[1], want.loglik_final, 1e-10);
    rel('C', doc.concordance.estimate, want.concordance.C, 1e-12);
    rel('se C', doc.concordance.se, want.concordance.se_C, 1e-10);
    rel('LR', doc.tests.likelihoodRatio.chisq, want.lr_test.chisq, 1e-6);
    rel('score', doc.tests.score.chisq, want.score_test.chisq, 1e-8);
  });
}

test('cox on lung: R status coding, the row with a missing ph.ecog dropped and counted', () => {
  const r = csc(
    'cox',
    '--input',
    join(refDir, 'lung.csv'),
    '--time',
    'time',
    '--event',
    'status',
    '--covariates',
    'age,sex,ph.ecog',
    '--json',
  );
  assert.equal(r.code, 0, r.err);
  const doc = JSON.parse(r.out);
  const want = expected('lung').cox.efron;
  assert.equal(doc.eventCoding, '1/2');
  assert.equal(doc.n, 227);
  assert.equal(doc.nEvents, 164);
  assert.deepEqual(doc.excluded, { 'missing_ph.ecog': 1 });
  doc.coefficients.forEach((c: Term, k: number) => rel(c.term, c.coef, want.coef[k], 1e-6));
  assert.deepEqual(
    [doc.concordance.concordant, doc.concordance.discordant, doc.concordance.tiedX],
    [want.concordance.concordant, want.concordance.discordant, want.concordance.tied_x],
  );
});

test('cox prints a coxph-style summary; bad ties is bad usage', () => {
  const r = csc(
    'cox',
    '--input',
    join(refDir, 'lung.csv'),
    '--time',
    'time',
    '--event',
    'event',
    '--covariates',
    'age,sex',
  );
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /event coded 0\/1; ties: efron/);
  assert.match(r.out, /Concordance = /);
  const bad = csc(
    'cox',
    '--input',
    join(refDir, 'lung.csv'),
    '--time',
    'time',
    '--event',
    'event',
    '--covariates',
    'age',
    '--ties',
    'peto',
  );
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--ties: expected efron or breslow, got 'peto'/);
});
