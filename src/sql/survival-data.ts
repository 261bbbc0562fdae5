// A second-pass aggregate (./survival-queries.ts) back into the follow-up the re-referral analysis
// reads (src/analyses/rereferral.ts rereferralFromFollowUp): every count of spells not at risk by
// reason, and for those at risk their days, event, cause of censoring and demand category, one entry
// per spell (a row of count n is n spells), so the curves, the log-rank test and the risk tables are
// counted exactly as from the rows. Memory: 13 bytes a spell followed up, about 50 while counting.
// The Cox model is not fitted (FollowUpParts.fitCox null): it adjusts for age and episode length in
// days, which the counts do not carry.
// Contract: rows with the columns SURVIVAL_COLUMNS (names matched case-insensitively), `n` a whole
// number of 1 or more, one extract date; throws naming the aggregate, the row, the column and the
// value otherwise. The categories: the levels the query's category indices point into.
import { parseDate } from '../data/dates.js';
import { GROUP_TITLES } from '../analyses/rereferral-grouping.js';
import { NOT_AT_RISK, type FollowUpParts } from '../analyses/rereferral.js';
import type { RowCategories } from '../analyses/rereferral-types.js';
import { withColumns, type AggregateRow } from './aggregate-data.js';
import { SURVIVAL_COLUMNS } from './survival-names.js';

/**
 * The follow-up of one outcome from its second-pass aggregate.
 * @example survivalData(rows, 'rereferral', categories).fu.n // episodes followed up
 */
export function survivalData(
  input: readonly AggregateRow[],
  name: string,
  categories: Omit<RowCategories, 'codes'>,
): FollowUpParts {
  const rows = withColumns(input, name, [...SURVIVAL_COLUMNS]);
  if (!rows.length) throw new Error(`${name}: there are no rows`);
  const whole = (i: number, c: string, hi: number, lo = 0): number => {
    const v = rows[i]![c];
    const x = v === null || v === '' ? NaN : Number(v);
    if (!Number.isInteger(x) || x < lo || x > hi)
      throw new Error(
        `${name}: row ${i + 1}, column ${c}: expected a whole number from ${lo} to ${hi}, got ${JSON.stringify(v)}`,
      );
    return x;
  };
  const days: number[] = [];
  const event: number[] = [];
  const censorAt: number[] = [];
  const codes: number[] = [];
  const notAtRisk: Record<string, number> = {};
  let total = 0;
  let inconsistent = 0;
  let noBirthday = 0;
  let overlapping = 0;
  let extract = '';
  rows.forEach((r, i) => {
    const n = whole(i, 'n', 2 ** 31, 1);
    const status = String(r.status);
    const date = String(r.extract_date ?? '').slice(0, 10);
    // The statuses the queries write: followed up, or a reason for not being at risk.
    if (
      (status !== 'at-risk' && !Object.hasOwn(NOT_AT_RISK, status)) ||
      !/^\d{4}-\d{2}-\d{2}$/.test(date) ||
      (extract && date !== extract)
    )
      throw new Error(
        `${name}: row ${i + 1}, columns status, extract_date: expected a status and one date, got ${status}, ${date}`,
      );
    extract = date;
    total += n;
    inconsistent += n * whole(i, 'inconsistent', 1);
    if (status !== 'at-risk') {
      notAtRisk[status] = (notAtRisk[status] ?? 0) + n;
      return;
    }
    const e = whole(i, 'event', 1);
    const values = [
      whole(i, 'days', 1e6),
      e,
      e ? whole(i, 'censor_at', 0) : whole(i, 'censor_at', 2, 1),
      whole(i, 'category', categories.levels.length - 1, -1),
    ];
    noBirthday += n * whole(i, 'no_birthday', 1);
    overlapping += n * whole(i, 'overlapping', 1);
    for (let k = 0; k < n; k++) [days, event, censorAt, codes].forEach((a, j) => a.push(values[j]!));
  });
  const m = days.length;
  return {
    ep: { n: total, inconsistentClosures: inconsistent },
    fu: {
      n: m,
      episode: new Int32Array(m), // read by nothing from here on
      days: Int32Array.from(days),
      event: Uint8Array.from(event),
      censorAt: Uint8Array.from(censorAt),
      ageAtClosure: new Float64Array(m).fill(NaN),
      lengthYears: new Float64Array(m).fill(NaN),
      notAtRisk,
      // The queries read the date of birth only, so no birthday is estimated from an age.
      birthdayEstimated: 0,
      noBirthday,
      overlapping,
    },
    grouping: {
      codes: Int32Array.from(codes),
      levels: [...categories.levels],
      labels: [...(categories.labels ?? categories.levels)],
      title: GROUP_TITLES.category,
      missing: codes.filter((c) => c < 0).length,
    },
    extractDay: parseDate(extract),
    fitCox: null,
  };
}
