// What the generator counts as it writes rows, and the truth it returns (synth-types.ts).
// Re-referral truths:
// - `months12`, `years6`: the mean over the file's at-risk closures (RC7/RC8, closed by the end of
//   the window before the 18th birthday) of the true P(T <= 365 / 2191 days) of each closure's
//   category: the proportions before censoring;
// - `expectedKm`: the limit of a pooled Kaplan-Meier under the file's own censoring: on day t the
//   hazard is sum_k P(T_k = t) N_k(C >= t) / sum_k P(T_k >= t) N_k(C >= t), N_k(C >= t) counting
//   category-k closures followable for t days (C = days to the end of the window or to the day before
//   the 18th birthday). It differs from the plain mixture because censoring differs by category
//   (teenage categories meet their 18th birthday sooner, growing categories close later).
import { PLAN_RULE } from './plan-category.js';
import { SCHOOL_RULE } from './school-outcomes.js';
import { NATIONAL_SCHEME } from '../domain/national-scheme.js';
import { CATEGORY_PLANS, GRADIENT, REREFERRAL_TARGET, UNCATEGORISED_EFFECT } from './params.js';
import {
  DAYS_12M,
  DAYS_6Y,
  DAYS_PER_YEAR,
  financialYear,
  rereferralCdf,
  type SynthPlan,
} from './calibrate.js';
import type { SynthChildTraits, SynthEpisode } from './child.js';
import { MEAN_KEYS, type PupilState } from './pupil-rows.js';
import { PUPIL_MODEL } from './pupils.js';
import { repeatRoutes, type RepeatRoute } from './repeat-hazards.js';
import { REPEAT_HAZARDS } from './params.js';
import type { PlantedOutcome, RepeatTruth, SynthOptions, SynthTruth } from './types.js';

/** Outcome names by the outcome codes of synth-child.ts (NFA, CIN_PLAN, CPP, CARE). */
const OUTCOMES = ['nfa', 'cinPlan', 'cpp', 'care'];

export class Tally {
  readonly category: Uint8Array;
  /** Planted probabilities of each row's outcome: no further action, plan, care. */
  readonly pathway: Float64Array;
  readonly noFactors: number[] = [];
  readonly pupilGroups: number[] = [];
  private readonly byYear = new Map<number, number[]>();
  private readonly outcomes = [0, 0, 0, 0];
  private readonly atRisk: number[];
  private readonly censor: Int32Array[];
  private open = 0;
  private rows = 0;
  /** Spells at risk of a repeat plan / re-entry to care by category; plans started, second or later. */
  private readonly planSpells: number[];
  private readonly careSpells: number[];
  private plansStarted = 0;
  private secondPlans = 0;

  constructor(
    private readonly plan: SynthPlan,
    capacity: number,
  ) {
    this.category = new Uint8Array(capacity);
    this.pathway = new Float64Array(3 * capacity);
    this.atRisk = plan.ids.map(() => 0);
    this.censor = plan.ids.map(() => new Int32Array(DAYS_6Y + 2));
    this.planSpells = plan.ids.map(() => 0);
    this.careSpells = plan.ids.map(() => 0);
  }

  row(
    index: number,
    e: SynthEpisode,
    t: SynthChildTraits,
    noFactors: boolean,
    extractDay: number,
    endDay: number,
  ) {
    const k = e.category;
    this.category[index] = k;
    this.pathway[3 * index] = e.pNfa;
    this.pathway[3 * index + 1] = e.pCpp;
    this.pathway[3 * index + 2] = e.pCare;
    this.rows = index + 1;
    if (noFactors) this.noFactors.push(index);
    const fy = financialYear(e.referral);
    let counts = this.byYear.get(fy);
    if (!counts) this.byYear.set(fy, (counts = this.plan.ids.map(() => 0)));
    counts[k]!++;
    this.outcomes[e.outcome]!++;
    if (e.cppStart >= this.plan.startDay && e.cppStart <= endDay) {
      this.plansStarted++;
      if (e.earlierPlans > 0) this.secondPlans++;
    }
    if (e.cppEnd <= extractDay && e.cppEnd < t.birthday18) this.planSpells[k]!++;
    if (e.careEnd <= extractDay && e.careEnd < t.birthday18 && e.reason !== 'RC1' && e.reason !== 'RC2')
      this.careSpells[k]!++;
    if (e.closure > extractDay) this.open++;
    else if ((e.reason === 'RC7' || e.reason === 'RC8') && e.closure <= endDay && e.closure < t.birthday18) {
      this.atRisk[k]!++;
      const c = Math.min(endDay - e.closure, t.birthday18 - 1 - e.closure);
      this.censor[k]![Math.min(c, DAYS_6Y + 1)]!++;
    }
  }

  /** Per row, the planted P(no further action), P(plan), P(care), to 6 decimals (truth.json size). */
  private pathwayTruth(): { nfa: number[]; cpp: number[]; care: number[] } {
    const r = (v: number): number => Math.round(v * 1e6) / 1e6;
    const out = { nfa: [] as number[], cpp: [] as number[], care: [] as number[] };
    for (let i = 0; i < this.rows; i++) {
      out.nfa.push(r(this.pathway[3 * i]!));
      out.cpp.push(r(this.pathway[3 * i + 1]!));
      out.care.push(r(this.pathway[3 * i + 2]!));
    }
    return out;
  }

  private cdf(k: number, days: number): number {
    return rereferralCdf(this.plan.baseline, this.plan.plans[k]!.hazardRatio, days / DAYS_PER_YEAR);
  }

  private expectedKm(): { months12: number; years6: number } {
    const K = this.plan.ids.length;
    // followable[k] = closures of category k with C >= t, for the current t (suffix sums).
    const followable = this.censor.map((c) => c.reduce((s, x) => s + x, 0));
    let surv = 1;
    let months12 = NaN;
    for (let t = 1; t <= DAYS_6Y; t++) {
      for (let k = 0; k < K; k++) followable[k]! -= this.censor[k]![t - 1]!;
      let events = 0;
      let risk = 0;
      for (let k = 0; k < K; k++) {
        const before = 1 - this.cdf(k, t - 1);
        events += (before - (1 - this.cdf(k, t))) * followable[k]!;
        risk += before * followable[k]!;
      }
      if (risk > 0) surv *= 1 - events / risk;
      if (t === DAYS_12M) months12 = 1 - surv;
    }
    return { months12, years6: 1 - surv };
  }

  private repeatTruth(kind: 'plan' | 'care', route: RepeatRoute, spells: number[]): RepeatTruth {
    const at = (k: number, days: number): number => 1 - route.survival[k]![days]!;
    const marks = (k: number) => ({ months12: at(k, DAYS_12M), years5: at(k, 1826), years6: at(k, DAYS_6Y) });
    const total = spells.reduce((s, x) => s + x, 0);
    const mean = (key: 'months12' | 'years5' | 'years6'): number =>
      spells.reduce((s, n, k) => s + n * marks(k)[key], 0) / Math.max(1, total);
    const { theta, m, hazardRatio } = REPEAT_HAZARDS[kind];
    return {
      hazardRatio: { ...hazardRatio },
      theta,
      m,
      byCategory: Object.fromEntries(this.plan.ids.map((id, k) => [id, marks(k)])),
      expected: { months12: mean('months12'), years5: mean('years5'), years6: mean('years6') },
      spellsAtRisk: total,
      capped: Math.max(...route.capped),
    };
  }

  private attainment(model: Omit<PlantedOutcome, 'categories' | 'uncategorised'>, stage: 'ks2' | 'ks4') {
    const categories = Object.fromEntries(this.plan.ids.map((id) => [id, CATEGORY_PLANS[id]![stage]]));
    return { ...model, categories, uncategorised: UNCATEGORISED_EFFECT[stage] };
  }

  truth(options: Required<SynthOptions>, children: number, pupils: PupilState): SynthTruth {
    const { plan } = this;
    const K = plan.ids.length;
    const counts = plan.ids.map(() => 0);
    for (let i = 0; i < this.rows; i++) counts[this.category[i]!]!++;
    const atRiskTotal = this.atRisk.reduce((s, x) => s + x, 0);
    const mean = (days: number): number =>
      this.atRisk.reduce((s, n, k) => s + n * this.cdf(k, days), 0) / Math.max(1, atRiskTotal);
    const means: Record<string, number> = {};
    MEAN_KEYS.forEach((key, o) => {
      for (const [who, offset] of [
        ['cin', 0],
        ['notKnown', MEAN_KEYS.length],
      ] as const) {
        const i = 2 * (o + offset);
        if (pupils.sums[i + 1]! > 0) means[`${key}.${who}`] = pupils.sums[i]! / pupils.sums[i + 1]!;
      }
    });
    const planned = Object.fromEntries(
      OUTCOMES.map((o, i) => [
        o,
        plan.plans.reduce((s, p, k) => {
          const shares = [p.nfa, 1 - p.nfa - p.cpp - p.care, p.cpp, p.care];
          return s + plan.shares[k]! * shares[i]!;
        }, 0),
      ]),
    );
    const known = this.pupilGroups.filter((g) => g >= 0).length;
    const routes = repeatRoutes(plan);
    return {
      seed: options.seed,
      options,
      nClasses: K,
      factorCodes: plan.items,
      categories: plan.ids.map((id, k) => {
        const p = plan.plans[k]!;
        return {
          id,
          name: plan.names[k]!,
          share: plan.shares[k]!,
          realisedShare: counts[k]! / Math.max(1, this.rows),
          profile: NATIONAL_SCHEME.categories[k]!.profile,
          growth: p.growth,
          hazardRatio: p.hazardRatio,
          rereferral: { months12: this.cdf(k, DAYS_12M), years6: this.cdf(k, DAYS_6Y) },
          outcome: { nfa: p.nfa, cinPlan: 1 - p.nfa - p.cpp - p.care, cpp: p.cpp, care: p.care },
        };
      }),
      rows: {
        category: Array.from(this.category.subarray(0, this.rows)),
        noFactors: this.noFactors,
        pathway: this.pathwayTruth(),
      },
      schoolOutcomes: {
        notKnown: { ...SCHOOL_RULE.notKnown },
        childrenInNeed: { ...SCHOOL_RULE.childrenInNeed },
        multipliers: Object.fromEntries(
          Object.entries(SCHOOL_RULE.multipliers).map(([k, v]) => [k, { ...v }]),
        ) as Record<string, Record<string, number>>,
      },
      planCategories: { multiple: PLAN_RULE.multiple, noneRecorded: { ...PLAN_RULE.noneRecorded } },
      gradient: {
        ...GRADIENT,
        byCategory: Object.fromEntries(plan.ids.map((id, k) => [id, plan.plans[k]!.gradient ?? 0])),
      },
      byYear: [...this.byYear]
        .sort((a, b) => a[0] - b[0])
        .map(([fy, c]) => ({ year: `${fy}-${String((fy + 1) % 100).padStart(2, '0')}`, counts: c })),
      rereferral: {
        target: { ...REREFERRAL_TARGET },
        baseline: { ...plan.baseline },
        months12: mean(DAYS_12M),
        years6: mean(DAYS_6Y),
        expectedKm: this.expectedKm(),
        closuresAtRisk: atRiskTotal,
        hazardOrder: [...plan.ids].sort(
          (a, b) => CATEGORY_PLANS[b]!.hazardRatio - CATEGORY_PLANS[a]!.hazardRatio,
        ),
      },
      repeatPlans: {
        ...this.repeatTruth('plan', routes.plan, this.planSpells),
        secondOrLater: this.secondPlans / Math.max(1, this.plansStarted),
        plansStarted: this.plansStarted,
      },
      careReentry: this.repeatTruth('care', routes.care, this.careSpells),
      outcomes: {
        planned,
        realised: Object.fromEntries(OUTCOMES.map((o, i) => [o, this.outcomes[i]! / Math.max(1, this.rows)])),
      },
      attainment: {
        ks4Attainment8: this.attainment(PUPIL_MODEL.ks4Attainment8, 'ks4'),
        ks2Reading: this.attainment(PUPIL_MODEL.ks2Reading, 'ks2'),
        ks2Maths: this.attainment(PUPIL_MODEL.ks2Maths, 'ks2'),
        note:
          'ks2_rwm_expected is derived (reading >= 100, maths >= 100 and writing at the expected standard), ' +
          'so no linear effect is planted for it; attainment8 and the KS2 scaled scores follow the planted ' +
          'linear models exactly, with bounded symmetric noise, except for the `clamped` pupils.',
        means,
        clamped: pupils.clamped,
      },
      pupils: { group: this.pupilGroups },
      counts: {
        children,
        assessments: this.rows,
        noFactors: this.noFactors.length,
        openEpisodes: this.open,
        closuresAtRisk: atRiskTotal,
        pupils: this.pupilGroups.length,
        knownPupils: known,
        comparisonPupils: this.pupilGroups.length - known,
      },
    };
  }
}
