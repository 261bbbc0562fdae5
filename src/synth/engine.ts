// The synthetic council's generator loop, shared by synthesise (CSV text), synthesiseRows (objects)
// and synthesiseStream (chunks to a sink). Contract of `runSynth(options, sink)`:
// - children arrive at random dates (synth-calibrate.ts) and live out their episodes
//   (synth-child.ts); each episode inside the window becomes one assessment row, passed to
//   `sink.assessment` in file order (children one after another, each child's episodes by date),
//   until `assessments` rows have been written (the last child may be cut short);
// - factors are drawn at the row from the category's profile, each code independently, redrawn when
//   none came up (the profiles describe assessments with factors); NO_FACTOR_SHARE of rows instead
//   get an empty cell or 21 alone; 24A (criminal exploitation) only from 1 April 2021, when it began;
// - dates after the extract date are left blank (open episodes, plans and periods in care);
// - pupils follow each child (synth-pupil-rows.ts), the comparison pupils come last;
// - returns the truth (synth-types.ts). Every draw comes from one seeded stream, so the same options
//   give the same rows, and a smaller `assessments` gives a prefix of the same assessment rows.
import { random, type Random } from '../math/random.js';
import { dayToIso, parseDate } from '../data/dates.js';
import { NO_FACTOR_SHARE } from './params.js';
import type { SynthPlan } from './calibrate.js';
import { calibratedPlan } from './pilot.js';
import {
  ETHNICITIES,
  drawArrival,
  simulateChild,
  type SynthEpisode,
  type SynthChildTraits,
} from './child.js';
import { MEAN_KEYS, childPupilRows, comparisonPupilRows, type PupilState } from './pupil-rows.js';
import { Tally } from './tally.js';
import { plantPlanCategory } from './plan-category.js';
import type { AssessmentRow, PupilRow, SynthOptions, SynthTruth } from './types.js';

export interface SynthSink {
  assessment: (row: AssessmentRow) => void;
  pupil: (row: PupilRow) => void;
}

const CRIMINAL_EXPLOITATION_FROM = parseDate('2021-04-01');

function day(fn: string, name: string, value: string): number {
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? parseDate(value) : NaN;
  if (!Number.isFinite(d) || d < -100000) {
    throw new Error(`${fn}: invalid ${name}; expected an ISO date such as 2014-04-01, got '${value}'`);
  }
  return d;
}

/** Options with defaults filled in and checked; throws `<fn>: invalid <option>; ...`. */
export function resolveOptions(
  fn: string,
  {
    assessments = 25000,
    seed = 1,
    start = '2014-04-01',
    end = '2024-03-31',
    extractDate,
    comparisonRatio = 4,
  }: SynthOptions = {},
): Required<SynthOptions> & { startDay: number; endDay: number; extractDay: number } {
  if (!Number.isInteger(assessments) || assessments < 1 || assessments > 50_000_000) {
    throw new Error(
      `${fn}: invalid assessments; expected a whole number from 1 to 50,000,000, got ${assessments}`,
    );
  }
  if (!Number.isInteger(seed)) throw new Error(`${fn}: invalid seed; expected an integer, got ${seed}`);
  if (!(comparisonRatio >= 0 && comparisonRatio <= 100)) {
    throw new Error(
      `${fn}: invalid comparisonRatio; expected a number from 0 to 100, got ${comparisonRatio}`,
    );
  }
  const startDay = day(fn, 'start', start);
  const endDay = day(fn, 'end', end);
  if (endDay - startDay < 365) {
    throw new Error(`${fn}: invalid end; expected a date at least a year after start ${start}, got '${end}'`);
  }
  const extract = extractDate ?? end;
  const extractDay = day(fn, 'extractDate', extract);
  if (extractDay < endDay) {
    throw new Error(`${fn}: invalid extractDate; expected a date on or after end ${end}, got '${extract}'`);
  }
  return {
    assessments,
    seed,
    start,
    end,
    extractDate: extract,
    comparisonRatio,
    startDay,
    endDay,
    extractDay,
  };
}

function drawFactors(rng: Random, plan: SynthPlan, category: number, assessment: number): string {
  if (rng.next() < NO_FACTOR_SHARE) return rng.next() < 0.5 ? '' : '21';
  const profile = plan.profiles[category]!;
  const items = plan.items;
  const late = assessment >= CRIMINAL_EXPLOITATION_FROM;
  for (;;) {
    let out = '';
    for (let j = 0; j < items.length; j++) {
      const code = items[j]!;
      if (rng.next() < profile[j]! && (late || code !== '24A')) out = out === '' ? code : out + ';' + code;
    }
    if (out !== '') return out;
  }
}

/** Run the generator, passing rows to `sink`; returns the truth. */
export function runSynth(fn: string, options: SynthOptions, sink: SynthSink): SynthTruth {
  const opts = resolveOptions(fn, options);
  const { startDay, endDay, extractDay } = opts;
  const plan = calibratedPlan(startDay, endDay, extractDay);
  const rng = random(opts.seed);
  // Dates repeat a lot (3.6 million rows, a few thousand distinct days): format each day once.
  const isoBase = plan.windowStartDay - 19 * 366;
  const isoCache: string[] = [];
  const iso = (d: number): string => {
    if (!(d <= extractDay)) return '';
    const i = d - isoBase;
    return i >= 0 ? (isoCache[i] ??= dayToIso(d)) : dayToIso(d);
  };
  const tally = new Tally(plan, opts.assessments);
  const pupils: PupilState = {
    rng,
    seed: opts.seed,
    plan,
    extractDay,
    emit: (row, group) => {
      tally.pupilGroups.push(group);
      sink.pupil(row);
    },
    nextPupil: 0,
    known: new Map(),
    sums: new Float64Array(4 * MEAN_KEYS.length),
    clamped: 0,
  };
  let children = 0;
  let rows = 0;
  while (rows < opts.assessments) {
    const { traits, episodes } = simulateChild(rng, plan, drawArrival(rng, plan));
    if (!episodes.some((e) => e.visible)) continue;
    const childId = 'C' + String(++children).padStart(7, '0');
    const written: { day: number; category: number; noFactors: boolean }[] = [];
    for (const e of episodes) {
      if (!e.visible) continue;
      if (rows >= opts.assessments) break;
      const factors = drawFactors(rng, plan, e.category, e.assessment);
      const noFactors = factors === '' || factors === '21';
      const row = assessmentRow(childId, traits, e, factors, iso);
      if (row.cpp_start_date) row.cpp_category = plantPlanCategory(factors, opts.seed, rows);
      sink.assessment(row);
      tally.row(rows++, e, traits, noFactors, extractDay, endDay);
      written.push({ day: e.assessment, category: e.category, noFactors });
    }
    childPupilRows(pupils, childId, traits, written);
  }
  comparisonPupilRows(pupils, opts.comparisonRatio);
  const { assessments, seed, start, end, extractDate, comparisonRatio } = opts;
  return tally.truth({ assessments, seed, start, end, extractDate, comparisonRatio }, children, pupils);
}

function assessmentRow(
  childId: string,
  t: SynthChildTraits,
  e: SynthEpisode,
  factors: string,
  iso: (d: number) => string,
): AssessmentRow {
  const closed = iso(e.closure) !== '';
  const cppStarted = iso(e.cppStart) !== '';
  const careStarted = iso(e.careStart) !== '';
  return {
    child_id: childId,
    referral_date: iso(e.referral),
    assessment_date: iso(e.assessment),
    factors,
    closure_date: closed ? iso(e.closure) : '',
    closure_reason: closed ? e.reason : '',
    referral_source: e.source,
    primary_need: e.need,
    date_of_birth: iso(t.dob),
    gender: t.male ? 'Male' : 'Female',
    ethnicity: ETHNICITIES[t.ethnicity]!,
    disability: t.disabled ? 'Yes' : 'No',
    imd_decile: String(t.decile),
    cpp_start_date: cppStarted ? iso(e.cppStart) : '',
    cpp_end_date: cppStarted ? iso(e.cppEnd) : '',
    cpp_category: '',
    care_start_date: careStarted ? iso(e.careStart) : '',
    care_end_date: careStarted ? iso(e.careEnd) : '',
  };
}
