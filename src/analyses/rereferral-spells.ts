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
  const spells = distinctSpells(data, kind);
  const m = spells.child.length;
  const closureReason = new Int32Array(m);
  for (let e = 0; e < m; e++) closureReason[e] = data.closureReason.codes[spells.row[e]!]!;
  const ep: Episodes = {
    n: m,
    child: spells.child,
    referralDate: spells.start,
    closureDate: spells.end,
    closureReason,
    latestAssessment: spells.row,
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
  // Views of the first n, not copies: a copy is fresh memory, whose first touch (a page fault every
  // 4 KB) costs more than the loop that filled these; the untouched tail is never faulted in.
  const fu: FollowUp = {
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
    overlapping: 0,
  };
  return { ep, fu };
}

/**
 * The distinct (child, start) spells of the rows, sorted by child then start: for each, the
 * latest end any of its rows records (MISSING_DAY, the smallest Int32, when none does) and the
 * latest row recording it (by assessment date; of equal dates, the later row).
 * Rows are dealt into their child's bucket (a counting sort, stable, so each bucket keeps row
 * order) and each child's few rows sorted by start: no string keys, no comparison sort of a
 * million rows.
 */
function distinctSpells(
  data: AssessmentData,
  kind: SpellKind,
): { child: Int32Array; start: Int32Array; end: Int32Array; row: Int32Array } {
  const startCol = kind === 'cpp' ? data.cppStart : data.careStart;
  const endCol = kind === 'cpp' ? data.cppEnd : data.careEnd;
  const childOf = data.childId.codes;
  // Codes from -1 (no child id, a child of its own as the key `-1` was) upwards, shifted by one.
  let children = 0;
  for (let i = 0; i < data.n; i++) children = Math.max(children, childOf[i]! + 2);
  const next = new Int32Array(children + 1);
  let rows = 0;
  for (let i = 0; i < data.n; i++) {
    if (startCol[i] === MISSING_DAY) continue;
    next[childOf[i]! + 2]++;
    rows++;
  }
  for (let c = 0; c < children; c++) next[c + 1] += next[c];
  const bucketStart = next.slice(0, children + 1);
  const byChild = new Int32Array(rows);
  for (let i = 0; i < data.n; i++) {
    if (startCol[i] === MISSING_DAY) continue;
    byChild[next[childOf[i]! + 1]++] = i;
  }
  const child = new Int32Array(rows);
  const start = new Int32Array(rows);
  const end = new Int32Array(rows);
  const row = new Int32Array(rows);
  let m = 0;
  for (let c = 0; c < children; c++) {
    const from = bucketStart[c]!;
    const to = bucketStart[c + 1]!;
    // Insertion sort by start (stable: rows of one spell stay in row order); a child has few rows.
    for (let a = from + 1; a < to; a++) {
      const i = byChild[a]!;
      const s = startCol[i]!;
      let b = a - 1;
      while (b >= from && startCol[byChild[b]!]! > s) {
        byChild[b + 1] = byChild[b]!;
        b--;
      }
      byChild[b + 1] = i;
    }
    for (let a = from; a < to; a++) {
      const i = byChild[a]!;
      const s = startCol[i]!;
      if (a === from || s !== start[m - 1]) {
        child[m] = childOf[i]!;
        start[m] = s;
        end[m] = endCol[i]!;
        row[m] = i;
        m++;
        continue;
      }
      // The latest row recording the spell stands for it; an end date on any row ends it.
      if (data.assessmentDate[i]! >= data.assessmentDate[row[m - 1]!]!) row[m - 1] = i;
      if (endCol[i]! > end[m - 1]!) end[m - 1] = endCol[i]!;
    }
  }
  return { child: child.slice(0, m), start: start.slice(0, m), end: end.slice(0, m), row: row.slice(0, m) };
}
