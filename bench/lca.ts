// `npm run bench -- lca`: speed of the latent class core at the sizes a national analysis and a council's own fit need. Prints figures,
// asserts nothing. Data are generated here with seeded randomness (src/math/random.ts):
// (a) 50,000 rows of 20 noisy binary items from a 6-class model (few repeated patterns), fitted with
//     6 classes and 10 starts (poLCA: 35.7 s on these machines; goal 2 s);
// (b) 50,000 synthetic assessments over the 45 CIN factor codes from a planted 12-class model,
//     classes = 1..12 chosen by BIC (goal 10 s); (b') the same on the synthetic council's assessments
//     (src/synth/engine.ts), whose categories overlap more;
// (c) 3.6 million synthetic assessments from the same model, a 12-class fit with 10 starts (goal 60 s,
//     generation excluded; compression of the records into patterns included and shown apart).
import { random, type Random } from '../src/math/random.js';
import { CIN_FACTORS } from '../src/domain/cin-codes.js';
import { lcaPatterns } from '../src/lca/patterns.js';
import { lcaEm } from '../src/lca/em.js';
import { lcaStarts } from '../src/lca/starts.js';
import { lcaSelect } from '../src/lca/select.js';
import { flatParameters } from '../src/lca/flat-parameters.js';
import type { LcaFit, PatternTable } from '../src/lca/types.js';
import { runSynth } from '../src/synth/engine.js';
import type { SynthTruth } from '../src/synth/types.js';
import { availableParallelism, loadavg } from 'node:os';

/** Records drawn from a latent class model with binary items: one Uint8Array column per item. */
function draw(n: number, shares: number[], itemProbs: number[][], rng: Random): Uint8Array[] {
  const J = itemProbs[0]!.length;
  const cols = Array.from({ length: J }, () => new Uint8Array(n));
  for (let i = 0; i < n; i++) {
    const k = rng.choice(shares);
    const p = itemProbs[k]!;
    for (let j = 0; j < J; j++) cols[j]![i] = rng.next() < p[j]! ? 1 : 0;
  }
  return cols;
}

/** (a): 6 classes, 20 items, each class-item probability 0.15-0.35 or 0.65-0.85: noisy, overlapping. */
function noisyModel(rng: Random): { shares: number[]; itemProbs: number[][] } {
  const shares = [0.28, 0.22, 0.17, 0.14, 0.11, 0.08];
  const itemProbs = shares.map(() =>
    Array.from({ length: 20 }, () => (rng.next() < 0.5 ? 0.15 : 0.65) + 0.2 * rng.next()),
  );
  return { shares, itemProbs };
}

/**
 * (b), (c): 12 categories of demand over every CIN factor code, shaped like the national study's:
 * each class has 1-3 defining factors (probability 0.6-0.95), 3 companions (0.15-0.35) and a
 * background of 0.2-2% on every other code; code 21 ("other") is common everywhere.
 */
function factorModel(rng: Random): { shares: number[]; itemProbs: number[][]; codes: string[] } {
  const codes = CIN_FACTORS.map((f) => f.code);
  const J = codes.length;
  const raw = [21, 14, 12, 10, 9, 8, 7, 6, 5, 4, 2.5, 1.5];
  const total = raw.reduce((s, x) => s + x, 0);
  const shares = raw.map((x) => x / total);
  const other = codes.indexOf('21');
  const itemProbs = shares.map((_, k) => {
    const p = Array.from({ length: J }, () => 0.002 + 0.018 * rng.next());
    const defining = 1 + (k % 3);
    for (let d = 0; d < defining; d++) p[(k * 7 + d * 11) % J] = 0.6 + 0.35 * rng.next();
    for (let d = 0; d < 3; d++) p[(k * 5 + 17 + d * 13) % J] = 0.15 + 0.2 * rng.next();
    p[other] = Math.max(p[other]!, 0.1);
    return p;
  });
  return { shares, itemProbs, codes };
}

/** Wall time since t0, and the CPU time this process used since c0 (other work on the machine
 * stretches the wall time; the CPU time shows what the fit itself needed). */
function seconds(t0: number, c0?: NodeJS.CpuUsage): string {
  const wall = ((performance.now() - t0) / 1000).toFixed(2) + ' s';
  if (!c0) return wall;
  const c = process.cpuUsage(c0);
  return `${wall} (CPU ${((c.user + c.system) / 1e6).toFixed(2)} s)`;
}

/** Wall and CPU time per EM step at K classes, from 30 plain EM steps from a random start. */
function perIteration(table: PatternTable, K: number): string {
  const rng = random(99);
  const J = table.nCategories.length;
  const itemProbs = Array.from({ length: K }, () => Array.from({ length: J }, () => 0.05 + 0.9 * rng.next()));
  const start = flatParameters(table, { shares: new Array(K).fill(1 / K), itemProbs });
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = lcaEm(table, start, { tol: 0, maxIter: 30, accelerate: false, quiet: true });
  const c = process.cpuUsage(c0);
  const steps = r.iterations + 1;
  return `${((performance.now() - t0) / steps).toFixed(1)} ms per EM step (CPU ${((c.user + c.system) / 1000 / steps).toFixed(1)} ms)`;
}

function describe(fit: LcaFit): string {
  const s = fit.starts;
  return `${s.steps} EM steps in all (best start ${fit.iterations}); logLik ${fit.logLik.toFixed(2)} reached by ${s.atBest} of ${s.continued} starts run to convergence${s.screenRecords < fit.n ? ` (screened on ${s.screenRecords} records)` : ''}`;
}

/** Factor columns of the synthetic council's assessments that record a factor other than 21. */
function council(n: number): { cols: Uint8Array[]; truth: SynthTruth } {
  const index = new Map(CIN_FACTORS.map((f, j) => [f.code, j]));
  const rows: number[][] = [];
  const truth = runSynth(
    'bench',
    { assessments: n, seed: 1, comparisonRatio: 0 },
    {
      assessment: (row) => {
        const codes = String(row.factors)
          .split(/[;,| ]+/)
          .filter(Boolean);
        if (codes.every((c) => c === '21')) return;
        rows.push(codes.flatMap((c) => (index.has(c) ? [index.get(c)!] : [])));
      },
      pupil: () => {},
    },
  );
  const cols = CIN_FACTORS.map(() => new Uint8Array(rows.length));
  rows.forEach((r, i) => r.forEach((j) => (cols[j]![i] = 1)));
  return { cols, truth };
}

export async function bench(): Promise<void> {
  console.log(
    `load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')} on ${availableParallelism()} cores`,
  );
  {
    const rng = random(2024);
    const model = noisyModel(rng);
    const cols = draw(50_000, model.shares, model.itemProbs, rng);
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const table = lcaPatterns(cols);
    const fit = lcaStarts(table, { classes: 6, starts: 10, seed: 1 });
    console.log(
      `(a) 6 classes, 10 starts, 50,000 rows x 20 noisy binary items: ${seconds(t0, c0)} (poLCA 35.7 s; goal 2 s)`,
    );
    console.log(`    ${table.nPatterns} distinct patterns; ${perIteration(table, 6)}`);
    console.log(`    ${describe(fit)}`);
  }
  const rng = random(1402);
  const model = factorModel(rng);
  {
    const cols = draw(50_000, model.shares, model.itemProbs, rng);
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const table = lcaPatterns(cols, { items: model.codes });
    const sel = lcaSelect(table, { classes: [1, 12], starts: 10, seed: 1 });
    console.log(
      `(b) classes = 1..12 by BIC, 10 starts each, 50,000 assessments x ${model.codes.length} factors: ${seconds(t0, c0)} (goal 10 s)`,
    );
    console.log(
      `    ${table.nPatterns} distinct patterns; BIC chose ${sel.chosen} (planted 12); BIC by K: ${sel.fits.map((f) => f.bic.toFixed(0)).join(' ')}`,
    );
    console.log(`    EM steps by K: ${sel.fits.map((f) => f.starts.steps).join(' ')}`);
  }
  {
    // The same on the synthetic council (src/synth/engine.ts), whose categories overlap more:
    // assessments with no factor or only 21 are left out, as the analysis does.
    const { cols, truth } = council(50_000);
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const table = lcaPatterns(cols, { items: CIN_FACTORS.map((f) => f.code) });
    const sel = lcaSelect(table, { classes: [1, 12], starts: 10, seed: 1 });
    console.log(
      `(b') the same on the synthetic council, 50,000 assessments (${table.n} with factors): ${seconds(t0, c0)}`,
    );
    const chosen = sel.fits[sel.chosen - 1]!;
    const planted = truth.categories.map((c) => 100 * c.realisedShare).sort((a, b) => b - a);
    console.log(
      `    ${table.nPatterns} distinct patterns; BIC chose ${sel.chosen} (planted ${truth.categories.length}); shares ${chosen.shares.map((x) => (100 * x).toFixed(1)).join(' ')} (planted ${planted.map((x) => x.toFixed(1)).join(' ')})`,
    );
  }
  {
    const t0 = performance.now();
    const cols = draw(3_600_000, model.shares, model.itemProbs, rng);
    console.log(`(c) generated 3.6 million assessments in ${seconds(t0)} (not counted)`);
    const t1 = performance.now();
    const c1 = process.cpuUsage();
    const table = lcaPatterns(cols, { items: model.codes });
    const compress = seconds(t1, c1);
    const fit = lcaStarts(table, { classes: 12, starts: 10, seed: 1 });
    console.log(
      `    12 classes, 10 starts: ${seconds(t1, c1)} in all (goal 60 s), of which compressing records to patterns ${compress}`,
    );
    console.log(`    ${table.nPatterns} distinct patterns; ${perIteration(table, 12)}`);
    console.log(`    ${describe(fit)}`);
    const planted = model.shares.map((s) => (100 * s).toFixed(1)).join(' ');
    console.log(`    shares ${fit.shares.map((s) => (100 * s).toFixed(1)).join(' ')} (planted ${planted})`);
  }
}
