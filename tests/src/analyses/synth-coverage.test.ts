// Coverage of the planted truth over replicate synthetic councils (issue 17): on COUNCILS small councils
// (seeds 1..COUNCILS; seeds 1..SLOPE_COUNCILS for the gradient slopes) every 95% interval the analyses
// report is checked against the value it estimates:
// - pathway shares (Wilson): the mean planted probability over the rows the analysis used (truth.rows.pathway);
// - gradient slopes (logistic, overall and by age split): the pseudo-true slope, the logistic fit of
//   the planted probabilities themselves (pathways-synth.test.ts explains why that is the target);
// - hazard ratios by category against domestic abuse, Cox adjusted for age, gender, source and length:
//   re-referral (truth.categories[].hazardRatio), repeat plan (truth.repeatPlans.hazardRatio) and
//   re-entry to care (truth.careReentry.hazardRatio), all planted as exact proportional hazards.
// Coverage must fall in a band around 95% that an interval half as wide fails: the test computes the
// coverage of the reported intervals shrunk to half their width about the estimate and requires it to
// fall below the band (so the test is shown able to fail, every run). And the study's contrasts come
// out in the planted direction, pooled over the councils (inverse-variance on the log scale).
// Repeat plans and re-entries are few in a small council: a category's ratio is counted (for coverage
// and direction) when its group and the reference have at least MIN_AT_RISK plans (periods in care)
// followed, a rule that does not look at the events.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadAssessments } from '../../../src/data/load.js';
import { parseDate } from '../../../src/data/dates.js';
import { synthesise } from '../../../src/synth/synth.js';
import { pathways } from '../../../src/analyses/pathways.js';
import { pathwayRows } from '../../../src/analyses/pathways-outcomes.js';
import { ageBands } from '../../../src/analyses/pathways-covariates.js';
import { rereferral } from '../../../src/analyses/rereferral.js';
import { DAYS_PER_MONTH } from '../../../src/analyses/rereferral-follow-up.js';
import { logistic } from '../../../src/regression/logistic.js';
import type { RereferralOutcome } from '../../../src/analyses/rereferral-types.js';
import type { AssessmentData } from '../../../src/data/types.js';
import type { SynthTruth } from '../../../src/synth/types.js';

const COUNCILS = 30;
const ASSESSMENTS = 10000;
const MIN_AT_RISK = 30;
/**
 * The gradient slopes come 3 a council and move together (the overall slope pools both age groups),
 * so 30 councils are too few to tell their coverage from 95%: seeds 1-30 alone gave 87.8% (11 misses
 * in 7 councils, the under-5 slope 5 of 30), seeds 31-90 alone 99.4% (1 miss). The standardised
 * errors (estimate - pseudo-true) / SE over all 90 have mean about 0 and SD about 1 for each slope, and
 * the planted score sum(x (y - p)) has the variance the model gives it: no mismatch of scale, age band
 * or outcome between planting and model, only chance. So the slopes use 90 councils (the later 60 run
 * the pathways analysis only).
 */
const SLOPE_COUNCILS = 90;

/** One interval and its target; `log`: a ratio, compared (and shrunk) on the log scale. */
interface Check {
  estimate: number;
  lower: number;
  upper: number;
  truth: number;
  log: boolean;
}
type Family = 'shares' | 'slopes' | 'rereferral' | 'repeat-plan' | 'care-reentry';
const checks: Record<Family, Check[]> = {
  shares: [],
  slopes: [],
  rereferral: [],
  'repeat-plan': [],
  'care-reentry': [],
};
/** Log estimates and their standard errors by contrast, over the councils, for pooled directions. */
const contrasts = new Map<string, { est: number; se: number }[]>();
const addContrast = (key: string, est: number, lower: number, upper: number): void => {
  const list = contrasts.get(key) ?? [];
  list.push({ est: Math.log(est), se: (Math.log(upper) - Math.log(lower)) / (2 * 1.959964) });
  contrasts.set(key, list);
};

/**
 * The gradient's three slopes (overall, under 5, 5 to 17) against their pseudo-true values, into
 * checks.slopes; returns the gradient.
 */
function slopeChecks(
  data: AssessmentData,
  truth: SynthTruth,
  r: ReturnType<typeof pathways>,
  used: number[],
): NonNullable<ReturnType<typeof pathways>['gradient']> {
  const p = truth.rows.pathway;
  const g = r.gradient!;
  const age = ageBands(data);
  const known = used.filter((i) => age.codes[i]! >= 0 && data.deprivationDecile[i]! >= 1);
  const slopeOf = (sel: number[]): number => {
    const y = sel.map((i) => p.cpp[i]! + p.care[i]!);
    const x = Float64Array.from(sel.flatMap((i) => [1, 10 - data.deprivationDecile[i]!]));
    return logistic(y, x, ['(Intercept)', 'deprivation']).coefficients[1]!.estimate!;
  };
  const under5 = known.filter((i) => age.codes[i]! <= 1);
  const older = known.filter((i) => age.codes[i]! > 1);
  for (const [slope, sel] of [
    [g.overall.slope, known],
    [g.groups[0]!.slope, under5],
    [g.groups[1]!.slope, older],
  ] as const) {
    checks.slopes.push({
      estimate: Math.exp(slope.coef!),
      lower: slope.lower!,
      upper: slope.upper!,
      truth: Math.exp(slopeOf(sel)),
      log: true,
    });
  }
  return g;
}

async function council(seed: number): Promise<void> {
  const synth = synthesise({ assessments: ASSESSMENTS, seed, comparisonRatio: 0 });
  const { truth } = synth;
  const { data } = await loadAssessments(synth.assessmentsCsv, { fileName: `council-${seed}.csv` });
  const levels = truth.categories.map((c) => c.id);
  const categories = { codes: truth.rows.category, levels, source: 'planted' as const };
  const p = truth.rows.pathway;

  const r = pathways(data, {}, { categories });
  const rows = pathwayRows(data, Math.round(12 * DAYS_PER_MONTH), parseDate(r.options.extractDate));
  const used = [...Array(data.n).keys()].filter((i) => rows.outcome[i]! >= 0);
  for (const g of r.categories) {
    const mine = used.filter((i) => levels[truth.rows.category[i]!] === g.level);
    const planted = [
      (i: number) => p.nfa[i]!,
      (i: number) => 1 - p.nfa[i]! - p.cpp[i]! - p.care[i]!,
      (i: number) => p.cpp[i]!,
      (i: number) => p.care[i]!,
    ];
    g.shares.forEach((s, o) => {
      if (s.share === null) return;
      const want = mine.reduce((sum, i) => sum + planted[o]!(i), 0) / mine.length;
      checks.shares.push({ estimate: s.share, lower: s.lower!, upper: s.upper!, truth: want, log: false });
    });
  }

  const g = slopeChecks(data, truth, r, used);
  const [y, o] = g.groups;
  const diffSe = Math.hypot(
    (Math.log(y!.slope.upper!) - Math.log(y!.slope.lower!)) / 3.92,
    (Math.log(o!.slope.upper!) - Math.log(o!.slope.lower!)) / 3.92,
  );
  const diff = y!.slope.coef! - o!.slope.coef!;
  addContrast(
    'gradient under-5 over 5-17',
    Math.exp(diff),
    Math.exp(diff - 1.96 * diffSe),
    Math.exp(diff + 1.96 * diffSe),
  );

  const adj = r.adjusted!;
  for (const [model, name] of [
    [adj.plan, 'plan'],
    [adj.care, 'care'],
  ] as const) {
    for (const t of model.terms.filter((x) => x.kind === 'category'))
      addContrast(`${name} odds ${t.term}`, t.or!, t.lower!, t.upper!);
  }

  const planted: Record<RereferralOutcome, Record<string, number>> = {
    rereferral: Object.fromEntries(truth.categories.map((c) => [c.id, c.hazardRatio])),
    'repeat-plan': truth.repeatPlans.hazardRatio,
    'care-reentry': truth.careReentry.hazardRatio,
  };
  for (const outcome of ['rereferral', 'repeat-plan', 'care-reentry'] as const) {
    const rr = rereferral(data, { outcome, group: 'category', reference: 'domestic-abuse' }, { categories });
    const cox = rr.cox!;
    assert.equal(cox.reference.level, 'domestic-abuse');
    const atRisk = new Map(rr.groups.map((x) => [x.level, x.n]));
    for (const t of cox.terms.filter((x) => x.kind === 'group')) {
      if (
        outcome !== 'rereferral' &&
        (atRisk.get(t.level!)! < MIN_AT_RISK || atRisk.get('domestic-abuse')! < MIN_AT_RISK)
      )
        continue;
      const upper = t.upper ?? Infinity;
      checks[outcome].push({
        estimate: t.hr!,
        lower: t.lower!,
        upper,
        truth: planted[outcome][t.level!]!,
        log: true,
      });
      if (Number.isFinite(upper) && t.lower! > 0)
        addContrast(`${outcome} ${t.level}`, t.hr!, t.lower!, upper);
    }
  }
}

/** A council that only adds its gradient slopes (seeds COUNCILS + 1 .. SLOPE_COUNCILS). */
async function slopesOnly(seed: number): Promise<void> {
  const synth = synthesise({ assessments: ASSESSMENTS, seed, comparisonRatio: 0 });
  const { truth } = synth;
  const { data } = await loadAssessments(synth.assessmentsCsv, { fileName: `council-${seed}.csv` });
  const levels = truth.categories.map((c) => c.id);
  const categories = { codes: truth.rows.category, levels, source: 'planted' as const };
  const r = pathways(data, {}, { categories });
  const rows = pathwayRows(data, Math.round(12 * DAYS_PER_MONTH), parseDate(r.options.extractDate));
  slopeChecks(
    data,
    truth,
    r,
    [...Array(data.n).keys()].filter((i) => rows.outcome[i]! >= 0),
  );
}

const run = (async () => {
  for (let seed = 1; seed <= COUNCILS; seed++) await council(seed);
  for (let seed = COUNCILS + 1; seed <= SLOPE_COUNCILS; seed++) await slopesOnly(seed);
})();

function coverage(list: Check[], shrink = 1): number {
  const f = (x: number, c: Check): number => (c.log ? Math.log(x) : x);
  const inside = list.filter((c) => {
    const e = f(c.estimate, c);
    const lo = e - shrink * (e - f(c.lower, c));
    const hi = e + shrink * (f(c.upper, c) - e);
    const t = f(c.truth, c);
    return lo <= t && t <= hi;
  }).length;
  return inside / list.length;
}

// Bands: about three binomial standard errors either side of 95% for the family's number of intervals
// (the intervals within a council are not quite independent); shares and slopes may run a little
// above 95%, their targets being averages of varied probabilities (a binomial variance overstates theirs).
// Slopes: 3 a council over SLOPE_COUNCILS councils, correlated (the overall slope pools both age
// groups), so fewer independent intervals than 270 and a band a little wider; measured 95.6% (12
// misses of 270).
const BANDS: Record<Family, { min: number; lower: number; upper: number }> = {
  shares: { min: 1200, lower: 0.93, upper: 0.98 },
  slopes: { min: 270, lower: 0.9, upper: 0.99 },
  rereferral: { min: 330, lower: 0.92, upper: 0.98 },
  'repeat-plan': { min: 100, lower: 0.9, upper: 0.99 },
  'care-reentry': { min: 60, lower: 0.88, upper: 1 },
};

for (const family of Object.keys(BANDS) as Family[]) {
  test(`replicate councils: ${family} intervals hold their planted values at about 95%, and half-width intervals would not`, async () => {
    await run;
    const band = BANDS[family];
    const list = checks[family];
    assert.ok(list.length >= band.min, `${list.length} intervals, expected at least ${band.min}`);
    const c = coverage(list);
    assert.ok(c >= band.lower && c <= band.upper, `${family}: coverage ${c.toFixed(3)} of ${list.length}`);
    const broken = coverage(list, 0.5);
    assert.ok(
      broken < band.lower,
      `${family}: half-width intervals cover ${broken.toFixed(3)}: the test could not fail`,
    );
  });
}

test("replicate councils: the study's contrasts come out in the planted direction, pooled", async () => {
  await run;
  const pooled = (key: string): { est: number; lower: number; upper: number } => {
    const list = contrasts.get(key);
    assert.ok(list && list.length >= COUNCILS / 2, `${key}: ${list?.length ?? 0} councils`);
    const w = list.map((x) => 1 / x.se ** 2);
    const W = w.reduce((s, x) => s + x, 0);
    const est = list.reduce((s, x, i) => s + w[i]! * x.est, 0) / W;
    return { est, lower: est - 1.96 / Math.sqrt(W), upper: est + 1.96 / Math.sqrt(W) };
  };
  const above = (key: string): void =>
    assert.ok(pooled(key).lower > 0, `${key}: ${JSON.stringify(pooled(key))}`);
  const below = (key: string): void =>
    assert.ok(pooled(key).upper < 0, `${key}: ${JSON.stringify(pooled(key))}`);
  // Risks outside the home: less often a plan, more often care; complex domestic abuse: more often a plan.
  below('plan odds category=risks-outside-home');
  above('care odds category=risks-outside-home');
  above('plan odds category=complex-domestic-abuse');
  // The gradient is steeper for under-5s.
  above('gradient under-5 over 5-17');
  // More complex categories: more often re-referred, a repeat plan, back in care.
  for (const id of ['complex-domestic-abuse', 'another-person', 'risks-in-and-outside-home']) {
    above(`rereferral ${id}`);
    above(`repeat-plan ${id}`);
  }
  below('rereferral disability');
  above('care-reentry risks-outside-home');
  above('care-reentry complex-domestic-abuse');
});
