// Pupil rows of the synthetic council (DESIGN.md "Pupils"): one row per pupil and key stage.
// - A child known to social care has a KS2 row in the summer they finish Year 6 (born September to
//   August, the English school year) and a KS4 row five years later, when that exam year is in the
//   file's range and the child had an assessment in the file before 1 September of the exam year;
//   the pupil's group is the category of that latest assessment (12, "uncategorised", if it recorded
//   no factors), as the attainment analysis defines it.
// - Exam years: 2016 onward (scaled scores and Attainment 8), none in 2020 and 2021 (no exams), and
//   only exams sat (1 July) by the extract date.
// - Pupils not known to social care: `comparisonRatio` of them for every known pupil of the same key
//   stage and year, with the national covariate mix.
// - KS4 prior attainment is the pupil's own KS2 average scaled score, drawn even when the KS2 row
//   itself falls outside the exam years.
import { civilFromDays, daysFromCivil } from '../data/dates.js';
import type { Random } from '../math/random.js';
import { ETHNICITIES, type SynthChildTraits } from './child.js';
import { CATEGORY_PLANS, UNCATEGORISED_EFFECT } from './params.js';
import {
  COMPARISON,
  SEN_LEVELS,
  drawPupilTraits,
  ks2Results,
  ks4Result,
  type PupilTraits,
} from './pupils.js';
import type { SynthPlan } from './calibrate.js';
import type { PupilRow } from './types.js';
import { plantSchoolOutcomes } from './school-outcomes.js';

/** Group of a pupil row: -1 not known to social care, 0-11 category, 12 uncategorised. */
export const UNCATEGORISED = 12;

/** What the engine keeps while pupils are written. */
export interface PupilState {
  rng: Random;
  /** The council's seed (school outcomes draw from their own generator: school-outcomes.ts). */
  seed: number;
  plan: SynthPlan;
  extractDay: number;
  emit: (row: PupilRow, group: number) => void;
  nextPupil: number;
  /** Known pupils by key stage * 10000 + year. */
  known: Map<number, number>;
  /** Sum and count of each outcome (MEAN_KEYS order) for known pupils, then for pupils not known. */
  sums: Float64Array;
  clamped: number;
}

export function isExamYear(year: number, extractDay: number): boolean {
  return year >= 2016 && year !== 2020 && year !== 2021 && daysFromCivil(year, 7, 1) <= extractDay;
}

function effectOf(group: number, stage: 'ks2' | 'ks4', plan: SynthPlan): number {
  if (group < 0) return 0;
  if (group === UNCATEGORISED) return UNCATEGORISED_EFFECT[stage];
  return CATEGORY_PLANS[plan.ids[group]!]![stage];
}

/** Outcomes whose means the truth reports, for known pupils (`.cin`) and others (`.notKnown`). */
export const MEAN_KEYS = ['attainment8', 'ks2_rwm_expected', 'ks2_reading', 'ks2_maths'];

function add(state: PupilState, outcome: number, known: boolean, value: number): void {
  const i = 2 * (outcome + (known ? 0 : MEAN_KEYS.length));
  state.sums[i]! += value;
  state.sums[i + 1]! += 1;
}

function write(
  state: PupilState,
  pupilId: string,
  childId: string,
  t: PupilTraits,
  stage: 2 | 4,
  year: number,
  ks2: { reading: number; maths: number; rwm: boolean },
  group: number,
): void {
  const known = group >= 0;
  let att8 = '';
  let prior = '';
  if (stage === 4) {
    const p = Math.round(((ks2.reading + ks2.maths) / 2) * 10) / 10;
    const r = ks4Result(state.rng, t, p, effectOf(group, 'ks4', state.plan));
    if (r.clamped) state.clamped++;
    att8 = String(r.att8);
    prior = String(p);
    add(state, 0, known, r.att8);
  } else {
    add(state, 1, known, ks2.rwm ? 1 : 0);
    add(state, 2, known, ks2.reading);
    add(state, 3, known, ks2.maths);
  }
  if (known) state.known.set(stage * 10000 + year, (state.known.get(stage * 10000 + year) ?? 0) + 1);
  state.emit(
    {
      pupil_id: pupilId,
      child_id: childId,
      key_stage: String(stage),
      year: String(year),
      attainment8: att8,
      ks2_rwm_expected: stage === 2 ? (ks2.rwm ? '1' : '0') : '',
      ks2_reading: stage === 2 ? String(ks2.reading) : '',
      ks2_maths: stage === 2 ? String(ks2.maths) : '',
      fsm: t.fsm ? '1' : '0',
      sen: SEN_LEVELS[t.sen]!,
      gender: t.female ? 'Female' : 'Male',
      ethnicity: ETHNICITIES[t.ethnicity]!,
      idaci_decile: String(t.decile),
      prior_attainment: prior,
      ...plantSchoolOutcomes(
        group >= 0 && group < state.plan.ids.length ? state.plan.ids[group]! : group >= 0 ? '' : null,
        state.seed,
        Number(pupilId.slice(1)),
      ),
    },
    group,
  );
}

const pupilId = (n: number): string => 'P' + String(n).padStart(8, '0');

/** Rows for one child known to social care, given its assessments in the file (date order). */
export function childPupilRows(
  state: PupilState,
  childId: string,
  traits: SynthChildTraits,
  assessments: { day: number; category: number; noFactors: boolean }[],
): void {
  const birth = civilFromDays(traits.dob);
  const y2 = birth.m >= 9 ? birth.y + 12 : birth.y + 11;
  const groupAt = (year: number): number => {
    const cutoff = daysFromCivil(year, 9, 1);
    let group = -1;
    for (const a of assessments) if (a.day < cutoff) group = a.noFactors ? UNCATEGORISED : a.category;
    return group;
  };
  const g2 = isExamYear(y2, state.extractDay) ? groupAt(y2) : -1;
  const g4 = isExamYear(y2 + 5, state.extractDay) ? groupAt(y2 + 5) : -1;
  if (g2 < 0 && g4 < 0) return;
  const probs = CATEGORY_PLANS[state.plan.ids[traits.firstCategory]!]!;
  const t = drawPupilTraits(state.rng, probs, !traits.male, traits.ethnicity, traits.decile);
  // KS2 effect: the category at KS2 if the child was known by then (groupAt, even outside exam years).
  const ks2 = ks2Results(state.rng, t, effectOf(groupAt(y2), 'ks2', state.plan));
  if (ks2.clamped) state.clamped++;
  const id = pupilId(++state.nextPupil);
  if (g2 >= 0) write(state, id, childId, t, 2, y2, ks2, g2);
  if (g4 >= 0) write(state, id, childId, t, 4, y2 + 5, ks2, g4);
}

/** Pupils not known to social care, `ratio` per known pupil of each key stage and year. */
export function comparisonPupilRows(state: PupilState, ratio: number): void {
  const keys = [...state.known.keys()].sort((a, b) => a - b);
  for (const key of keys) {
    const stage = Math.floor(key / 10000) as 2 | 4;
    const year = key % 10000;
    const n = Math.round(ratio * state.known.get(key)!);
    for (let i = 0; i < n; i++) {
      const t = drawPupilTraits(
        state.rng,
        COMPARISON,
        state.rng.next() < 0.5,
        state.rng.choice(COMPARISON.ethnicity),
        1 + state.rng.int(10),
      );
      const ks2 = ks2Results(state.rng, t, 0);
      if (ks2.clamped) state.clamped++;
      write(state, pupilId(++state.nextPupil), '', t, stage, year, ks2, -1);
    }
  }
}
