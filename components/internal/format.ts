// Numbers and dates as a UK reader expects them: thousands separators, percentages to one decimal
// place, dates as "1 April 2023". Pure functions; `–` (an en dash) for a missing value.

const integer = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const months = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** `25,000`; `–` for null, undefined or NaN. */
export function formatCount(n: number | null | undefined): string {
  return n === null || n === undefined || Number.isNaN(n) ? '–' : integer.format(n);
}

/** `12.5%` for 0.125 with `digits` decimals (default 1); `–` when missing. */
export function formatPercent(fraction: number | null | undefined, digits = 1): string {
  if (fraction === null || fraction === undefined || Number.isNaN(fraction)) return '–';
  return `${(fraction * 100).toFixed(digits)}%`;
}

/** A number with `digits` decimals (default 2) and separators; `–` when missing. */
export function formatNumber(n: number | null | undefined, digits = 2): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '–';
  return new Intl.NumberFormat('en-GB', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(n);
}

/** `1 April 2023` for `2023-04-01`; the input unchanged if it is not an ISO date; `–` when missing. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '–';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${Number(m[3])} ${months[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}

/** `April 2023` for `2023-04-01`. */
export function formatMonth(iso: string | null | undefined): string {
  if (!iso) return '–';
  const m = /^(\d{4})-(\d{2})/.exec(iso);
  return m ? `${months[Number(m[2]) - 1] ?? m[2]} ${m[1]}` : iso;
}

/** `1 row` / `3 rows`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}
