// `csc-demand lca` end to end: the built CLI (dist/cli.js; `npm run build` first) on poLCA's
// carcinoma data (../shared/reference/lca/), checked against poLCA's fits (log-likelihood 1e-6
// relative; shares and P(item = 1) 1e-4, classes by descending share; see tests/src/lca/reference.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { csc } from './run-cli.js';

const refDir = fileURLToPath(new URL('../fixtures/reference/lca/', import.meta.url));
const carcinoma01 = join(refDir, 'carcinoma_01.csv');
const expected = JSON.parse(readFileSync(join(refDir, 'carcinoma_expected.json'), 'utf8'));

interface Fit {
  classes: number;
  logLik: number;
  aic: number;
  bic: number;
  nParams: number;
  shares: number[];
  itemProbs: number[][];
  entropy: number | null;
}

function matchesPoLCA(fit: Fit, K: number) {
  const ref = expected.fits[`K${K}`];
  assert.ok(Math.abs(fit.logLik - ref.loglik) / Math.abs(ref.loglik) < 1e-6, `K=${K} logLik ${fit.logLik}`);
  assert.equal(fit.nParams, ref.npar);
  assert.ok(Math.abs(fit.bic - ref.bic) / ref.bic < 1e-6);
  assert.ok(Math.abs(fit.aic - ref.aic) / ref.aic < 1e-6);
  fit.shares.forEach((s, k) => assert.ok(Math.abs(s - ref.class_shares[k]) < 1e-4, `K=${K} share ${k + 1}`));
  // Class 4's P(C = 1) with K = 4 lies on a flat ridge where poLCA stopped 1.1e-4 short of the
  // maximiser (tests/src/lca/reference.test.ts shows it): 1.5e-4 there.
  (ref.p_category2_by_class as number[][]).forEach((row, k) =>
    row.forEach((p, j) => {
      const tol = K === 4 && k === 3 && j === 2 ? 1.5e-4 : 1e-4;
      assert.ok(Math.abs(fit.itemProbs[k]![j]! - p) < tol, `K=${K} class ${k + 1} item ${j}`);
    }),
  );
}

test('lca --json on carcinoma (0/1) with 3 classes reproduces poLCA', () => {
  const r = csc('lca', '--input', carcinoma01, '--classes', '3', '--starts', '20', '--seed', '1', '--json');
  assert.equal(r.code, 0, r.err);
  const doc = JSON.parse(r.out);
  assert.equal(doc.n, 118);
  assert.deepEqual(doc.items, ['A', 'B', 'C', 'D', 'E', 'F', 'G']);
  assert.equal(doc.coding, '0/1');
  matchesPoLCA(doc, 3);
  assert.ok(Math.abs(doc.entropy - expected.fits.K3.entropy_r2) < 1e-4);
  assert.equal(doc.fits, undefined);
});

test("lca --json gives poLCA's standard errors (carcinoma, 2 classes) and warns of its boundary solution", () => {
  // sharesSe per class; itemProbsSe class x item, the SE of P(item = 1) (poLCA's category 2). Our
  // SEs match poLCA's to 1e-11 relative with a tight fit (tests/src/lca/standard-errors.test.ts);
  // the CLI's default tolerance still leaves them within 1e-4; SEs of boundary probabilities
  // (poLCA: 0 or 1e-22) are compared absolutely, to 1e-6.
  const r = csc('lca', '--input', carcinoma01, '--classes', '2', '--starts', '20', '--seed', '1', '--json');
  assert.equal(r.code, 0, r.err);
  const doc = JSON.parse(r.out);
  const ref = expected.fits.K2;
  const close = (ours: number, theirs: number, what: string) =>
    assert.ok(
      Math.abs(ours - theirs) <= (theirs < 1e-6 ? 1e-6 : 1e-4 * theirs),
      `${what}: ${ours} vs ${theirs}`,
    );
  doc.sharesSe.forEach((s: number, k: number) => close(s, ref.class_shares_se[k], `share ${k + 1}`));
  (expected.items as string[]).forEach((item, j) =>
    doc.itemProbsSe.forEach((row: number[], k: number) =>
      close(row[j]!, ref.item_probs_se[item][k][1], `${item} ${k + 1}`),
    ),
  );
  assert.equal(doc.probsSe, undefined);
  assert.ok(doc.warnings.some((w: { code: string }) => w.code === 'singular-information'));
});

test('lca --classes 1-4 fits every K, picks the lowest BIC and puts its fit on top', () => {
  const r = csc('lca', '--input', carcinoma01, '--classes', '1-4', '--starts', '50', '--seed', '1', '--json');
  assert.equal(r.code, 0, r.err);
  const doc = JSON.parse(r.out);
  assert.deepEqual(
    doc.fits.map((f: Fit) => f.classes),
    [1, 2, 3, 4],
  );
  doc.fits.forEach((f: Fit, i: number) => matchesPoLCA(f, i + 1));
  const bics = [1, 2, 3, 4].map((k) => expected.fits[`K${k}`].bic);
  assert.equal(doc.chosen, bics.indexOf(Math.min(...bics)) + 1);
  assert.equal(doc.classes, doc.chosen);
  assert.equal(doc.bic, doc.fits[doc.chosen - 1].bic);
});

test("lca reads poLCA's 1/2 coding and names a value that fits neither coding", () => {
  const r = csc(
    'lca',
    '--input',
    join(refDir, 'carcinoma.csv'),
    '--classes',
    '2',
    '--starts',
    '10',
    '--json',
  );
  assert.equal(r.code, 0, r.err);
  const doc = JSON.parse(r.out);
  assert.equal(doc.coding, '1/2');
  matchesPoLCA(doc, 2);

  const dir = mkdtempSync(join(tmpdir(), 'lca-'));
  try {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'a,b\n0,1\n1,1\n0,3\n');
    const e = csc('lca', '--input', bad, '--items', 'a,b', '--classes', '2');
    assert.equal(e.code, 1);
    assert.match(
      e.err,
      /bad\.csv: line 4, column b: expected 0 or 1 \(binary items coded 0\/1, as line 2, column a shows\), got 3/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('lca without --json prints the fit table and class profiles; bad usage exits 2', () => {
  const r = csc('lca', '--input', carcinoma01, '--classes', '2-3', '--starts', '10');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /BIC chooses 3 classes/);
  assert.match(r.out, /P\(item = 1\) by class/);
  const u = csc('lca', '--input', carcinoma01, '--classes', '3-2');
  assert.equal(u.code, 2);
  assert.match(u.err, /option --classes: expected a number such as 3 or a range such as 1-6, got '3-2'/);
});
