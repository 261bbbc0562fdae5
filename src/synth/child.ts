// One synthetic child's history: characteristics, then children-in-need episodes one after another.
// Contract of `simulateChild(rng, plan, arrivalDay)`:
// - the first episode's category is drawn from the mix of the arrival's financial year, then the
//   child's age, gender, area deprivation and disability from that category's planted distributions;
// - each episode: assessment authorised 3-44 days after referral; an outcome (no further action,
//   child in need plan, protection plan, care) from the category's planted rates and the social
//   gradient; dates of the plan or period in care; closure with its reason (RC8 after no further
//   action; RC1-RC6 when the child is adopted, dies, leaves under an order, moves away or turns 18
//   in an episode; otherwise RC7);
// - after a plan (a period in care) ends, the chance that the next referral's episode is a plan
//   (care) comes from the planted repeat hazards instead (repeat-hazards.ts), and if it is not, no
//   later episode of the child is one: the first plan (period in care) after another then comes
//   exactly at the planted hazard;
// - after an RC7/RC8 closure, or an order or move (RC3-RC5) ending a plan's episode or a period in
//   care, the next referral comes T days later, T ~ Weibull proportional hazards of the closed
//   episode's category (synth-calibrate.ts), unless the child turns 18 or the window ends first. The next episode's category is drawn afresh from the year's mix given the
//   child's age band, gender, decile and disability (needs change as children grow; conditioning on
//   the child keeps the planted age and gender patterns in repeat episodes too).
// Episodes before the file's start (the burn-in) are simulated and marked invisible.
import { daysFromCivil, civilFromDays } from '../data/dates.js';
import type { Random } from '../math/random.js';
import { GRADIENT, NON_REPEAT_RATE } from './params.js';
import { LAGS, repeatRoutes } from './repeat-hazards.js';
import { DAYS_PER_YEAR, financialYear, type SynthPlan } from './calibrate.js';

export const NFA = 0;
export const CIN_PLAN = 1;
export const CPP = 2;
export const CARE = 3;
export const ETHNICITIES = ['White', 'Mixed', 'Asian', 'Black', 'Other', 'Not known'];
const ETHNICITY_WEIGHTS = [0.7, 0.09, 0.08, 0.09, 0.03, 0.01];
const AGE_BANDS = [0, 5, 10, 16, 18];

// CIN census referral sources with a national-looking mix; group 0 police, 1 schools, 2 health, 3 other.
const SOURCES = [
  '1A',
  '1B',
  '1C',
  '1D',
  '2A',
  '2B',
  '3A',
  '3B',
  '3C',
  '3D',
  '3E',
  '3F',
  '4',
  '5A',
  '5B',
  '5C',
  '5D',
  '6',
  '7',
  '8',
  '9',
  '10',
];
const SOURCE_WEIGHTS = [5, 1, 1, 2, 17, 2, 3, 3, 1, 2, 3, 2, 2, 4, 2, 3, 3, 27, 3, 6, 1, 2];
const SOURCE_GROUP = [3, 3, 3, 3, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 0, 3, 3, 3, 3];

export interface SynthChildTraits {
  dob: number;
  birthday18: number;
  male: boolean;
  ethnicity: number;
  /** Area deprivation decile, 1 = most deprived. */
  decile: number;
  disabled: boolean;
  /** Category of the first episode (drives school covariates). */
  firstCategory: number;
}

export interface SynthEpisode {
  category: number;
  referral: number;
  assessment: number;
  outcome: number;
  closure: number;
  reason: string;
  cppStart: number;
  cppEnd: number;
  careStart: number;
  careEnd: number;
  source: string;
  need: string;
  /** Inside the file's window (referral in [start, end], assessment by the extract date). */
  visible: boolean;
  /** Plans (protection plans) the child had started before this episode's, burn-in included. */
  earlierPlans: number;
  /** The planted probabilities of the outcome drawn: no further action, a plan, care (truth). */
  pNfa: number;
  pCpp: number;
  pCare: number;
}

const logNormal = (rng: Random, median: number, sigma: number): number =>
  median * Math.exp(sigma * rng.normal());

function pick<T>(rng: Random, values: readonly T[], weights: ArrayLike<number>): T {
  return values[rng.choice(weights)]!;
}

/** Per-plan tables drawn from on every episode: P(decile | category) and referral source weights. */
interface Tables {
  /** Mean decile of each category's children: the centre of its gradient. */
  centre: number[];
  decile: number[][];
  source: number[][];
}
const tables = new WeakMap<SynthPlan, Tables>();

function tablesOf(plan: SynthPlan): Tables {
  let t = tables.get(plan);
  if (!t) {
    const decile = plan.plans.map((p) => {
      const w = Array.from({ length: 10 }, (_, d) => Math.exp(-p.deprivation * d));
      const z = w.reduce((s, x) => s + x, 0);
      return w.map((x) => x / z);
    });
    t = {
      centre: decile.map((w) => w.reduce((s, x, d) => s + x * (d + 1), 0)),
      decile,
      source: plan.plans.map((p) =>
        SOURCE_WEIGHTS.map((w, i) => w * (SOURCE_GROUP[i]! < 3 ? p.source[SOURCE_GROUP[i]!]! : 1)),
      ),
    };
    tables.set(plan, t);
  }
  return t;
}

function ageBand(years: number): number {
  return years < 5 ? 0 : years < 10 ? 1 : years < 16 ? 2 : 3;
}

function closureReason(rng: Random, outcome: number, ageAtCare: number): string {
  if (outcome === NFA) return 'RC8';
  if (outcome !== CARE)
    return pick(rng, ['RC7', 'RC5', 'RC3', 'RC4', 'RC2'], [0.925, 0.05, 0.015, 0.008, 0.002]);
  const young = ageAtCare < 5;
  return pick(
    rng,
    ['RC1', 'RC4', 'RC3', 'RC7', 'RC5', 'RC2'],
    young ? [0.3, 0.2, 0.1, 0.345, 0.05, 0.005] : [0.02, 0.1, 0.08, 0.745, 0.05, 0.005],
  );
}

/** A first referral date: a financial year of the window by its arrival weight, then a day in it. */
export function drawArrival(rng: Random, plan: SynthPlan): number {
  const y = rng.choice(plan.arrivalWeights);
  return plan.yearFirstDay[y]! + rng.int(plan.yearLastDay[y]! - plan.yearFirstDay[y]! + 1);
}

/** Simulate one child arriving at `arrivalDay`; episodes in date order. */
export function simulateChild(
  rng: Random,
  plan: SynthPlan,
  arrivalDay: number,
): { traits: SynthChildTraits; episodes: SynthEpisode[] } {
  const { plans, years, mix } = plan;
  const { decile: decileProb, source: sourceWeights, centre } = tablesOf(plan);
  const yearIndex = (day: number): number =>
    Math.min(Math.max(financialYear(day) - years[0]!, 0), years.length - 1);
  let category = rng.choice(mix[yearIndex(arrivalDay)]!);
  const p0 = plans[category]!;
  const band = rng.choice(p0.ages);
  const ageYears = AGE_BANDS[band]! + rng.next() * (AGE_BANDS[band + 1]! - AGE_BANDS[band]! - 0.02);
  const dob = arrivalDay - Math.floor(ageYears * DAYS_PER_YEAR);
  const birth = civilFromDays(dob);
  const traits: SynthChildTraits = {
    dob,
    birthday18: daysFromCivil(birth.y + 18, birth.m, birth.d),
    male: rng.next() < p0.male,
    ethnicity: rng.choice(ETHNICITY_WEIGHTS),
    decile: 1 + rng.choice(decileProb[category]!),
    disabled: rng.next() < p0.disabled,
    firstCategory: category,
  };
  const episodes: SynthEpisode[] = [];
  // A child who turns 18 before the file starts can never appear in it: skip the episodes.
  if (traits.birthday18 <= plan.startDay) return { traits, episodes };
  let referral = arrivalDay;
  const routes = repeatRoutes(plan);
  // The ended plan (period in care) waiting for the child's next referral, and whether a plan (care)
  // can still come: not after a next referral that did not bring one (repeat-hazards.ts).
  let endedPlan: { category: number; end: number } | null = null;
  let endedCare: { category: number; end: number } | null = null;
  let planClosed = false;
  let careClosed = false;
  let plansStarted = 0;
  for (let first = true; ; first = false) {
    if (!first) {
      const b = ageBand((referral - dob) / DAYS_PER_YEAR);
      const weights = mix[yearIndex(referral)]!.map(
        (w, k) =>
          w *
          plans[k]!.ages[b]! *
          (traits.male ? plans[k]!.male : 1 - plans[k]!.male) *
          decileProb[k]![traits.decile - 1]! *
          (traits.disabled ? plans[k]!.disabled : 1 - plans[k]!.disabled),
      );
      category = rng.choice(weights);
    }
    const p = plans[category]!;
    const { assessment: al, plan: pl, care: cl } = LAGS;
    const assessment = referral + al.min + Math.floor(al.width * (rng.next() + rng.next()));
    // The lags of a plan and of care are drawn before the outcome: a repeat's chance depends on them.
    const cppStart = assessment + pl.min + rng.int(pl.span);
    const careStart = assessment + rng.int(cl.span);
    let cpp = p.cpp * NON_REPEAT_RATE.cpp;
    let care = p.care * NON_REPEAT_RATE.care;
    // The social gradient (params.ts GRADIENT) on the log odds of a plan or care.
    const q = cpp + care;
    const slope =
      GRADIENT.base + ((assessment - dob) / DAYS_PER_YEAR < 5 ? GRADIENT.under5 : 0) + (p.gradient ?? 0);
    const odds = (q / (1 - q)) * Math.exp(slope * (centre[category]! - traits.decile));
    const q2 = odds / (1 + odds);
    cpp *= q2 / q;
    care *= q2 / q;
    // No further action takes its planted share of what is left, the rest is child-in-need support.
    let pNfa = p.nfa * ((1 - cpp - care) / (1 - p.cpp - p.care));
    let pCin = 1 - pNfa - cpp - care;
    if (endedPlan || planClosed || endedCare || careClosed) {
      // A repeat's chance is set, a closed route's is 0; the other outcomes keep their ratios and
      // share the rest.
      let fixed = 0;
      if (planClosed) cpp = 0;
      if (careClosed) care = 0;
      if (endedPlan) fixed = cpp = routes.plan.q[endedPlan.category]![cppStart - endedPlan.end] ?? 0;
      if (endedCare) fixed = care = routes.care.q[endedCare.category]![careStart - endedCare.end] ?? 0;
      const free = pNfa + pCin + (endedPlan ? care : cpp);
      const rest = free > 0 ? (1 - fixed) / free : 0;
      pNfa *= rest;
      pCin *= rest;
      if (endedPlan) care *= rest;
      else cpp *= rest;
    }
    const outcome = rng.choice([pNfa, pCin, cpp, care]);
    if (endedPlan) planClosed = outcome !== CPP;
    if (endedCare) careClosed = outcome !== CARE;
    endedPlan = endedCare = null;
    const e: SynthEpisode = {
      category,
      referral,
      assessment,
      outcome,
      closure: assessment,
      reason: '',
      cppStart: NaN,
      cppEnd: NaN,
      careStart: NaN,
      careEnd: NaN,
      source: '',
      need: 'N' + (1 + rng.choice(p.need)),
      visible: referral >= plan.startDay && referral <= plan.endDay && assessment <= plan.extractDay,
      earlierPlans: plansStarted,
      pNfa,
      pCpp: cpp,
      pCare: care,
    };
    e.source = pick(rng, SOURCES, sourceWeights[category]!);
    if (outcome === NFA) e.closure = assessment + Math.floor(14 * rng.next() ** 3);
    else if (outcome === CIN_PLAN) e.closure = assessment + Math.round(logNormal(rng, 200, 0.6));
    else if (outcome === CPP) {
      e.cppStart = cppStart;
      e.cppEnd = e.cppStart + Math.max(30, Math.round(logNormal(rng, 280, 0.5)));
      e.closure = e.cppEnd + Math.round(logNormal(rng, LAGS.stepDown.median, LAGS.stepDown.sigma));
    } else {
      e.careStart = careStart;
      e.careEnd = e.careStart + Math.max(7, Math.round(logNormal(rng, 450, 1)));
      e.closure = e.careEnd;
    }
    e.reason = closureReason(rng, outcome, (e.careStart - dob) / DAYS_PER_YEAR);
    if (e.closure >= traits.birthday18) {
      // The episode ends when the child turns 18 (or at the assessment, if that came later); a plan
      // or a period in care that would only have started by then never does.
      e.closure = Math.max(traits.birthday18, assessment);
      e.reason = traits.disabled || outcome === CARE ? 'RC6' : 'RC7';
      if (e.cppStart >= e.closure) e.cppStart = e.cppEnd = NaN;
      if (e.careStart >= e.closure) e.careStart = e.careEnd = NaN;
      if (e.cppEnd > e.closure) e.cppEnd = e.closure;
      if (e.careEnd > e.closure) e.careEnd = e.closure;
      if (outcome > CIN_PLAN && Number.isNaN(e.cppStart) && Number.isNaN(e.careStart)) e.outcome = CIN_PLAN;
    }
    episodes.push(e);
    if (!Number.isNaN(e.cppStart)) plansStarted++;
    // Orders and moves (RC3-RC5) after a plan or care: the child may come back, and the repeat
    // hazards count on it; other closures but RC7/RC8 end the child's history.
    const comesBack =
      e.reason === 'RC7' ||
      e.reason === 'RC8' ||
      (e.outcome >= CPP && (e.reason === 'RC3' || e.reason === 'RC4' || e.reason === 'RC5'));
    if (!comesBack) break;
    const years =
      (-Math.log(1 - rng.next()) / (plan.baseline.scale * p.hazardRatio)) ** (1 / plan.baseline.shape);
    referral = e.closure + Math.max(1, Math.ceil(years * DAYS_PER_YEAR));
    if (referral >= traits.birthday18 || referral > plan.endDay) break;
    if (!Number.isNaN(e.cppEnd)) endedPlan = { category, end: e.cppEnd };
    if (!Number.isNaN(e.careEnd)) endedCare = { category, end: e.careEnd };
  }
  return { traits, episodes };
}
