// Follow-up after each closed child-in-need episode: the survival data of the re-referral analysis.
//
// Contract (the definition the README's methods section gives readers):
// - Input: assessments and their episodes (src/data/episodes.ts: one per child and referral date,
//   sorted by child then referral date), and the extract day (follow-up ends there).
// - Origin: the episode's closure date. Event: the child's first referral dated on or after that
//   closure (a referral on the closure day is a re-referral at time 0; referrals of the child dated
//   while the episode was still open are episodes of their own, not re-referrals of this one).
// - Censoring: at the extract day, or at the 18th birthday when that comes first (a referral at 18
//   or older is not to children's services). Follow-up time = end - closure, in whole days.
// - Not at risk (left out, counted by reason): episodes referred after the extract day (when an
//   earlier extract date is chosen); episodes still open at the extract day; closures by
//   RC1-RC6 (adopted, died, child arrangements order, special guardianship order, transferred to
//   another local authority, transferred to adult services: censored at closure, so they add no
//   time at risk); closures on or after the 18th birthday; closures with no reason recorded.
// - The 18th birthday comes from the date of birth; without one it is estimated from the age at
//   referral (completed years, so the midpoint of that year of age), and counted; with neither the
//   episode is followed to the extract day and counted.
// - Age at closure (years) and episode length (years) come out for the Cox model (NaN if unknown).
// Cost: O(episodes) plus a short scan over a child's later episodes for overlaps.
import type { Episodes } from '../data/episodes.js';
import { civilFromDays, daysFromCivil } from '../data/dates.js';
import { MISSING_DAY, type AssessmentData } from '../data/types.js';

/** Days in a year and in a month, for ages and the time axis. */
export const DAYS_PER_YEAR = 365.25;
export const DAYS_PER_MONTH = DAYS_PER_YEAR / 12;

/** Closure reasons that take the child out of the at-risk population (censored at closure). */
export const NOT_AT_RISK_REASONS: Record<string, string> = {
  RC1: 'adopted',
  RC2: 'died',
  RC3: 'child arrangements order',
  RC4: 'special guardianship order',
  RC5: 'transferred to another local authority',
  RC6: 'transferred to adult services',
};

export interface FollowUp {
  /** Episodes followed up. */
  n: number;
  /** Index into the episodes of each one followed up. */
  episode: Int32Array;
  /** Follow-up in whole days. */
  days: Int32Array;
  /** 1 = re-referred, 0 = censored. */
  event: Uint8Array;
  /** For censored episodes: 1 = at the extract day, 2 = at the 18th birthday (0 for events). */
  censorAt: Uint8Array;
  ageAtClosure: Float64Array;
  lengthYears: Float64Array;
  /** Episodes not followed up, by code: after-extract, open, RC1..RC6, closed-at-18, no-reason. */
  notAtRisk: Record<string, number>;
  /** Birthdays estimated from age, and episodes with neither a date of birth nor an age. */
  birthdayEstimated: number;
  noBirthday: number;
  /** Episodes whose child had another referral while the episode was open. */
  overlapping: number;
}

/** The 18th birthday of a day of birth (29 February gives 1 March in a common year). */
function eighteenth(dob: number): number {
  const { y, m, d } = civilFromDays(dob);
  return daysFromCivil(y + 18, m, d);
}

/**
 * The 18th birthday of each day of birth, each worked out once: a few thousand distinct days of
 * birth among millions of episodes, and the calendar arithmetic costs more than the rest of an
 * episode's follow-up. Days of birth spread over more than 2^20 days are not tabled.
 */
function birthdayTable(dateOfBirth: Int32Array): (dob: number) => number {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < dateOfBirth.length; i++) {
    const d = dateOfBirth[i]!;
    if (d === MISSING_DAY) continue;
    if (d < min) min = d;
    if (d > max) max = d;
  }
  // None at all, or spread too far to table.
  if (!(max >= min && max - min < 1 << 20)) return eighteenth;
  // 0 = not yet worked out (a birthday that is day 0, 1970-01-01, is merely worked out each time).
  const table = new Int32Array(max - min + 1);
  return (dob) => {
    const k = dob - min;
    if (k < 0 || k > max - min) return eighteenth(dob);
    if (table[k] === 0) table[k] = eighteenth(dob);
    return table[k]!;
  };
}

/**
 * Follow-up data of every episode at risk of re-referral (see the file comment).
 * @example rereferralFollowUp(data, deriveEpisodes(data), extractDay).n // episodes followed up
 */
export function rereferralFollowUp(data: AssessmentData, ep: Episodes, extractDay: number): FollowUp {
  const m = ep.n;
  const episode = new Int32Array(m);
  const days = new Int32Array(m);
  const event = new Uint8Array(m);
  const censorAt = new Uint8Array(m);
  const ageAtClosure = new Float64Array(m);
  const lengthYears = new Float64Array(m);
  const notAtRisk: Record<string, number> = {};
  const skip = (code: string): void => {
    notAtRisk[code] = (notAtRisk[code] ?? 0) + 1;
  };
  // Each level's code once, not an upper-cased copy of the reason per episode, and whether it takes
  // the episode out of the population at risk.
  const reasons = data.closureReason.levels.map((l) => l.toUpperCase());
  const outOfRisk = reasons.map((r) => r in NOT_AT_RISK_REASONS);
  const birthdays = birthdayTable(data.dateOfBirth);
  let n = 0;
  let birthdayEstimated = 0;
  let noBirthday = 0;
  let overlapping = 0;
  for (let e = 0; e < m; e++) {
    const closure = ep.closureDate[e]!;
    if (ep.referralDate[e]! > extractDay) {
      skip('after-extract');
      continue;
    }
    if (closure === MISSING_DAY || closure > extractDay) {
      skip('open');
      continue;
    }
    const code = ep.closureReason[e]!;
    const reason = code < 0 ? '' : reasons[code]!;
    if (reason === '') {
      skip('no-reason');
      continue;
    }
    if (outOfRisk[code]) {
      skip(reason);
      continue;
    }
    const row = ep.latestAssessment[e]!;
    const referral = ep.referralDate[e]!;
    const dob = data.dateOfBirth[row]!;
    const ageAtReferral = data.age[row]!;
    let birthday = Infinity;
    let age = NaN;
    if (dob !== MISSING_DAY) {
      birthday = birthdays(dob);
      age = (closure - dob) / DAYS_PER_YEAR;
    } else if (Number.isFinite(ageAtReferral)) {
      birthday = referral + Math.round((18 - ageAtReferral - 0.5) * DAYS_PER_YEAR);
      age = ageAtReferral + 0.5 + (closure - referral) / DAYS_PER_YEAR;
    }
    if (closure >= birthday) {
      skip('closed-at-18');
      continue;
    }
    if (dob === MISSING_DAY) {
      if (Number.isFinite(ageAtReferral)) birthdayEstimated++;
      else noBirthday++;
    }
    // The child's next referral on or after the closure (episodes are sorted by child, then date).
    let next = MISSING_DAY;
    for (let f = e + 1; f < m && ep.child[f] === ep.child[e]; f++) {
      if (ep.referralDate[f]! >= closure) {
        next = ep.referralDate[f]!;
        break;
      }
      if (f === e + 1) overlapping++;
    }
    const end = Math.min(extractDay, birthday);
    episode[n] = e;
    ageAtClosure[n] = age;
    lengthYears[n] = (closure - referral) / DAYS_PER_YEAR;
    if (next !== MISSING_DAY && next < end) {
      days[n] = next - closure;
      event[n] = 1;
    } else {
      days[n] = end - closure;
      censorAt[n] = birthday <= extractDay ? 2 : 1;
    }
    n++;
  }
  // Views of the first n, not copies: a copy is fresh memory, whose first touch (a page fault every
  // 4 KB) costs more than the loop that filled these; the untouched tail is never faulted in.
  return {
    n,
    episode: episode.subarray(0, n),
    days: days.subarray(0, n),
    event: event.subarray(0, n),
    censorAt: censorAt.subarray(0, n),
    ageAtClosure: ageAtClosure.subarray(0, n),
    lengthYears: lengthYears.subarray(0, n),
    notAtRisk,
    birthdayEstimated,
    noBirthday,
    overlapping,
  };
}
