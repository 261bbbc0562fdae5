// Aggregate rows (what a query of ./queries.ts returns) back into a dataset the analyses read: one
// row per group, carrying its count as a frequency weight (AssessmentData.weight), through the same
// loader as a file's rows (src/data/load-rows.ts) so every value is read and judged as from rows.
// - demand: a group whose first and last assessment dates differ becomes two rows, n - 1 assessments
//   on the first date and 1 on the last, so the data's first and last dates (partial years) are the
//   rows'. Both dates lie in the group's financial year, which is all else the analysis reads of them.
//   The referral date is not read (the age band comes with the group): the assessment date stands in.
// - factorCounts (the assessments recording each code, which the summary reports for codes the model
//   does not use) are recounted with the weights.
// Contract: rows with `n` a positive whole number; dates ISO (YYYY-MM-DD) or null; throws naming the
// aggregate, the row and the column otherwise.
import { loadRows } from '../data/load-rows.js';
import type { AssessmentData } from '../data/types.js';

export type AggregateRow = Record<string, string | number | null>;
/** Each aggregate query's result rows, by the query's name. */
export type Aggregates = Map<string, AggregateRow[]>;

function count(r: AggregateRow, i: number, name: string): number {
  const n = Number(r.n);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(
      `${name}: row ${i + 1}, column n: expected a whole number of assessments of 1 or more, got ${JSON.stringify(r.n)}`,
    );
  return n;
}

function isoDate(r: AggregateRow, i: number, name: string, column: string): string | null {
  const v = r[column];
  if (v === null || v === undefined || v === '') return null;
  const s = String(v).slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s))
    throw new Error(
      `${name}: row ${i + 1}, column ${column}: expected a date such as 2023-04-01, got ${JSON.stringify(v)}`,
    );
  return s;
}

/**
 * Whether a demand group becomes two rows (n - 1 on its first date, 1 on its last): the rows of
 * demandData follow the groups in order, one or two each, so a caller can find a row's group.
 */
export function splitsInTwo(n: number, first: string | null, last: string | null): boolean {
  return n > 1 && first !== last;
}

/** The group of each row demandData returns. */
export function demandGroupOfRow(input: readonly AggregateRow[], name = 'demand'): Int32Array {
  const rows = withColumns(input, name, DEMAND_COLUMNS);
  const out: number[] = [];
  rows.forEach((r, i) => {
    const twice = splitsInTwo(
      count(r, i, name),
      isoDate(r, i, name, 'first_date'),
      isoDate(r, i, name, 'last_date'),
    );
    out.push(i);
    if (twice) out.push(i);
  });
  return Int32Array.from(out);
}

/** The columns of the demand query (./queries.ts) that are read here. */
const DEMAND_COLUMNS = ['factors', 'age_band', 'gender', 'ethnicity', 'first_date', 'last_date', 'n'];

/**
 * Rows with the columns named as the query names them: an engine may change the case of a header
 * (an unquoted alias, an export tool), so names are matched case-insensitively; a column missing
 * altogether is an error naming it and the columns found, never read as empty.
 */
export function withColumns(
  rows: readonly AggregateRow[],
  name: string,
  columns: string[],
): readonly AggregateRow[] {
  if (!rows.length) return [];
  const found = Object.keys(rows[0]!);
  const byLower = new Map(found.map((k) => [k.toLowerCase(), k]));
  const missing = columns.filter((c) => !byLower.has(c));
  if (missing.length)
    throw new Error(
      `${name}: no column ${missing.join(', ')}; expected the columns csc-demand sql names (${columns.join(', ')}), found ${found.join(', ')}`,
    );
  if (columns.every((c) => byLower.get(c) === c)) return rows;
  return rows.map((r) => Object.fromEntries(columns.map((c) => [c, r[byLower.get(c)!] ?? null])));
}

/**
 * The demand aggregate as weighted assessments.
 * @example (await demandData([{factors: '3B', financial_year: 2020, age_band: 5, gender: 'Male', ethnicity: 'WBRI', first_date: '2020-05-01', last_date: '2020-05-01', n: 4}])).weight // [4]
 */
export async function demandData(input: readonly AggregateRow[], name = 'demand'): Promise<AssessmentData> {
  const rows = withColumns(input, name, DEMAND_COLUMNS);
  const out: Record<string, unknown>[] = [];
  const weights: number[] = [];
  const ages: number[] = [];
  rows.forEach((r, i) => {
    const n = count(r, i, name);
    const first = isoDate(r, i, name, 'first_date');
    const last = isoDate(r, i, name, 'last_date');
    const base = {
      child_id: `g${i + 1}`,
      factors: r.factors ?? '',
      gender: r.gender ?? '',
      ethnicity: r.ethnicity ?? '',
    };
    // The band's lowest age stands for the band (./queries.ts ageBandFloor); set after loading, as
    // the loader's age column refuses -1 (unborn), which a band is and an age written in a file is not.
    const age =
      r.age_band === null || r.age_band === undefined || r.age_band === '' ? NaN : Number(r.age_band);
    if (!Number.isInteger(age) && !Number.isNaN(age))
      throw new Error(
        `${name}: row ${i + 1}, column age_band: expected a whole number of years or nothing, got ${JSON.stringify(r.age_band)}`,
      );
    const at = (date: string | null, w: number) => {
      // A missing assessment date: the referral date still has to be a date for the loader to keep
      // the row, and is read by nothing here.
      out.push({ ...base, referral_date: date ?? '2000-01-01', assessment_date: date ?? '' });
      weights.push(w);
      ages.push(age);
    };
    if (splitsInTwo(n, first, last)) {
      at(first, n - 1);
      at(last, 1);
    } else at(first, n);
  });
  if (!out.length) throw new Error(`${name}: there are no rows`);
  const loaded = await loadRows(out, { fileName: name, kind: 'assessments' });
  const data = loaded.data as AssessmentData;
  if (data.n !== out.length) {
    const p = loaded.problems?.[0];
    throw new Error(`${name}: ${out.length - data.n} rows could not be read${p ? ` (${p.message})` : ''}`);
  }
  const weight = Float64Array.from(weights);
  const counts = new Array<number>(data.factorCodes.length).fill(0);
  for (let i = 0; i < data.n; i++)
    for (let c = 0; c < data.factorCodes.length; c++)
      if ((data.factors[i * data.factorWords + (c >> 5)]! >>> (c & 31)) & 1) counts[c]! += weight[i]!;
  return { ...data, age: Float64Array.from(ages), weight, factorCounts: counts };
}
