// `npm run bench -- pathways`: the pathways analysis and its logistic fit at national scale, 3.6
// million assessments (the study's England 2014-21). Goals: pathways and the gradient each
// within a few seconds; the logistic fit no slower than R's glm on the same data.
// - pathways(): outcomes, shares, the adjusted models and the gradient (fitted on covariate patterns).
// - logistic() on the rows: plan ~ category + age band + deprivation, 3.6 million x 17, the fit R's
//   glm.fit makes on the same matrix (written to a binary file R reads with readBin), timed in R by
//   bench/pathways-glm.R when Rscript is on the machine.
// Data: a seeded council built directly as typed arrays (no CSV), 1.8 children per 3.6 assessments.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pathways } from '../src/analyses/pathways.js';
import { MISSING_DAY, type AssessmentData } from '../src/data/types.js';
import { logistic } from '../src/regression/logistic.js';
import { random } from '../src/math/random.js';

const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

function council(n: number): { data: AssessmentData; category: Int32Array } {
  const rng = random(17);
  const children = Math.floor(n / 2);
  const child = new Int32Array(n);
  const day = (y: number) => Math.floor((y - 1970) * 365.25);
  const referral = new Int32Array(n);
  const assessment = new Int32Array(n);
  const closure = new Int32Array(n).fill(MISSING_DAY);
  const cppStart = new Int32Array(n).fill(MISSING_DAY);
  const careStart = new Int32Array(n).fill(MISSING_DAY);
  const age = new Float64Array(n);
  const decile = new Float32Array(n);
  const reason = new Int32Array(n).fill(-1);
  const gender = new Int32Array(n);
  const ethnicity = new Int32Array(n);
  const category = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    child[i] = i < children ? i : rng.int(children);
    referral[i] = day(2014.25) + rng.int(7 * 365);
    assessment[i] = referral[i]! + 3 + rng.int(40);
    category[i] = rng.int(12);
    age[i] = rng.int(18);
    decile[i] = 1 + rng.int(10);
    gender[i] = rng.int(2);
    ethnicity[i] = rng.choice([70, 9, 8, 9, 4]);
    const eta = -2 + 0.1 * category[i]! + 0.06 * (10 - decile[i]!) - 0.02 * age[i]!;
    const u = rng.next();
    const q = 1 / (1 + Math.exp(-eta));
    if (u < q * 0.35) careStart[i] = assessment[i]! + rng.int(60);
    else if (u < q) cppStart[i] = assessment[i]! + 5 + rng.int(20);
    else if (u < q + 0.4) {
      closure[i] = assessment[i]! + rng.int(14);
      reason[i] = 0;
    }
  }
  const none = new Int32Array(n).fill(-1);
  const data: AssessmentData = {
    kind: 'assessments',
    n,
    line: Int32Array.from({ length: n }, (_, i) => i + 2),
    childId: { codes: child, levels: Array.from({ length: children }, (_, k) => `C${k}`) },
    referralDate: referral,
    assessmentDate: assessment,
    closureDate: closure,
    dateOfBirth: new Int32Array(n).fill(MISSING_DAY),
    cppStart,
    cppEnd: new Int32Array(n).fill(MISSING_DAY),
    cppCategory: { codes: none, levels: [] },
    careStart,
    careEnd: new Int32Array(n).fill(MISSING_DAY),
    age,
    deprivationDecile: decile,
    closureReason: { codes: reason, levels: ['RC8'] },
    referralSource: { codes: none, levels: [] },
    primaryNeed: { codes: none, levels: [] },
    gender: { codes: gender, levels: ['Female', 'Male'] },
    ethnicity: { codes: ethnicity, levels: ['White', 'Mixed', 'Asian', 'Black', 'Other'] },
    disability: { codes: none, levels: [] },
    factorCodes: ['16A'],
    factorCounts: [0],
    factorWords: 1,
    factors: new Uint32Array(n),
  };
  return { data, category };
}

export async function bench(): Promise<void> {
  const n = Number(process.env.PATHWAYS_BENCH_N ?? 3_600_000);
  let t0 = performance.now();
  const { data, category } = council(n);
  console.log(`pathways: ${n.toLocaleString('en-GB')} assessments (built in ${s(performance.now() - t0)})`);
  const levels = Array.from({ length: 12 }, (_, k) => `c${String(k).padStart(2, '0')}`);
  const categories = { codes: category, levels };

  t0 = performance.now();
  let c0 = process.cpuUsage();
  const shares = pathways(data, { models: false, extractDate: '2024-03-31' }, { categories });
  console.log(
    `  shares only            ${s(performance.now() - t0)} wall, ${s(process.cpuUsage(c0).user / 1000)} CPU`,
  );
  t0 = performance.now();
  c0 = process.cpuUsage();
  const full = pathways(data, { extractDate: '2024-03-31' }, { categories });
  console.log(
    `  with models + gradient ${s(performance.now() - t0)} wall, ${s(process.cpuUsage(c0).user / 1000)} CPU   (goal: a few seconds)`,
  );
  console.log(
    `  check: ${shares.n.toLocaleString('en-GB')} in the shares; gradient OR per decile ${full.gradient!.overall.slope.or!.toFixed(4)} (planted exp(0.06 x ...) marginally)`,
  );

  // The row-level fit: plan-or-care ~ category + age band + deprivation (10 - decile).
  const ageBand = (a: number) => (a < 1 ? 0 : a < 5 ? 1 : a < 10 ? 2 : a < 16 ? 3 : 4);
  const p = 1 + 11 + 4 + 1;
  const names = [
    '(Intercept)',
    ...levels.slice(1).map((l) => `category=${l}`),
    ...['1-4', '5-9', '10-15', '16-17'].map((b) => `age=${b}`),
    'deprivation',
  ];
  const x = new Float64Array(n * p);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const o = i * p;
    x[o] = 1;
    if (category[i]! > 0) x[o + category[i]!] = 1;
    const b = ageBand(data.age[i]!);
    if (b > 0) x[o + 11 + b] = 1;
    x[o + 16] = 10 - data.deprivationDecile[i]!;
    y[i] = data.cppStart[i] !== MISSING_DAY || data.careStart[i] !== MISSING_DAY ? 1 : 0;
  }
  t0 = performance.now();
  c0 = process.cpuUsage();
  const fit = logistic(y, x, names);
  const tFit = performance.now() - t0;
  const cFit = process.cpuUsage(c0).user / 1000;
  console.log(
    `  logistic on the rows   ${s(tFit)} wall, ${s(cFit)} CPU (${n.toLocaleString('en-GB')} x ${p}, ${fit.iterations} iterations)`,
  );

  const r = spawnSync('Rscript', ['--version'], { encoding: 'utf8' });
  if (r.status !== 0) {
    console.log('  R: Rscript not found, no comparison');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'csc-bench-glm-'));
  try {
    // Column-major, as R's matrix() reads it.
    const colMajor = new Float64Array(n * p);
    for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) colMajor[j * n + i] = x[i * p + j]!;
    writeFileSync(join(dir, 'x.bin'), new Uint8Array(colMajor.buffer));
    writeFileSync(join(dir, 'y.bin'), new Uint8Array(y.buffer));
    const script = fileURLToPath(new URL('./pathways-glm.R', import.meta.url));
    const out = spawnSync('Rscript', [script, dir, String(n), String(p)], { encoding: 'utf8' });
    const line = (out.stdout || out.stderr).trim().split('\n').pop() ?? '';
    const [user, elapsed, deviance, iter] = line.split(' ').map(Number);
    console.log(
      `  R glm.fit, same matrix ${s(elapsed! * 1000)} wall, ${s(user! * 1000)} CPU (${iter} iterations)`,
    );
    console.log(
      `  check: deviance ours ${fit.deviance.toFixed(6)}, R ${deviance!.toFixed(6)}; ours / R CPU ${(cFit / (user! * 1000)).toFixed(2)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
