// Follow-up after a child protection plan ends (to the start of another plan: a repeat plan) or after
// a period in care ends (to the start of another: re-entry to care), the other two outcomes of the
// re-referral analysis. Same survival data as rereferral-follow-up.ts, so the same curves, log-rank
// test and Cox model apply.
//
// Contract
// - Spells: distinct (child, start, end) of `cpp_start_date`/`cpp_end_date` (or the care dates) over
//   every row (a plan repeated on each assessment of its episode is one plan). The spell's row (for
//   its category, gender, source ...) is the latest row recording it.
// - Origin: the end date. Event: the child's next spell starting on or after that end (a spell that
//   starts before this one ends overlaps it and is not a repeat). Censoring at the extract day or the
//   18th birthday, whichever comes first, as for re-referral.
// - Not at risk (counted): spells with no end by the extract day ('open'); starting after it
//   ('after-extract'); ending on or after the 18th birthday ('ended-at-18'); for care, periods
//   whose episode closed by adoption (RC1) or death (RC2) ('adopted-or-died').
// - The result reuses the episode shape: `referralDate` is the start, `closureDate` the end and
//   `latestAssessment` the spell's row, so rereferral-grouping.ts and rereferral-cox.ts need nothing
//   new; `ageAtClosure` is the age at the end and `lengthYears` the spell's length.
import type { Episodes } from '../data/episodes.js';
import { civilFromDays, daysFromCivil } from '../data/dates.js';
import { MISSING_DAY, type AssessmentData } from '../data/types.js';
import { DAYS_PER_YEAR, type FollowUp } from './rereferral-follow-up.js';

export type SpellKind = 'cpp' | 'care';

/**
 * Spells of one kind as episodes, and their follow-up to the next spell (see the contract).
 * @example spellFollowUp(data, 'cpp', extractDay).fu.event // 1 = a repeat plan
 */
export function spellFollowUp(
  data: AssessmentData,
  kind: SpellKind,
  extractDay: number,
): { ep: Episodes; fu: FollowUp } {
  const startCol = kind === 'cpp' ? data.cppStart : data.careStart;
  const endCol = kind === 'cpp' ? data.cppEnd : data.careEnd;
  const byKey = new Map<string, number>();
  const spells: { child: number; start: number; end: number; row: number }[] = [];
  for (let i = 0; i < data.n; i++) {
    const start = startCol[i]!;
    if (start === MISSING_DAY) continue;
    const child = data.childId.codes[i]!;
    const end = endCol[i]!;
    const key = `${child}:${start}`;
    const at = byKey.get(key);
    if (at === undefined) {
      byKey.set(key, spells.length);
      spells.push({ child, start, end, row: i });
    } else {
      const s = spells[at]!;
      // The latest row recording the spell stands for it; an end date on any row ends it.
      if (data.assessmentDate[i]! >= data.assessmentDate[s.row]!) s.row = i;
      if (end !== MISSING_DAY && (s.end === MISSING_DAY || end > s.end)) s.end = end;
    }
  }
  spells.sort((a, b) => a.child - b.child || a.start - b.start);
  const m = spells.length;
  const ep: Episodes = {
    n: m,
    child: Int32Array.from(spells, (s) => s.child),
    referralDate: Int32Array.from(spells, (s) => s.start),
    closureDate: Int32Array.from(spells, (s) => s.end),
    closureReason: Int32Array.from(spells, (s) => data.closureReason.codes[s.row]!),
    latestAssessment: Int32Array.from(spells, (s) => s.row),
    assessments: new Int32Array(m).fill(1),
    nextReferral: new Int32Array(m).fill(MISSING_DAY),
    inconsistentClosures: 0,
  };
  for (let e = 0; e + 1 < m; e++)
    if (ep.child[e + 1] === ep.child[e]) ep.nextReferral[e] = ep.referralDate[e + 1]!;

  const reasons = data.closureReason.levels.map((l) => l.trim().toUpperCase());
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
  let n = 0;
  let birthdayEstimated = 0;
  let noBirthday = 0;
  for (let e = 0; e < m; e++) {
    const start = ep.referralDate[e]!;
    const end = ep.closureDate[e]!;
    if (start > extractDay) {
      skip('after-extract');
      continue;
    }
    if (end === MISSING_DAY || end > extractDay) {
      skip('open');
      continue;
    }
    const row = ep.latestAssessment[e]!;
    const reason = ep.closureReason[e]! >= 0 ? reasons[ep.closureReason[e]!]! : '';
    if (kind === 'care' && (reason === 'RC1' || reason === 'RC2')) {
      skip('adopted-or-died');
      continue;
    }
    const dob = data.dateOfBirth[row]!;
    const ageAtReferral = data.age[row]!;
    const referral = data.referralDate[row]!;
    let birthday = Infinity;
    let age = NaN;
    if (dob !== MISSING_DAY) {
      const { y, m: mo, d } = civilFromDays(dob);
      birthday = daysFromCivil(y + 18, mo, d);
      age = (end - dob) / DAYS_PER_YEAR;
    } else if (Number.isFinite(ageAtReferral)) {
      birthday = referral + Math.round((18 - ageAtReferral - 0.5) * DAYS_PER_YEAR);
      age = ageAtReferral + 0.5 + (end - referral) / DAYS_PER_YEAR;
      birthdayEstimated++;
    } else noBirthday++;
    if (end >= birthday) {
      skip('ended-at-18');
      if (dob === MISSING_DAY) birthdayEstimated--; // only an estimated birthday can be passed here
      continue;
    }
    let next = MISSING_DAY;
    for (let f = e + 1; f < m && ep.child[f] === ep.child[e]; f++) {
      if (ep.referralDate[f]! >= end) {
        next = ep.referralDate[f]!;
        break;
      }
    }
    const stop = Math.min(extractDay, birthday);
    episode[n] = e;
    ageAtClosure[n] = age;
    lengthYears[n] = (end - start) / DAYS_PER_YEAR;
    if (next !== MISSING_DAY && next < stop) {
      days[n] = next - end;
      event[n] = 1;
    } else {
      days[n] = stop - end;
      censorAt[n] = birthday <= extractDay ? 2 : 1;
    }
    n++;
  }
  const fu: FollowUp = {
    n,
    episode: episode.slice(0, n),
    days: days.slice(0, n),
    event: event.slice(0, n),
    censorAt: censorAt.slice(0, n),
    ageAtClosure: ageAtClosure.slice(0, n),
    lengthYears: lengthYears.slice(0, n),
    notAtRisk,
    birthdayEstimated,
    noBirthday,
    overlapping: 0,
  };
  return { ep, fu };
}
