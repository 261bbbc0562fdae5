// Survival at national scale: 3.6 million synthetic closed episodes (12 demand categories,
// four continuous covariates, follow-up in whole days up to six years, about 30% censored).
// Prints the time of Kaplan-Meier by category with the log-rank test (goal: 2 s or less) and of a Cox
// fit with 11 category terms and 4 covariates (goal: 20 s or less). Where Rscript is installed, writes
// the same data to a temporary CSV and times R's survfit + survdiff and coxph on it inside R
// (system.time, so R's file reading is not counted), then prints the ratio ours / R (set BENCH_SKIP_R
// to skip R: its run takes minutes).
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { random } from '../src/math/random.js';
import { coxPH } from '../src/survival/cox-ph.js';
import { kaplanMeierGroups } from '../src/survival/kaplan-meier-groups.js';

const N = 3_600_000;
const GROUPS = 12;
const HORIZON = 2191; // six years in days

interface Episodes {
  time: Float64Array;
  event: Uint8Array;
  group: Int32Array;
  /** age, log episode length, prior referrals, deprivation decile. */
  covariates: Float64Array[];
}

function synthesise(seed: number): Episodes {
  const rng = random(seed);
  const share = Array.from({ length: GROUPS }, (_, g) => 1 + ((g * 7) % 5));
  const effect = Array.from({ length: GROUPS }, (_, g) => -0.4 + (0.8 * g) / (GROUPS - 1));
  const time = new Float64Array(N);
  const event = new Uint8Array(N);
  const group = new Int32Array(N);
  const age = new Float64Array(N);
  const length = new Float64Array(N);
  const prior = new Float64Array(N);
  const decile = new Float64Array(N);
  const base = -Math.log(0.7) / 365; // about 30% re-referred within a year at the average
  for (let i = 0; i < N; i++) {
    const g = rng.choice(share);
    group[i] = g;
    age[i] = Math.round(rng.next() * 170) / 10;
    length[i] = Math.round((4.5 + 0.8 * rng.normal()) * 100) / 100;
    prior[i] = Math.min(rng.int(4) + rng.int(3), 5);
    decile[i] = 1 + rng.int(10);
    const lp =
      effect[g] -
      0.03 * (age[i] - 8.5) +
      0.1 * (length[i] - 4.5) +
      0.15 * prior[i] -
      0.03 * (decile[i] - 5.5);
    const t = -Math.log(1 - rng.next()) / (base * Math.exp(lp));
    // Administrative censoring: a fifth of the episodes followed for the full six years, the rest for less.
    const c = Math.min(rng.next() * 1.25 * HORIZON, HORIZON);
    event[i] = t <= c ? 1 : 0;
    time[i] = Math.max(1, Math.ceil(Math.min(t, c)));
  }
  return { time, event, group, covariates: [age, length, prior, decile] };
}

/** Wall-clock and CPU seconds since `start` (CPU time is the fairer figure on a shared machine). */
function clock(): () => { wall: number; cpu: number; text: string } {
  const wall0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  return () => {
    const wall = Number(process.hrtime.bigint() - wall0) / 1e9;
    const used = process.cpuUsage(cpu0);
    const cpu = (used.user + used.system) / 1e6;
    return { wall, cpu, text: `${wall.toFixed(2)} s (CPU ${cpu.toFixed(2)} s)` };
  };
}

async function writeCsv(file: string, d: Episodes): Promise<void> {
  const out = createWriteStream(file);
  const [age, length, prior, decile] = d.covariates;
  out.write('time,event,category,age,length,prior,decile\n');
  let chunk = '';
  for (let i = 0; i < N; i++) {
    chunk += `${d.time[i]},${d.event[i]},c${String(d.group[i] + 1).padStart(2, '0')},${age[i]},${length[i]},${prior[i]},${decile[i]}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      chunk = '';
    }
  }
  out.write(chunk);
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

const R_SCRIPT = `
suppressMessages(library(survival))
d <- read.csv(commandArgs(TRUE)[1], colClasses = c("numeric", "numeric", "factor", rep("numeric", 4)))
km <- system.time({
  f <- survfit(Surv(time, event) ~ category, data = d)
  s <- survdiff(Surv(time, event) ~ category, data = d)
})
cx <- system.time(m <- coxph(Surv(time, event) ~ category + age + length + prior + decile, data = d))
cpu <- function(t) t[["user.self"]] + t[["sys.self"]]
cat(sprintf("%.3f %.3f %.3f %.3f %.10g %.10g\\n", km[["elapsed"]], cpu(km), cx[["elapsed"]], cpu(cx), s$chisq, m$loglik[2]))
`;

export async function bench(): Promise<void> {
  let elapsed = clock();
  const d = synthesise(2024);
  let events = 0;
  for (let i = 0; i < N; i++) events += d.event[i];
  console.log(
    `synthetic episodes: ${N.toLocaleString('en-GB')} in ${GROUPS} categories, ` +
      `${((100 * (N - events)) / N).toFixed(1)}% censored (generated in ${elapsed().text})`,
  );

  elapsed = clock();
  const km = kaplanMeierGroups(
    d.time,
    d.event,
    { codes: d.group, levels: [...Array(GROUPS).keys()].map((g) => `c${String(g + 1).padStart(2, '0')}`) },
    { at: [365, 2190] },
  );
  const kmTime = elapsed();
  console.log(
    `Kaplan-Meier by ${GROUPS} categories + log-rank: ${kmTime.text} (goal <= 2 s); ` +
      `chi-square ${km.logRank.chisq.toFixed(1)} on ${km.logRank.df} df; ` +
      `first category 1 - S(365) = ${km.groups[0].at[0].cumInc.toFixed(3)}`,
  );

  // Design: 11 indicators (category c01 the reference) then the 4 covariates, row-major.
  elapsed = clock();
  const p = GROUPS - 1 + d.covariates.length;
  const x = new Float64Array(N * p);
  for (let i = 0; i < N; i++) {
    if (d.group[i] > 0) x[i * p + d.group[i] - 1] = 1;
    for (let k = 0; k < d.covariates.length; k++) x[i * p + GROUPS - 1 + k] = d.covariates[k][i];
  }
  const names = [
    ...Array.from({ length: GROUPS - 1 }, (_, g) => `category=c${String(g + 2).padStart(2, '0')}`),
    'age',
    'length',
    'prior',
    'decile',
  ];
  const designTime = elapsed();
  elapsed = clock();
  const cox = coxPH({ time: d.time, event: d.event, x, names });
  const coxTime = elapsed();
  console.log(
    `Cox (Efron), ${p} terms: ${coxTime.text} (goal <= 20 s; building X took ${designTime.text} more); ` +
      `${cox.iterations} iterations, loglik ${cox.logLik[1].toFixed(2)}, C ${cox.concordance.concordance.toFixed(4)}` +
      (cox.warnings.length ? `; warnings: ${cox.warnings.map((w) => w.code).join(', ')}` : ''),
  );

  const hasR = spawnSync('Rscript', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!hasR || process.env.BENCH_SKIP_R) {
    console.log(hasR ? 'BENCH_SKIP_R set: no comparison with R' : 'Rscript not found: no comparison with R');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'csc-survival-bench-'));
  try {
    const file = join(dir, 'episodes.csv');
    await writeCsv(file, d);
    const r = spawnSync('Rscript', ['-e', R_SCRIPT, file], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (r.status !== 0) {
      console.log(`R failed: ${r.stderr.trim().split('\n').slice(-3).join(' / ')}`);
      return;
    }
    const [rKm, rKmCpu, rCox, rCoxCpu, rChisq, rLogLik] = r.stdout.trim().split(/\s+/).map(Number);
    const ratio = (ours: { wall: number; cpu: number }, wall: number, cpu: number): string =>
      `${wall.toFixed(2)} s (CPU ${cpu.toFixed(2)} s); ours / R = ${(ours.wall / wall).toFixed(3)} (CPU ${(ours.cpu / cpu).toFixed(3)})`;
    console.log(`R survfit + survdiff: ${ratio(kmTime, rKm, rKmCpu)}`);
    console.log(`R coxph: ${ratio(coxTime, rCox, rCoxCpu)}`);
    console.log(
      `same answers: log-rank chi-square R ${rChisq} vs ours ${km.logRank.chisq.toPrecision(10)}; ` +
        `Cox loglik R ${rLogLik} vs ours ${cox.logLik[1].toPrecision(10)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
