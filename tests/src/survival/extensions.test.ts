// Case weights, strata, counting-process data and timefix in kaplanMeier and coxPH, against R
// (tests/fixtures/reference/r/survival-extensions.R, survival 3.5.3; its output committed in
// ../fixtures/reference/survival/extensions_expected.json), plus small cases worked by hand.
// Tolerances: Cox fits stop by R's rule (tol 1e-9) after the same Newton steps, so coefficients and
// SEs agree to about 1e-12 relative; we hold them to 1e-9. Log-likelihoods to 1e-10 relative; KM
// tables to 1e-12 absolute.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { coxPH, type CoxInput, type CoxOptions } from '../../../src/survival/cox-ph.js';
import { kaplanMeier } from '../../../src/survival/kaplan-meier.js';
import type { KaplanMeierResult } from '../../../src/survival/km-table.js';
import { readGenericTable, type GenericTable } from '../../../src/data/generic-table.js';
import { closeAbs, closeRel, referencePath } from './reference.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped JSON fixture
const R: any = JSON.parse(readFileSync(referencePath('extensions_expected.json'), 'utf8'));
const load = (name: string): Promise<GenericTable> =>
  readGenericTable(readFileSync(referencePath(name)), { fileName: name });

const REL = 1e-9;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function sameKm(fit: KaplanMeierResult, r: any, what: string): void {
  closeAbs(fit.table.time, r.time, 0, `${what} time`);
  closeAbs(fit.table.nRisk, r.n_risk, 1e-12, `${what} n.risk`);
  closeAbs(fit.table.nEvent, r.n_event, 1e-12, `${what} n.event`);
  closeAbs(fit.table.nCensor, r.n_censor, 1e-12, `${what} n.censor`);
  closeAbs(fit.table.surv, r.surv, 1e-12, `${what} surv`);
  closeAbs(fit.table.stdErrCumHaz, r.std_err, 1e-12, `${what} std.err`);
  closeAbs(fit.table.lower, r.lower, 1e-12, `${what} lower`);
  closeAbs(fit.table.upper, r.upper, 1e-12, `${what} upper`);
  if (r.cumhaz) closeAbs(fit.table.cumhaz, r.cumhaz, 1e-12, `${what} cumhaz`);
  if (r.std_chaz) closeAbs(fit.table.stdErrNelsonAalen, r.std_chaz, 1e-12, `${what} std.chaz`);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function sameCox(input: CoxInput, options: CoxOptions, r: any, what: string): void {
  const fit = coxPH(input, options);
  const coef = [r.coef].flat();
  // With fractional weights R reports a robust variance; ours is the model-based one (naive.var).
  const se = [r.naive_se ?? r.se].flat();
  fit.coefficients.forEach((c, j) => {
    closeRel(c.coef, coef[j], REL, `${what} coef ${c.term}`);
    closeRel(c.se, se[j], REL, `${what} se ${c.term}`);
  });
  closeRel(fit.logLik[0], r.loglik[0], 1e-10, `${what} null loglik`);
  closeRel(fit.logLik[1], r.loglik[1], 1e-10, `${what} loglik`);
  closeRel(fit.tests.score.chisq, r.score, 1e-9, `${what} score test`);
  assert.equal(fit.n, r.n, `${what} n`);
  assert.equal(fit.nEvents, r.nevent, `${what} nevent`);
  assert.equal(fit.iterations, r.iter, `${what} iterations`);
  [r.means].flat().forEach((m: number, j: number) => closeRel(fit.means[j], m, 1e-12, `${what} means[${j}]`));
  const k = fit.concordance;
  const [cIndex, cSe, ...pairs] = r.concordance as number[];
  closeRel(k.concordance, cIndex!, 1e-10, `${what} concordance`);
  closeRel(k.se, cSe!, 1e-9, `${what} concordance se`);
  [k.concordant, k.discordant, k.tiedX, k.tiedY, k.tiedXY].forEach((v, j) =>
    closeRel(v, pairs[j]!, 1e-12, `${what} concordance pairs[${j}]`),
  );
}

async function lung() {
  const t = await load('lung_extra.csv');
  const cols = (names: string[]): Float64Array => {
    const vs = names.map((c) => t.numeric(c));
    const x = new Float64Array(t.n * names.length);
    for (let i = 0; i < t.n; i++) vs.forEach((v, j) => (x[i * names.length + j] = v[i]));
    return x;
  };
  return {
    n: t.n,
    time: t.numeric('time'),
    event: t.numeric('event'),
    entry: t.numeric('entry'),
    w: t.numeric('w'),
    wf: t.numeric('wf'),
    sex: t.numeric('sex'),
    site: t.text('site'),
    cols,
  };
}

test('km with whole case weights matches survfit(weights = w) and the fit on the repeated rows', async () => {
  const l = await lung();
  const fit = kaplanMeier(l.time, l.event, { weights: l.w });
  sameKm(fit, R.km.weighted, 'weighted');
  sameKm(fit, R.km.weighted_expanded, 'expanded');
  assert.equal(
    fit.n,
    Array.from(l.w).reduce((a, b) => a + b, 0),
  );
  for (const sex of [1, 2]) {
    const rows = Array.from({ length: l.n }, (_, i) => i).filter((i) => l.sex[i] === sex);
    const pick = (v: Float64Array): Float64Array => Float64Array.from(rows, (i) => v[i]);
    const g = kaplanMeier(pick(l.time), pick(l.event), { weights: pick(l.w) });
    sameKm(g, R.km.weighted_by_sex[`sex=${sex}`], `sex=${sex}`);
  }
});

test('km refuses fractional weights, naming why', () => {
  assert.throws(() => kaplanMeier([1, 2], [1, 0], { weights: [1.5, 1] }), /whole numbers .*robust variance/);
  assert.throws(() => kaplanMeier([1, 2], [1, 0], { weights: [0, 1] }), /expected finite numbers > 0, got 0/);
});

test('km on counting-process data matches survfit(Surv(entry, time, event)), weighted or not', async () => {
  const l = await lung();
  sameKm(kaplanMeier(l.time, l.event, { start: l.entry }), R.km.counting, 'counting');
  sameKm(
    kaplanMeier(l.time, l.event, { start: l.entry, weights: l.w }),
    R.km.counting_weighted,
    'counting weighted',
  );
});

test('km by hand: delayed entry changes who is at risk', () => {
  // (0, 2] event, (0, 3] censored, (2, 4] event, (1, 5] event. At t = 2: rows 1, 2, 4 at risk
  // (row 3 enters after 2): S = 2/3. At 4: rows 3, 4: S = 2/3 * 1/2. At 5: row 4: S = 0.
  const fit = kaplanMeier([2, 3, 4, 5], [1, 0, 1, 1], { start: [0, 0, 2, 1] });
  assert.deepEqual(Array.from(fit.table.nRisk), [3, 3, 2, 1]);
  assert.deepEqual(Array.from(fit.table.surv), [2 / 3, 2 / 3, 1 / 3, 0]);
  assert.throws(() => kaplanMeier([2], [1], { start: [2] }), /below the stop time/);
});

test('km by hand: a weight of 2 is the row twice', () => {
  const w = kaplanMeier([1, 2, 3], [1, 0, 1], { weights: [2, 1, 1] });
  const rep = kaplanMeier([1, 1, 2, 3], [1, 1, 0, 1]);
  assert.deepEqual(w.table, rep.table);
});

test('km timefix: 0.1 + 0.2 and 0.3 are one time by default, two with timefix off, as R', async () => {
  const t = await load('timefix.csv');
  const on = kaplanMeier(t.numeric('time'), t.numeric('event'));
  sameKm(on, R.km.timefix, 'timefix');
  assert.deepEqual(on.timefix, { applied: true, changed: 4 });
  const off = kaplanMeier(t.numeric('time'), t.numeric('event'), { timefix: false });
  sameKm(off, R.km.no_timefix, 'no timefix');
  assert.deepEqual(off.timefix, { applied: false, changed: 0 });
});

for (const ties of ['efron', 'breslow'] as const) {
  test(`cox (${ties}) with case weights matches coxph(weights = w), whole and fractional`, async () => {
    const l = await lung();
    const base = {
      time: l.time,
      event: l.event,
      x: l.cols(['age', 'sex', 'ph.ecog']),
      names: ['age', 'sex', 'ph.ecog'],
    };
    sameCox({ ...base, weights: l.w }, { ties }, R.cox[ties].weighted, 'weighted');
    sameCox({ ...base, weights: l.wf }, { ties }, R.cox[ties].weighted_fractional, 'fractional');
  });

  test(`cox (${ties}) with strata matches coxph(... + strata())`, async () => {
    const l = await lung();
    const names = ['age', 'ph.ecog'];
    sameCox(
      { time: l.time, event: l.event, x: l.cols(names), names, strata: l.sex },
      { ties },
      R.cox[ties].strata,
      'strata(sex)',
    );
    const all = ['age', 'sex', 'ph.ecog'];
    const fit = coxPH({ time: l.time, event: l.event, x: l.cols(all), names: all, strata: l.site }, { ties });
    assert.deepEqual(fit.strata, ['east', 'north', 'South']);
    sameCox(
      { time: l.time, event: l.event, x: l.cols(all), names: all, strata: l.site },
      { ties },
      R.cox[ties].strata_site,
      'strata(site)',
    );
  });

  test(`cox (${ties}) on counting-process data matches coxph(Surv(entry, time, event))`, async () => {
    const l = await lung();
    const all = ['age', 'sex', 'ph.ecog'];
    sameCox(
      { time: l.time, event: l.event, x: l.cols(all), names: all, start: l.entry },
      { ties },
      R.cox[ties].counting,
      'counting',
    );
    const two = ['age', 'ph.ecog'];
    sameCox(
      {
        time: l.time,
        event: l.event,
        x: l.cols(two),
        names: two,
        start: l.entry,
        strata: l.sex,
        weights: l.w,
      },
      { ties },
      R.cox[ties].counting_strata_weighted,
      'counting + strata + weights',
    );
  });

  test(`cox (${ties}) timefix on and off match coxph(timefix = TRUE / FALSE)`, async () => {
    const t = await load('timefix.csv');
    const input = { time: t.numeric('time'), event: t.numeric('event'), x: t.numeric('x'), names: ['x'] };
    sameCox(input, { ties }, R.cox[ties].timefix, 'timefix');
    sameCox(input, { ties, timefix: false }, R.cox[ties].no_timefix, 'no timefix');
    assert.equal(coxPH(input, { ties }).timefix.changed, 4);
  });
}

test('cox: a split follow-up (survSplit) gives the unsplit fit, as in R', async () => {
  // R's split fit equals its unsplit lung fit (../survival/lung_expected.json key figures).
  const r = R.cox.efron.split;
  closeRel(r.coef[1], -0.5526124, 1e-6, 'R split sex');
  const l = await lung();
  // Split each row at 100, 250 and 400 days, as survSplit(cut = c(100, 250, 400)).
  const time: number[] = [];
  const start: number[] = [];
  const event: number[] = [];
  const x: number[] = [];
  const cov = l.cols(['age', 'sex', 'ph.ecog']);
  for (let i = 0; i < l.n; i++) {
    let from = 0;
    for (const cut of [100, 250, 400, Infinity]) {
      if (l.time[i] <= from) break;
      const to = Math.min(cut, l.time[i]);
      start.push(from);
      time.push(to);
      event.push(to === l.time[i] ? l.event[i] : 0);
      x.push(cov[i * 3], cov[i * 3 + 1], cov[i * 3 + 2]);
      from = cut;
    }
  }
  sameCox({ time, event, x, names: ['age', 'sex', 'ph.ecog'], start }, {}, r, 'split');
});

test('cox by hand: weighted Breslow equals the repeated rows; Efron with weights counts tied events, not their weight', () => {
  const time = [1, 2, 2, 3, 4];
  const event = [1, 1, 1, 0, 1];
  const x = [0, 1, 0, 1, 1];
  const w = [1, 2, 1, 1, 3];
  const rep = {
    time: [1, 2, 2, 2, 3, 4, 4, 4],
    event: [1, 1, 1, 1, 0, 1, 1, 1],
    x: [0, 1, 1, 0, 1, 1, 1, 1],
  };
  const a = coxPH({ time, event, x, names: ['x'], weights: w }, { ties: 'breslow', maxIter: 0 });
  const b = coxPH({ ...rep, names: ['x'] }, { ties: 'breslow', maxIter: 0 });
  // At beta = 0: risk sets of weight 8, 7, 4, 3; log L = -(1 log 8 + 3 log 7 + 3 log 3).
  const ll0 = -(Math.log(8) + 3 * Math.log(7) + 3 * Math.log(3));
  assert.ok(Math.abs(a.logLik[0] - ll0) < 1e-14);
  assert.ok(Math.abs(b.logLik[0] - ll0) < 1e-14);
  // Efron at beta = 0 with weights: at t = 2 two tied rows (d = 2, mean weight 3/2): the terms
  // are 3/2 (log 7 + log(7 - 3/2)); at t = 4 one row of weight 3: 3 log 3.
  const e = coxPH({ time, event, x, names: ['x'], weights: w }, { ties: 'efron', maxIter: 0 });
  const efron0 = -(Math.log(8) + 1.5 * (Math.log(7) + Math.log(5.5)) + 3 * Math.log(3));
  assert.ok(Math.abs(e.logLik[0] - efron0) < 1e-14, `${e.logLik[0]} vs ${efron0}`);
});

test('cox: ties = exact is refused with the reason', () => {
  assert.throws(
    () => coxPH({ time: [1, 2], event: [1, 1], x: [0, 1], names: ['x'] }, { ties: 'exact' as 'efron' }),
    /got 'exact' \(the exact partial likelihood .*combinatorially/,
  );
});

test('cox by hand: strata restart the risk sets; a late entry is not at risk before its start', () => {
  // Strata a: times 1 (event), 2 (event), 3 (censored); b: 1.5 (event), 4 (event). At beta = 0
  // each event's term is -log(size of its own stratum's risk set): a: 3, 2; b: 2, 1.
  const strata = coxPH(
    {
      time: [1, 2, 3, 1.5, 4],
      event: [1, 1, 0, 1, 1],
      x: [0, 1, 0, 1, 0],
      names: ['x'],
      strata: ['a', 'a', 'a', 'b', 'b'],
    },
    { maxIter: 0 },
  );
  assert.ok(Math.abs(strata.logLik[0] - -(Math.log(3) + Math.log(2) + Math.log(2) + Math.log(1))) < 1e-14);
  // Score at 0: event x minus the risk-set mean of x: a: (0 - 1/3) + (1 - 1/2); b: (1 - 1/2) + (0 - 0).
  // Unstratified it would be (0 - 2/5) + (1 - 1/3) + (1 - 2/4) + 0.
  const score = -1 / 3 + 1 / 2 + 1 / 2;
  const info = 2 / 9 + 1 / 4 + 1 / 4; // sum of the risk-set variances of x
  assert.ok(Math.abs(strata.tests.score.chisq - (score * score) / info) < 1e-14);
  // (start, stop]: rows (0, 1] event, (0, 2] event, (1.5, 3] event, (0, 4] censored. Risk sets:
  // t = 1: rows 1, 2, 4 (row 3 enters at 1.5); t = 2: rows 2, 3, 4; t = 3: rows 3, 4.
  const counting = coxPH(
    { time: [1, 2, 3, 4], event: [1, 1, 1, 0], x: [1, 0, 1, 0], names: ['x'], start: [0, 0, 1.5, 0] },
    { maxIter: 0 },
  );
  assert.ok(Math.abs(counting.logLik[0] - -(Math.log(3) + Math.log(3) + Math.log(2))) < 1e-14);
  // Without the entry time, row 3 is at risk at t = 1 too: 4 in the first risk set.
  const plain = coxPH(
    { time: [1, 2, 3, 4], event: [1, 1, 1, 0], x: [1, 0, 1, 0], names: ['x'] },
    { maxIter: 0 },
  );
  assert.ok(Math.abs(plain.logLik[0] - -(Math.log(4) + Math.log(3) + Math.log(2))) < 1e-14);
});
