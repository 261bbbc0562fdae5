// Planted repeat-plan and re-entry-to-care hazards of the synthetic council (params.ts REPEAT_HAZARDS).
//
// Contract of `repeatRoutes(plan)`:
// - What is planted: the time X (days) from the end of a protection plan to the start of the child's
//   next plan has survival S_k(x) = exp(-c_k L(x)), k the category of the ended plan's assessment,
//   c_k its hazard ratio, L(x) = theta (1 - S_ref(x)^m) / m; likewise from the end of a period in care
//   to the start of the next. So the repeat-plan and re-entry analyses' Cox models, which follow each
//   plan (period) to the next and adjust for characteristics with no planted effect, converge to log c_k.
// - How: the next plan can only start at the child's next referral (child.ts). With no decision the
//   next referral would place a plan start at X0 = G + Y + A + B days: G the plan's step-down to the
//   episode's closure (lognormal), Y the re-referral time (Weibull proportional hazards, the ended
//   plan's category: the re-referral hazards stay exactly as planted), A the assessment's lag, B the
//   plan's lag after it. The next episode is a plan with probability q_k(x) = P(X = x) / P(X0 = x)
//   for the realised x, and no later episode of the child is a plan unless that one was; so the first
//   plan after the ended one comes at x with probability exactly P(X = x), whatever the censoring by
//   the extract date and the 18th birthday (independent of X given k). For care, X0 = Y + A + C (the
//   episode closes when the period ends; C the lag of care after the assessment).
// - Closures that stop a child's history are a defect of X0: death (RC2, 0.2% of plans' episodes).
//   Periods in care ending by adoption or death are not followed by the analysis and not here;
//   orders and moves (RC3-RC5) after a plan or care are followed (children do come back).
// - q_k is computed on a daily grid up to 18 years from the exact distributions of the draws in
//   child.ts (the day rounding included). Where P(X = x) > P(X0 = x) (the planted hazard outrunning
//   the referrals that carry it), q is capped at 1 and the excess is reported as `capped`
//   (probability mass not delivered, 0 for the planted parameters: tests/src/synth check it).
import { convolutionSize, convolveSpectra, spectrum } from '../math/fft-convolve.js';
import { normalCdf } from '../math/special.js';
import { DAYS_PER_YEAR, rereferralCdf, type SynthPlan } from './calibrate.js';
import { REPEAT_HAZARDS } from './params.js';

/** Draws of child.ts the routes depend on: the same constants drive both. */
export const LAGS = {
  /** assessment = referral + min + floor(width * (u1 + u2)) */
  assessment: { min: 3, width: 21 },
  /** cppStart = assessment + min + int(span) */
  plan: { min: 5, span: 21 },
  /** careStart = assessment + int(span) */
  care: { span: 61 },
  /** closure = cppEnd + round(median * exp(sigma * z)) */
  stepDown: { median: 150, sigma: 0.6 },
  /** P(RC2) for the closure of an episode with a plan (child.ts closureReason). */
  planDeath: 0.002,
} as const;

/** Days of the grid: a child's history ends at 18. */
const GRID = Math.ceil(18 * DAYS_PER_YEAR) + 2;

export interface RepeatRoute {
  /** q[k][x]: P(the next referral's episode is a plan / care | x days since the end), x < GRID. */
  q: Float64Array[];
  /** Planted survival S_k(x) by day (the truth). */
  survival: Float64Array[];
  /** Mass where the planted distribution exceeded the carrying one, by category (0 when exact). */
  capped: number[];
}

function convolve(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(Math.min(GRID, a.length + b.length - 1));
  for (let i = 0; i < a.length; i++) {
    const ai = a[i]!;
    if (ai === 0) continue;
    const n = Math.min(b.length, out.length - i);
    for (let j = 0; j < n; j++) out[i + j]! += ai * b[j]!;
  }
  return out;
}

/** P(floor(width * (u1 + u2)) = v), u uniform: the triangular sum, binned. */
function assessmentLag(): Float64Array {
  const { min, width } = LAGS.assessment;
  const tri = (s: number): number => (s <= 1 ? (s * s) / 2 : 1 - ((2 - s) * (2 - s)) / 2);
  const out = new Float64Array(min + 2 * width);
  for (let v = 0; v < 2 * width; v++) out[min + v] = tri((v + 1) / width) - tri(v / width);
  return out;
}

function uniform(min: number, span: number): Float64Array {
  const out = new Float64Array(min + span);
  out.fill(1 / span, min);
  return out;
}

/** P(round(median * exp(sigma z)) = g), truncated where the tail is below 1e-12. */
function stepDown(): Float64Array {
  const { median, sigma } = LAGS.stepDown;
  const cdf = (x: number): number => (x <= 0 ? 0 : normalCdf(Math.log(x / median) / sigma));
  const out: number[] = [];
  for (let g = 0; g === 0 || 1 - cdf(g - 0.5) > 1e-13; g++) out.push(cdf(g + 0.5) - cdf(g - 0.5));
  return Float64Array.from(out);
}

/** P(Y = d) for the re-referral time in days, Y = max(1, ceil(years * DAYS_PER_YEAR)). */
function rereferralDays(plan: SynthPlan, hr: number): Float64Array {
  const out = new Float64Array(GRID);
  let prev = 0;
  for (let d = 1; d < GRID; d++) {
    const c = rereferralCdf(plan.baseline, hr, d / DAYS_PER_YEAR);
    out[d] = c - prev;
    prev = c;
  }
  return out;
}

function route(plan: SynthPlan, kind: 'plan' | 'care', lag: Float64Array, defect: number): RepeatRoute {
  const { theta, m, hazardRatio } = REPEAT_HAZARDS[kind];
  // By FFT (the direct sum took a second a council); round-off below 1e-15 is cleared.
  const n = convolutionSize(GRID, lag.length);
  const lagSpectrum = spectrum(lag, n);
  const carriers = plan.plans.map((p) => {
    const x0 = convolveSpectra(spectrum(rereferralDays(plan, p.hazardRatio), n), lagSpectrum, GRID);
    return x0.map((v) => (v > 1e-15 ? v * (1 - defect) : 0));
  });
  // The baseline follows the reference category's carrier: S_ref by day.
  const ref = plan.ids.indexOf('domestic-abuse');
  const sRef = new Float64Array(GRID);
  let cum = 0;
  for (let x = 0; x < GRID; x++) sRef[x] = 1 - (cum += carriers[ref]![x]!);
  const capped: number[] = [];
  const survival: Float64Array[] = [];
  const q = plan.ids.map((id, k) => {
    const c = hazardRatio[id]!;
    const s = Float64Array.from(sRef, (v) => Math.exp((-c * theta * (1 - Math.max(v, 0) ** m)) / m));
    survival.push(s);
    const out = new Float64Array(GRID);
    let excess = 0;
    for (let x = 1; x < GRID; x++) {
      const want = s[x - 1]! - s[x]!;
      const have = carriers[k]![x]!;
      if (want > have) excess += want - have;
      out[x] = have > 0 ? Math.min(1, want / have) : 0;
    }
    capped.push(excess);
    return out;
  });
  return { q, survival, capped };
}

const cache = new WeakMap<object, { plan: RepeatRoute; care: RepeatRoute }>();

/** The routes of a plan for its current re-referral baseline (cached per baseline). */
export function repeatRoutes(plan: SynthPlan): { plan: RepeatRoute; care: RepeatRoute } {
  let r = cache.get(plan.baseline);
  if (!r) {
    const a = assessmentLag();
    const planLag = convolve(convolve(a, uniform(LAGS.plan.min, LAGS.plan.span)), stepDown());
    const careLag = convolve(a, uniform(0, LAGS.care.span));
    r = { plan: route(plan, 'plan', planLag, LAGS.planDeath), care: route(plan, 'care', careLag, 0) };
    cache.set(plan.baseline, r);
  }
  return r;
}
