// Dates as whole days since 1970-01-01 on the proleptic Gregorian calendar, with no time zone: a
// date in a file is a calendar day, never an instant, so nothing here touches `Date` or the local zone.
// Accepted forms (parsed straight from bytes, so a column of 3.6 million dates makes no strings):
// - ISO `2023-04-01` (also `2023/04/01`, one-digit month or day), optionally followed by a time
//   (`2023-04-01T09:30:00Z`, `2023-04-01 00:00:00`), which is ignored;
// - UK `01/04/2023`, day first by default (`monthFirst` for US order); `-` or `.` also separate;
//   a month name works too (`1-Apr-2023`, `01 April 2023`); a time after a space is ignored;
// - Excel serial numbers in the 1900 date system (1 = 1900-01-01; Excel counts a 29 February 1900
//   that never was, so serials from 61 on are one day ahead of a plain count and serial 60 is not
//   a date); a fraction (a time of day) is dropped.
// Two-digit years are refused: `01/04/23` could be 1923 or 2023 and a date of birth needs to know.
// Years outside 1900-2100 are refused as impossible in this domain.
import { MISSING_DAY } from './types.js';

/** Returned by the parsers for text that is not a date (distinct from MISSING_DAY). */
export const INVALID_DAY = -2147483647;

/** What a date column expects, for messages. */
export const DATE_EXPECTED = 'a date such as 2023-04-01 or 01/04/2023';

const MIN_YEAR = 1900;
const MAX_YEAR = 2100;
/** Serial of 1970-01-01 in Excel's 1900 system (counting the phantom 29 February 1900). */
const EXCEL_EPOCH = 25569;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Days from 1970-01-01 to y-m-d (Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The calendar date of a day number (inverse of daysFromCivil). */
export function civilFromDays(day: number): { y: number; m: number; d: number } {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: era * 400 + yoe + (m <= 2 ? 1 : 0), m, d };
}

/** `2023-04-01` for a day number; '' for MISSING_DAY. */
export function dayToIso(day: number): string {
  if (day === MISSING_DAY || day === INVALID_DAY) return '';
  const { y, m, d } = civilFromDays(day);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Day number of 1 January of each year MIN_YEAR..MAX_YEAR, so a date costs two table reads. */
const YEAR_START = Int32Array.from({ length: MAX_YEAR - MIN_YEAR + 2 }, (_, i) =>
  daysFromCivil(MIN_YEAR + i, 1, 1),
);
/** Days before each month (1-based) in a common year. */
const MONTH_START = Int32Array.from([0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]);

/** Days in each month (1-based) of a common year. */
const MONTH_DAYS = Int32Array.from([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);

function valid(y: number, m: number, d: number): number {
  if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12 || d < 1) return INVALID_DAY;
  const start = YEAR_START[y - MIN_YEAR]!;
  const leap = YEAR_START[y - MIN_YEAR + 1]! - start - 365; // 1 in a leap year, from the table
  if (d > MONTH_DAYS[m]! + (m === 2 ? leap : 0)) return INVALID_DAY;
  return start + MONTH_START[m]! + (m > 2 ? leap : 0) + d - 1;
}

/**
 * The calendar date of a day as one integer y * 10000 + m * 100 + d (no allocation; for age
 * arithmetic: completed years = floor((at - birth) / 10000)).
 */
export function packedYmd(day: number): number {
  const i = day - YEAR_START[0]!;
  if (i >= 0 && i < YMD_DAYS) return (ymdTable ??= ymdOfDays())[i]!;
  const { y, m, d } = civilFromDays(day);
  return y * 10000 + m * 100 + d;
}

/** Days from 1 January MIN_YEAR to 31 December MAX_YEAR. */
const YMD_DAYS = YEAR_START[YEAR_START.length - 1]! - YEAR_START[0]!;
/** packedYmd of each of those days (73,414 of them, 287 KB), made on first use: two reads an age. */
let ymdTable: Int32Array | null = null;

function ymdOfDays(): Int32Array {
  const out = new Int32Array(YMD_DAYS);
  for (let y = 0; y < YEAR_START.length - 1; y++) {
    const leap = YEAR_START[y + 1]! - YEAR_START[y]! === 366 ? 366 : 0;
    const days = YEAR_START[y + 1]! - YEAR_START[y]!;
    for (let doy = 0; doy < days; doy++)
      out[YEAR_START[y]! - YEAR_START[0]! + doy] = (y + MIN_YEAR) * 10000 + MONTH_DAY[leap + doy]!;
  }
  return out;
}

/** m * 100 + d for each day of a common year (0-365), then of a leap year (366-731). */
const MONTH_DAY = (() => {
  const out = new Int32Array(732);
  for (const [base, y] of [
    [0, 2001],
    [366, 2000],
  ] as const) {
    const start = daysFromCivil(y, 1, 1);
    for (let i = 0; i < 366; i++) {
      const c = civilFromDays(start + i);
      out[base + i] = c.y === y ? c.m * 100 + c.d : 0;
    }
  }
  return out;
})();

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
/** Two ASCII digits at b[p] as a number, or a negative number when either is not a digit. */
function d2(b: Uint8Array, p: number): number {
  const a = b[p]! - 48;
  const c = b[p + 1]! - 48;
  return a >= 0 && a <= 9 && c >= 0 && c <= 9 ? a * 10 + c : -100000; // negative in any sum of two
}
const isSep = (c: number): boolean => c === 47 || c === 45 || c === 46 || c === 32; // / - . space

/**
 * The two commonest exact forms, dd/mm/yyyy (`-` or `.` also separate; mm/dd/yyyy with monthFirst)
 * and yyyy-mm-dd, in the ten bytes from b[s]: the day number, or INVALID_DAY when the bytes are not
 * exactly one of these forms or not a real date. Digits and separators only, so a reader may take
 * the ten bytes as a whole field when a delimiter follows them.
 */
export function parseFixedDate(b: Uint8Array, s: number, monthFirst = false): number {
  const c2 = b[s + 2];
  if ((c2 === 47 || c2 === 45 || c2 === 46) && b[s + 5] === c2) {
    const x = d2(b, s);
    const y = d2(b, s + 3);
    const yy = d2(b, s + 6) * 100 + d2(b, s + 8);
    if (x >= 0 && y >= 0 && yy >= 0) return monthFirst ? valid(yy, x, y) : valid(yy, y, x);
  } else if (b[s + 4] === 45 && b[s + 7] === 45) {
    const yy = d2(b, s) * 100 + d2(b, s + 2);
    const m = d2(b, s + 5);
    const d = d2(b, s + 8);
    if (yy >= 0 && m >= 0 && d >= 0) return valid(yy, m, d);
  }
  return INVALID_DAY;
}

/**
 * Parse the date in b[s, e) (already trimmed). Returns the day number, MISSING_DAY for an empty
 * range, or INVALID_DAY for anything that is not a real date in an accepted form.
 */
export function parseDateBytes(b: Uint8Array, s: number, e: number, monthFirst = false): number {
  if (s >= e) return MISSING_DAY;
  if (e - s === 10) {
    const day = parseFixedDate(b, s, monthFirst);
    if (day !== INVALID_DAY) return day;
  }
  // Leading number.
  let p = s;
  let a = 0;
  while (p < e && isDigit(b[p]!)) a = a * 10 + b[p++]! - 48;
  const na = p - s;
  if (na === 0) return INVALID_DAY;
  if (p === e || b[p] === 46) {
    // Excel serial (digits, optionally a fraction: `45017` or `45017.5`); never a leading zero,
    // so `01.04.2023` is read as a day-first date.
    if (p < e) {
      let allDigits = p + 1 < e;
      for (let q = p + 1; q < e; q++) if (!isDigit(b[q]!)) allDigits = false;
      if (!allDigits || b[s] === 48) return parseDmy(b, s, e, monthFirst);
    }
    if (na > 7 || b[s] === 48 || a === 60) return INVALID_DAY;
    const day = a < 60 ? a - EXCEL_EPOCH + 1 : a - EXCEL_EPOCH;
    const { y } = civilFromDays(day);
    return y < MIN_YEAR || y > MAX_YEAR ? INVALID_DAY : day;
  }
  if (na === 4) {
    // ISO: yyyy-mm-dd or yyyy/mm/dd.
    const sep = b[p]!;
    if (sep !== 45 && sep !== 47) return INVALID_DAY;
    p++;
    let m = 0;
    const pm = p;
    while (p < e && isDigit(b[p]!)) m = m * 10 + b[p++]! - 48;
    if (p - pm < 1 || p - pm > 2 || p >= e || b[p] !== sep) return INVALID_DAY;
    p++;
    let d = 0;
    const pd = p;
    while (p < e && isDigit(b[p]!)) d = d * 10 + b[p++]! - 48;
    if (p - pd < 1 || p - pd > 2) return INVALID_DAY;
    if (p < e && b[p] !== 84 && b[p] !== 116 && b[p] !== 32) return INVALID_DAY; // T, t or space
    return valid(a, m, d);
  }
  return parseDmy(b, s, e, monthFirst);
}

/** d/m/yyyy, m/d/yyyy (monthFirst) or d-Mon-yyyy, with an optional time after a space. */
function parseDmy(b: Uint8Array, s: number, e: number, monthFirst: boolean): number {
  let p = s;
  let first = 0;
  while (p < e && isDigit(b[p]!)) first = first * 10 + b[p++]! - 48;
  if (p - s < 1 || p - s > 2 || p >= e || !isSep(b[p]!)) return INVALID_DAY;
  const sep = b[p]!;
  p++;
  let second = 0;
  let named = 0;
  const p2 = p;
  if (p < e && isDigit(b[p]!)) {
    while (p < e && isDigit(b[p]!)) second = second * 10 + b[p++]! - 48;
    if (p - p2 > 2) return INVALID_DAY;
  } else {
    // Month name: the first three letters decide; the rest must be letters.
    while (p < e && (b[p]! | 32) >= 97 && (b[p]! | 32) <= 122) p++;
    if (p - p2 < 3 || p - p2 > 9) return INVALID_DAY;
    const key = String.fromCharCode(b[p2]! | 32, b[p2 + 1]! | 32, b[p2 + 2]! | 32);
    named = MONTHS.indexOf(key) + 1;
    if (named === 0) return INVALID_DAY;
  }
  if (p >= e || b[p] !== sep) return INVALID_DAY;
  p++;
  let y = 0;
  const py = p;
  while (p < e && isDigit(b[p]!)) y = y * 10 + b[p++]! - 48;
  if (p - py !== 4) return INVALID_DAY;
  if (p < e && b[p] !== 32 && b[p] !== 84) return INVALID_DAY;
  if (named) return valid(y, named, first);
  return monthFirst ? valid(y, first, second) : valid(y, second, first);
}

/** A date from text (JSON values, tests); MISSING_DAY for '' and INVALID_DAY for a non-date. */
export function parseDate(text: string, { monthFirst = false }: { monthFirst?: boolean } = {}): number {
  const t = text.trim();
  if (t.length > 64) return INVALID_DAY;
  const b = new Uint8Array(t.length);
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c > 127) return INVALID_DAY;
    b[i] = c;
  }
  return parseDateBytes(b, 0, b.length, monthFirst);
}
