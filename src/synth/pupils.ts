// Attainment of the synthetic council's pupils: the planted linear models and the bounded noise that
// keeps every value in range without clipping, so that ordinary least squares with the same terms
// recovers the planted effects (the adjusted gaps' intervals must contain the planted effects).
// - KS2 reading and maths scaled scores (80-120): eta = intercept + effects; score = eta + noise,
//   noise symmetric with sd min(6.5, (eta - 80) / 2.5, (120 - eta) / 2.5) and bounded within 2.45 sd,
//   reading, maths and writing sharing one pupil component (correlation about 0.36);
// - KS2 reading, writing and maths at the expected standard: reading >= 100, maths >= 100 and the
//   writing teacher assessment (reading's predictor plus its own noise) >= 100; derived, not linear;
// - KS4 Attainment 8 (0-90): eta with prior attainment (the pupil's KS2 average scaled score); noise
//   symmetric with sd min(16, eta / 2.5, (90 - eta) / 2.5) truncated at 2.5 sd;
// - eta is clamped into (80.5, 119.5) or (0.5, 89.5) in the rare case it falls outside: counted in
//   the truth, the one place where the linear model does not hold exactly.
// Effects (PlantedOutcome, synth-types.ts) are for a boy, White, no FSM, no SEN, IDACI decile 1.
import type { Random } from '../math/random.js';
import { ETHNICITIES } from './child.js';
import type { PlantedOutcome } from './types.js';

export interface PupilTraits {
  fsm: boolean;
  /** 0 none, 1 SEN support, 2 EHC plan. */
  sen: number;
  female: boolean;
  ethnicity: number;
  decile: number;
}

export const SEN_LEVELS = ['none', 'support', 'ehcp'];

type BaseModel = Omit<PlantedOutcome, 'categories' | 'uncategorised'>;
const eth = (values: number[]): Record<string, number> =>
  Object.fromEntries(ETHNICITIES.map((e, i) => [e, values[i]!]));

/** Planted covariate effects (category effects come from synth-params.ts). */
export const PUPIL_MODEL: { ks2Reading: BaseModel; ks2Maths: BaseModel; ks4Attainment8: BaseModel } = {
  ks2Reading: {
    intercept: 103.9,
    fsm: -2.5,
    sen: { none: 0, support: -4, ehcp: -8 },
    gender: { Male: 0, Female: 1.5 },
    ethnicity: eth([0, 0.3, 0.5, -0.3, -0.5, -1]),
    idaciDecile: 0.35,
    priorAttainment: 0,
  },
  ks2Maths: {
    intercept: 104.1,
    fsm: -2.5,
    sen: { none: 0, support: -3.5, ehcp: -8 },
    gender: { Male: 0, Female: -0.8 },
    ethnicity: eth([0, 0, 1.2, -0.8, 0.5, -1]),
    idaciDecile: 0.35,
    priorAttainment: 0,
  },
  ks4Attainment8: {
    intercept: 41.3,
    fsm: -4,
    sen: { none: 0, support: -5, ehcp: -8 },
    gender: { Male: 0, Female: 2.5 },
    ethnicity: eth([0, 0.5, 3, 1, 2, -1]),
    idaciDecile: 0.5,
    priorAttainment: 0.7,
  },
};

/** Pupils not known to children's social care: covariate distribution. */
export const COMPARISON = {
  fsm: 0.17,
  senSupport: 0.11,
  ehcp: 0.025,
  ethnicity: [0.74, 0.06, 0.11, 0.055, 0.02, 0.015],
};

function predictor(m: BaseModel, t: PupilTraits, effect: number, prior = 100): number {
  return (
    m.intercept +
    (t.fsm ? m.fsm : 0) +
    (t.sen === 1 ? m.sen.support : t.sen === 2 ? m.sen.ehcp : 0) +
    (t.female ? m.gender['Female']! : 0) +
    m.ethnicity[ETHNICITIES[t.ethnicity]!]! +
    m.idaciDecile * (t.decile - 1) +
    m.priorAttainment * (prior - 100) +
    effect
  );
}

function truncatedNormal(rng: Random, bound: number): number {
  for (;;) {
    const z = rng.normal();
    if (Math.abs(z) <= bound) return z;
  }
}

/** Draw a pupil's school covariates given P(fsm), P(SEN support), P(EHC plan). */
export function drawPupilTraits(
  rng: Random,
  probs: { fsm: number; senSupport: number; ehcp: number },
  female: boolean,
  ethnicity: number,
  decile: number,
): PupilTraits {
  const fsm = rng.next() < probs.fsm;
  const u = rng.next();
  const sen = u < probs.ehcp ? 2 : u < probs.ehcp + probs.senSupport ? 1 : 0;
  return { fsm, sen, female, ethnicity, decile };
}

function clamp2(x: number): number {
  return x < 80.5 ? 80.5 : x > 119.5 ? 119.5 : x;
}

function sd2(eta: number): number {
  return Math.min(6.5, (eta - 80) / 2.5, (120 - eta) / 2.5);
}

/** KS2 results for a pupil with category effect `effect` (scaled-score points). */
export function ks2Results(
  rng: Random,
  t: PupilTraits,
  effect: number,
): { reading: number; maths: number; rwm: boolean; clamped: boolean } {
  const rawR = predictor(PUPIL_MODEL.ks2Reading, t, effect);
  const rawM = predictor(PUPIL_MODEL.ks2Maths, t, effect);
  const etaR = clamp2(rawR);
  const etaM = clamp2(rawM);
  // One shared component and one own component each: bounded by (0.6 + 0.8) * 1.75 = 2.45 sd.
  const shared = 0.6 * truncatedNormal(rng, 1.75);
  const reading = Math.round(etaR + sd2(etaR) * (shared + 0.8 * truncatedNormal(rng, 1.75)));
  const maths = Math.round(etaM + sd2(etaM) * (shared + 0.8 * truncatedNormal(rng, 1.75)));
  const writing = etaR + sd2(etaR) * (shared + 0.8 * truncatedNormal(rng, 1.75));
  return {
    reading,
    maths,
    rwm: reading >= 100 && maths >= 100 && writing >= 100,
    clamped: etaR !== rawR || etaM !== rawM,
  };
}

/** KS4 Attainment 8 for a pupil with prior attainment `prior` and category effect `effect`. */
export function ks4Result(
  rng: Random,
  t: PupilTraits,
  prior: number,
  effect: number,
): { att8: number; clamped: boolean } {
  const raw = predictor(PUPIL_MODEL.ks4Attainment8, t, effect, prior);
  const eta = Math.min(89.5, Math.max(0.5, raw));
  const sd = Math.min(16, eta / 2.5, (90 - eta) / 2.5);
  return { att8: Math.round((eta + sd * truncatedNormal(rng, 2.5)) * 10) / 10, clamped: eta !== raw };
}
