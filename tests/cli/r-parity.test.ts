// The R-parity options (weights, strata, start times, timefix) through the command line, in process (src/cli.ts main), on the
// fixtures the R scripts in tests/fixtures/reference/r/ wrote: km and cox --weights, --start,
// --strata, --no-timefix; ols --weights and --no-intercept; lca --weights; the refusals and the
// messages that name a file line. Numbers are checked against the committed R output to 1e-9.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli.js';

const ref = fileURLToPath(new URL('../fixtures/reference/', import.meta.url));
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped JSON fixtures
const json = (p: string): any => JSON.parse(readFileSync(join(ref, p), 'utf8'));
const R = json('survival/extensions_expected.json');
const ROLS = json('ols/extensions_expected.json');
const lung = join(ref, 'survival/lung_extra.csv');

async function csc(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

/** km or cox on a file whose time and event columns are named `time` and `event`, as the fixtures are. */
function survival(command: 'km' | 'cox', file: string, ...rest: string[]) {
  return csc(command, '--input', file, '--time', 'time', '--event', 'event', ...rest);
}

function close(a: number, e: number, what: string, rel = 1e-9): void {
  assert.ok(Math.abs(a - e) <= rel * Math.abs(e), `${what}: ${a} vs ${e}`);
}

test('km --weights --json reproduces survfit(weights = w); --start survfit(Surv(entry, time, event))', async () => {
  const r = await survival('km', lung, '--weights', 'w', '--json');
  assert.equal(r.code, 0, r.err);
  const doc = JSON.parse(r.out);
  assert.equal(doc.weights, 'w');
  doc.groups[0].table.surv.forEach((s: number, i: number) => close(s, R.km.weighted.surv[i], `surv[${i}]`));
  const c = await survival('km', lung, '--start', 'entry', '--json');
  const cd = JSON.parse(c.out);
  assert.deepEqual(cd.groups[0].table.nRisk, R.km.counting.n_risk);
  cd.groups[0].table.surv.forEach((s: number, i: number) =>
    close(s, R.km.counting.surv[i], `counting surv[${i}]`),
  );
  // By group: one curve a group, and no log-rank test (survdiff takes no weights), said so.
  const g = await survival('km', lung, '--weights', 'w', '--group', 'sex', '--json');
  const gd = JSON.parse(g.out);
  assert.equal(gd.logrank, null);
  assert.ok(gd.warnings.some((w: { code: string }) => w.code === 'no-logrank'));
  gd.groups[1].table.surv.forEach((s: number, i: number) =>
    close(s, R.km.weighted_by_sex['sex=2'].surv[i], `sex=2 surv[${i}]`),
  );
});

test('km says whether timefix was applied, and --no-timefix keeps 0.1 + 0.2 and 0.3 apart', async () => {
  const file = join(ref, 'survival/timefix.csv');
  const on = await survival('km', file, '--json');
  const off = await survival('km', file, '--no-timefix', '--json');
  assert.deepEqual(JSON.parse(on.out).timefix, { applied: true, changed: 4 });
  assert.deepEqual(JSON.parse(off.out).timefix, { applied: false, changed: 0 });
  assert.deepEqual(JSON.parse(on.out).groups[0].table.time, R.km.timefix.time);
  assert.deepEqual(JSON.parse(off.out).groups[0].table.time, R.km.no_timefix.time);
  const text = await survival('km', file);
  assert.match(text.out, /times equal within R's timefix tolerance are tied/);
  const textOff = await survival('km', file, '--no-timefix');
  assert.match(textOff.out, /timefix off/);
});

test('cox --start --strata --weights --json reproduces coxph(Surv(entry, time, event) ~ age + ph.ecog + strata(sex), weights = w)', async () => {
  for (const ties of ['efron', 'breslow']) {
    const r = await survival(
      'cox',
      lung,
      '--start',
      'entry',
      '--covariates',
      'age,ph.ecog',
      '--strata',
      'sex',
      '--weights',
      'w',
      '--ties',
      ties,
      '--json',
    );
    assert.equal(r.code, 0, r.err);
    const doc = JSON.parse(r.out);
    const want = R.cox[ties].counting_strata_weighted;
    doc.coefficients.forEach((c: { coef: number; se: number }, j: number) => {
      close(c.coef, want.coef[j], `${ties} coef ${j}`);
      close(c.se, want.se[j], `${ties} se ${j}`);
    });
    close(doc.logLik[1], want.loglik[1], 'loglik', 1e-10);
    assert.deepEqual(doc.strata, { column: 'sex', levels: ['1', '2'] });
    assert.equal(doc.timefix.applied, true);
    const [cIndex, , ...pairs] = want.concordance;
    close(doc.concordance.estimate, cIndex, 'concordance', 1e-10);
    assert.equal(doc.concordance.concordant, pairs[0]);
  }
});

test('cox --strata orders the strata as R (east, north, South) and --no-timefix follows coxph(timefix = FALSE)', async () => {
  const r = await survival('cox', lung, '--covariates', 'age,sex,ph.ecog', '--strata', 'site', '--json');
  const doc = JSON.parse(r.out);
  assert.deepEqual(doc.strata.levels, ['east', 'north', 'South']);
  doc.coefficients.forEach((c: { coef: number }, j: number) =>
    close(c.coef, R.cox.efron.strata_site.coef[j], `coef ${j}`),
  );
  const file = join(ref, 'survival/timefix.csv');
  const off = JSON.parse((await survival('cox', file, '--covariates', 'x', '--no-timefix', '--json')).out);
  close(off.coefficients[0].coef, R.cox.efron.no_timefix.coef, 'no timefix coef');
  const on = JSON.parse((await survival('cox', file, '--covariates', 'x', '--json')).out);
  close(on.coefficients[0].coef, R.cox.efron.timefix.coef, 'timefix coef');
});

test('cox --ties exact is refused with the reason (usage error, exit 2)', async () => {
  const r = await survival('cox', lung, '--covariates', 'age', '--ties', 'exact');
  assert.equal(r.code, 2);
  assert.match(r.err, /'exact' is not offered: .*combinatorially/);
});

test('ols --no-intercept keeps every level of the factor (wt -3.206), --weights follows lm(weights = carb)', async () => {
  const mt = join(ref, 'ols/mtcars.csv');
  const r = await csc(
    'ols',
    '--input',
    mt,
    '--y',
    'mpg',
    '--x',
    'wt',
    '--factors',
    'cyl',
    '--no-intercept',
    '--json',
  );
  const doc = JSON.parse(r.out);
  assert.deepEqual(
    doc.coefficients.map((c: { term: string }) => c.term),
    ['wt', 'cyl=4', 'cyl=6', 'cyl=8'],
  );
  doc.coefficients.forEach((c: { estimate: number }, j: number) =>
    close(c.estimate, ROLS.no_intercept.estimate[j], `estimate ${j}`),
  );
  const w = JSON.parse(
    (
      await csc(
        'ols',
        '--input',
        mt,
        '--y',
        'mpg',
        '--x',
        'wt,hp',
        '--factors',
        'cyl',
        '--weights',
        'carb',
        '--robust',
        'hc3',
        '--json',
      )
    ).out,
  );
  w.coefficients.forEach((c: { estimate: number; robustSe: number }, j: number) => {
    close(c.estimate, ROLS.weighted.estimate[j], `weighted estimate ${j}`);
    close(c.robustSe, ROLS.weighted.hc.hc3[j], `weighted hc3 ${j}`);
  });
  close(w.logLik, ROLS.weighted.loglik, 'weighted logLik');
});

test('a value too large for a double names its file line, not its design-matrix row', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rparity-'));
  try {
    // Line 4 holds 1e400; a missing y on line 2 makes the design-matrix row differ from the line.
    const file = join(dir, 'big.csv');
    writeFileSync(file, 'y,x,w\nNA,1,1\n2,2,1\n3,1e400,1\n4,5,2\n5,3,1\n');
    const r = await csc('ols', '--input', file, '--y', 'y', '--x', 'x');
    assert.equal(r.code, 1);
    assert.match(r.err, /big\.csv line 4, column x: '1e400' is not a finite number/);
    writeFileSync(file, 'time,event,w\n1,1,1\n2,0,0\n3,1,2\n');
    const k = await survival('km', file, '--weights', 'w');
    assert.match(k.err, /big\.csv line 3, column w: '0' is not a weight; expected a number above 0/);
  } finally {
    rmSync(dir, { recursive: true });
  }
});

test('lca --weights on (pattern, count) rows gives the fit of the expanded rows', async () => {
  const a = JSON.parse(
    (
      await csc(
        'lca',
        '--input',
        join(ref, 'lca/carcinoma_01.csv'),
        '--classes',
        '2',
        '--starts',
        '5',
        '--seed',
        '2',
        '--json',
      )
    ).out,
  );
  const b = JSON.parse(
    (
      await csc(
        'lca',
        '--input',
        join(ref, 'lca/carcinoma_counts.csv'),
        '--weights',
        'count',
        '--classes',
        '2',
        '--starts',
        '5',
        '--seed',
        '2',
        '--json',
      )
    ).out,
  );
  assert.deepEqual(b.items, a.items);
  assert.equal(b.n, 118);
  assert.equal(b.logLik, a.logLik);
  assert.deepEqual(b.shares, a.shares);
  assert.deepEqual(b.itemProbs, a.itemProbs);
});

test('--help lists the new options and the level rule', async () => {
  const r = await csc('--help');
  for (const flag of ['--no-intercept', '--weights', '--start', '--strata', '--no-timefix'])
    assert.ok(r.out.includes(flag), flag);
  assert.match(r.out, /sort\(\) in an English locale/);
});
