// A second-pass aggregate (./survival-queries.ts) back into the follow-up the re-referral analysis
// reads (src/analyses/rereferral.ts rereferralFromFollowUp): every count of spells not at risk by
// reason, and for those at risk their days, event, cause of censoring and demand category, one entry
// per spell (a row of count n is n spells), so the curves, the log-rank test and the risk tables are
// counted exactly as from the rows. Memory: 13 bytes a spell followed up (30 million in 400 MB).
// The Cox model is not fitted (FollowUpParts.fitCox null): it adjusts for age and episode length in
// days, which the counts do not carry.
// Contract: rows with the columns SURVIVAL_COLUMNS (names matched case-insensitively), `n` a whole
// number of 1 or more, one extract date; throws naming the aggregate, the row, the column and the
// value otherwise. The categories: the levels the query's category indices point into.
import { parseDate } from '../data/dates.js';
import { GROUP_TITLES, type Grouping } from '../analyses/rereferral-grouping.js';
import type { FollowUpParts } from '../analyses/rereferral.js';
import type { FollowUp } from '../analyses/rereferral-follow-up.js';
import type { RowCategories } from '../analyses/rereferral-types.js';
import type { AggregateRow } from './aggregate-data.js';
import { SURVIVAL_COLUMNS } from './survival-queries.js';

const NOT_AT_RISK = new Set([
  'after-extract',
  'open',
  'no-reason',
  'closed-at-18',
  'ended-at-18',
  'adopted-or-died',
  'RC1',
  'RC2',
  'RC3',
  'RC4',
  'RC5',
  'RC6',
]);

/**
 * The follow-up of one outcome from its second-pass aggregate.
 * @example survivalData(rows, 'rereferral', categories).fu.n // episodes followed up
 */
export function survivalData(
  input: readonly AggregateRow[],
  name: string,
  categories: Omit<RowCategories, 'codes'>,
): Omit<FollowUpParts, 'fitCox'> & { fitCox: null } {
  if (!input.length) throw new Error(`${name}: there are no rows`);
  const byLower = new Map(Object.keys(input[0]!).map((k) => [k.toLowerCase(), k]));
  const missing = SURVIVAL_COLUMNS.filter((c) => !byLower.has(c));
  if (missing.length)
    throw new Error(
      `${name}: no column ${missing.join(', ')}; expected the columns csc-demand sql names (${SURVIVAL_COLUMNS.join(', ')}), found ${[...byLower.values()].join(', ')}`,
    );
  const get = (r: AggregateRow, c: string) => r[byLower.get(c)!] ?? null;
  const bad = (i: number, c: string, expected: string): Error =>
    new Error(
      `${name}: row ${i + 1}, column ${c}: expected ${expected}, got ${JSON.stringify(get(input[i]!, c))}`,
    );
  const whole = (i: number, c: string, lo: number, hi: number): number => {
    const v = get(input[i]!, c);
    const x = v === null || v === '' ? NaN : Number(v);
    if (!Number.isInteger(x) || x < lo || x > hi) throw bad(i, c, `a whole number from ${lo} to ${hi}`);
    return x;
  };
  const L = categories.levels.length;
  let total = 0;
  let atRisk = 0;
  let inconsistent = 0;
  let extract: string | null = null;
  const notAtRisk: Record<string, number> = {};
  input.forEach((r, i) => {
    const n = whole(i, 'n', 1, Number.MAX_SAFE_INTEGER);
    total += n;
    if (whole(i, 'inconsistent', 0, 1)) inconsistent += n;
    const date = String(get(r, 'extract_date') ?? '').slice(0, 10);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || (extract !== null && date !== extract))
      throw bad(i, 'extract_date', extract ?? 'a date such as 2024-03-31, the same on every row');
    extract = date;
    const status = String(get(r, 'status'));
    if (status === 'at-risk') atRisk += n;
    else if (NOT_AT_RISK.has(status)) notAtRisk[status] = (notAtRisk[status] ?? 0) + n;
    else throw bad(i, 'status', `at-risk or a reason not at risk (${[...NOT_AT_RISK].join(', ')})`);
  });
  const fu: FollowUp = {
    n: atRisk,
    episode: new Int32Array(atRisk),
    days: new Int32Array(atRisk),
    event: new Uint8Array(atRisk),
    censorAt: new Uint8Array(atRisk),
    ageAtClosure: new Float64Array(atRisk).fill(NaN),
    lengthYears: new Float64Array(atRisk).fill(NaN),
    notAtRisk,
    // The queries read the date of birth only, so no birthday is estimated from an age.
    birthdayEstimated: 0,
    noBirthday: 0,
    overlapping: 0,
  };
  const codes = new Int32Array(atRisk);
  let k = 0;
  input.forEach((r, i) => {
    if (get(r, 'status') !== 'at-risk') return;
    const n = Number(get(r, 'n'));
    const days = whole(i, 'days', 0, 1e6);
    const event = whole(i, 'event', 0, 1);
    const censorAt = whole(i, 'censor_at', 0, 2);
    if ((event === 1) !== (censorAt === 0)) throw bad(i, 'censor_at', event ? '0 for an event' : '1 or 2');
    const category = whole(i, 'category', -1, L - 1);
    if (whole(i, 'no_birthday', 0, 1)) fu.noBirthday += n;
    if (whole(i, 'overlapping', 0, 1)) fu.overlapping += n;
    fu.days.fill(days, k, k + n);
    fu.event.fill(event, k, k + n);
    fu.censorAt.fill(event ? 0 : censorAt, k, k + n);
    codes.fill(category, k, k + n);
    for (let j = k; j < k + n; j++) fu.episode[j] = j;
    k += n;
  });
  let none = 0;
  for (let j = 0; j < atRisk; j++) if (codes[j]! < 0) none++;
  const grouping: Grouping = {
    codes,
    levels: [...categories.levels],
    labels: [...(categories.labels ?? categories.levels)],
    title: GROUP_TITLES.category,
    missing: none,
  };
  return {
    ep: { n: total, inconsistentClosures: inconsistent },
    fu,
    grouping,
    extractDay: parseDate(extract!),
    fitCox: null,
  };
}
