// `npm run bench -- ols`: an OLS with HC1 robust standard errors at national scale, the size of the
// attainment-gap model on every pupil in a large cohort: 600,000 rows and 30 terms (intercept, 12
// demand-category indicators, free school meals, 2 SEN levels, gender, 5 ethnicity levels, 3 region
// levels, IDACI decile, prior attainment, 2 year indicators and an age covariate). Goal: 2 s or less
// in Node for the fit (designMatrix timed separately). Data from the seeded generator.
import { designMatrix } from '../src/regression/design-matrix.js';
import { ols } from '../src/regression/ols.js';
import { random } from '../src/math/random.js';

export async function bench(): Promise<void> {
  const n = 600_000;
  const rng = random(2024);
  const category = new Array<string>(n);
  const ethnicity = new Array<string>(n);
  const region = new Array<string>(n);
  const sen = new Array<string>(n);
  const year = new Float64Array(n);
  const fsm = new Float64Array(n);
  const female = new Float64Array(n);
  const idaci = new Float64Array(n);
  const prior = new Float64Array(n);
  const age = new Float64Array(n);
  const y = new Float64Array(n);
  const catEffect = Array.from({ length: 13 }, (_, k) => (k === 0 ? 0 : -4 - k));
  for (let i = 0; i < n; i++) {
    const c = rng.next() < 0.85 ? 0 : 1 + rng.int(12);
    category[i] = c === 0 ? 'none' : `c${String(c).padStart(2, '0')}`;
    ethnicity[i] = ['white', 'asian', 'black', 'mixed', 'other', 'unknown'][
      rng.choice([70, 11, 6, 6, 4, 3])
    ]!;
    region[i] = ['north', 'midlands', 'south', 'london'][rng.int(4)]!;
    sen[i] = ['none', 'support', 'ehcp'][rng.choice([82, 14, 4])]!;
    year[i] = 2019 + rng.int(3);
    fsm[i] = rng.next() < 0.25 ? 1 : 0;
    female[i] = rng.int(2);
    idaci[i] = 1 + rng.int(10);
    prior[i] = 105 + 6 * rng.normal();
    age[i] = 15 + rng.next();
    const s = sen[i] === 'ehcp' ? -20 : sen[i] === 'support' ? -10 : 0;
    y[i] =
      46 + catEffect[c]! - 6 * fsm[i]! + s + 1.5 * (prior[i]! - 105) + 0.4 * idaci[i]! + 12 * rng.normal();
  }
  const columns = { y, category, ethnicity, region, sen, year, fsm, female, idaci, prior, age };
  let t0 = performance.now();
  const d = designMatrix(columns, {
    outcomes: ['y'],
    covariates: ['fsm', 'female', 'idaci', 'prior', 'age'],
    factors: ['category', 'sen', 'ethnicity', 'region', 'year'],
    ref: { category: 'none', ethnicity: 'white' },
  });
  const tDesign = performance.now() - t0;
  // CPU time beside wall time: on a shared machine the wall clock also counts time spent descheduled.
  t0 = performance.now();
  let c0 = process.cpuUsage();
  const fit = ols(d.outcomes.y!, d.x, d.names, { robust: 'hc1' });
  const tFit = performance.now() - t0;
  const cFit = process.cpuUsage(c0).user / 1000;
  t0 = performance.now();
  c0 = process.cpuUsage();
  ols(d.outcomes.y!, d.x, d.names);
  const tPlain = performance.now() - t0;
  const cPlain = process.cpuUsage(c0).user / 1000;
  console.log(`ols: ${n.toLocaleString('en-GB')} rows x ${d.p} terms (rank ${fit.rank})`);
  console.log(`  designMatrix          ${(tDesign / 1000).toFixed(2)} s`);
  const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
  console.log(`  ols + HC1             ${s(tFit)} wall, ${s(cFit)} CPU   (goal <= 2 s)`);
  console.log(`  ols, classical SEs    ${s(tPlain)} wall, ${s(cPlain)} CPU`);
  const c = fit.coefficients.find((k) => k.term === 'fsm')!;
  console.log(`  check: fsm ${c.estimate!.toFixed(3)} (planted -6), HC1 SE ${c.robustSe!.toExponential(3)}`);
}
