// Financial years (1 April to 31 March, the DfE convention for children-in-need statistics) and the
// `period` option of the demand analysis. Days are whole days since 1970-01-01 (src/data/dates.ts).
// - `parsePeriod('2018-2024')`: 1 April 2018 to 31 March 2024 (six financial years);
//   `parsePeriod('2021-22')`: the one financial year 2021-22; null, '' or 'all': no period.
// - `financialYear(day)`: the year an assessment falls in, as its starting calendar year (2021 for
//   any day from 1 April 2021 to 31 March 2022); `yearLabel(2021)` is '2021-22'.
import { civilFromDays, dayToIso, daysFromCivil } from '../data/dates.js';

export interface Period {
  /** First and last day included. */
  from: number;
  to: number;
  /** '2018-19 to 2023-24', or '2021-22'. */
  label: string;
}

/** '2021-22' for 2021. */
export function yearLabel(startYear: number): string {
  return `${startYear}-${String((startYear + 1) % 100).padStart(2, '0')}`;
}

/**
 * The financial year (its starting calendar year) of a day: the year whose 1 April is the last on
 * or before it. Guessed from the mean year's length, then moved by at most one: no calendar date is
 * made (civilFromDays returned an object per call, 0.6 s of the demand chart at 3.6 million rows).
 * `financialYearOfDate` is the definition, and the tests hold the two equal day by day.
 */
export function financialYear(day: number): number {
  let y = 1970 + Math.floor((day - APRIL_1970) / 365.2425);
  if (day < yearStart(y)) y--;
  else if (day >= yearStart(y + 1)) y++;
  return y;
}

/** 1 April 1970, day 90. */
const APRIL_1970 = 90;

/** The same from the calendar date (the definition; slower). */
export function financialYearOfDate(day: number): number {
  const { y, m } = civilFromDays(day);
  return m >= 4 ? y : y - 1;
}

/** First day (1 April) of a financial year. */
export function yearStart(startYear: number): number {
  return daysFromCivil(startYear, 4, 1);
}

/** Last day (31 March) of a financial year. */
export function yearEnd(startYear: number): number {
  return daysFromCivil(startYear + 1, 3, 31);
}

/**
 * The `period` option as days.
 * @throws `demand: invalid period; expected financial years such as '2018-2024' or '2021-22', got '...'`
 * @example parsePeriod('2018-2024') // {from: 1 April 2018, to: 31 March 2024, label: '2018-19 to 2023-24'}
 */
export function parsePeriod(period: string | null | undefined): Period | null {
  if (period === null || period === undefined) return null;
  const p = period.trim();
  if (p === '' || p.toLowerCase() === 'all') return null;
  const bad = () =>
    new Error(
      `demand: invalid period; expected financial years such as '2018-2024' (April 2018 to March 2024) or '2021-22', got '${period}'`,
    );
  const m = /^(\d{4})\s*[-/–]\s*(\d{2}|\d{4})$/.exec(p);
  if (!m) throw bad();
  const y1 = Number(m[1]);
  if (m[2]!.length === 2) {
    if (Number(m[2]) !== (y1 + 1) % 100) throw bad();
    return { from: yearStart(y1), to: yearEnd(y1), label: yearLabel(y1) };
  }
  const y2 = Number(m[2]);
  if (y2 <= y1 || y1 < 1900 || y2 > 2200) throw bad();
  const label = y2 - y1 === 1 ? yearLabel(y1) : `${yearLabel(y1)} to ${yearLabel(y2 - 1)}`;
  return { from: yearStart(y1), to: yearEnd(y2 - 1), label };
}

/** The period's days as ISO dates, for the result. */
export function periodIso(p: Period): { from: string; to: string; label: string } {
  return { from: dayToIso(p.from), to: dayToIso(p.to), label: p.label };
}
