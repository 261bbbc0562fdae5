// Numbers and dates as a UK reader expects them: thousands separators, percentages to one decimal
// place, dates as "1 April 2023". Pure functions; `–` (an en dash) for a missing value. A published
// count may be a symbol instead of a number (`c` suppressed, `z` not applicable, `x` not available,
// `low` rounds to 0): it prints as itself, and `symbolNotes` gives the footnote for each one shown.

// Numbers are written here, not by Intl.NumberFormat: a page's first Intl formatter loads the
// browser's locale data, 40 to 100 ms in one task of the page (it was the longest part of the task
// that loads the kit). `grouped` writes what en-GB's formatter writes (tests/src/specs/format.test.ts
// compares them).
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

/** The symbols a published figure may be instead of a number (the DfE's, as the summary lists them). */
export type FigureSymbol = 'c' | 'z' | 'x' | 'low';
/** A count as published: a number or a symbol. */
export type Figure = number | FigureSymbol;

const SYMBOLS: readonly string[] = ['c', 'z', 'x', 'low'];

/** Whether `v` is one of the published symbols (`c`, `z`, `x`, `low`). */
export function isSymbol(v: unknown): v is FigureSymbol {
  return typeof v === 'string' && SYMBOLS.includes(v);
}

/** `25,000`; a symbol (`c`, `z`, `x`, `low`) as itself; `–` for null, undefined or NaN. */
export function formatCount(n: number | string | null | undefined): string {
  if (typeof n === 'string') return isSymbol(n) ? n : '–';
  return n === null || n === undefined || Number.isNaN(n) ? '–' : grouped(n, 0);
}

/** A count when it is one, else null (a symbol, or missing): for arithmetic on published figures. */
export function countOf(v: number | string | null | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/**
 * The footnote for each symbol in `shown` (in the order c, z, x, low), for a table whose counts from
 * 1 to `threshold` are suppressed.
 * @example symbolNotes(['c'], 5) // ['c: not shown, to protect children’s privacy: ...']
 */
export function symbolNotes(shown: Iterable<string>, threshold = 5): string[] {
  const used = new Set(shown);
  const notes: Record<FigureSymbol, string> = {
    c:
      `c: not shown, to protect children\u2019s privacy: a count from 1 to ${threshold}, or a figure that ` +
      'would let such a count be worked out from the others (the Department for Education\u2019s convention).',
    z: 'z: not applicable.',
    x: 'x: not available.',
    low: 'low: rounds to 0 but is not 0.',
  };
  return (['c', 'z', 'x', 'low'] as const).filter((s) => used.has(s)).map((s) => notes[s]);
}

/** `12.5%` for 0.125 with `digits` decimals (default 1); `–` when missing. */
export function formatPercent(fraction: number | null | undefined, digits = 1): string {
  if (fraction === null || fraction === undefined || Number.isNaN(fraction)) return '–';
  return `${(fraction * 100).toFixed(digits)}%`;
}

/** A number with `digits` decimals (default 2) and separators; `–` when missing. */
export function formatNumber(n: number | null | undefined, digits = 2): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '–';
  return grouped(n, digits);
}

/**
 * `n` with exactly `digits` decimals and a comma between thousands, as en-GB's Intl.NumberFormat
 * writes it: rounded half away from zero on the number's shortest decimal form (1.005 to 1.01, where
 * toFixed gives 1.00), `-0` for a negative number that rounds to zero, `∞` for infinity.
 */
export function grouped(n: number, digits: number): string {
  const sign = n < 0 || Object.is(n, -0) ? '-' : '';
  const abs = Math.abs(n);
  if (abs === Infinity) return `${sign}∞`;
  let text = String(abs);
  // Exponent forms: below 1e-6 the number rounds to 0 at the few decimals shown; from 1e21 it has none.
  if (text.includes('e')) text = abs < 1 ? '0' : BigInt(abs).toString();
  const [whole = '0', fraction = ''] = text.split('.');
  let digitsKept = whole + fraction.slice(0, digits).padEnd(digits, '0');
  if (fraction.charCodeAt(digits) >= 53 /* '5' or more */)
    digitsKept = (BigInt(digitsKept) + 1n).toString().padStart(digitsKept.length, '0');
  const int = digitsKept.slice(0, digitsKept.length - digits) || '0';
  const dec = digitsKept.slice(digitsKept.length - digits);
  return `${sign}${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${digits > 0 ? `.${dec}` : ''}`;
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

/** `1 row` / `3 rows`; a symbol takes the plural (`c rows`). */
export function plural(n: number | string, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

// Bidirectional-text controls: embeddings and overrides U+202A-U+202E, isolates U+2066-U+2069 (the
// set src/publish/bidi.ts refuses in a summary). One in a label (a data file's group, a hostile
// summary) reorders what follows it: "21%" after an RLO shows as "%12".
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** `text` without bidirectional-text controls, for any label shown. */
export function plainLabel(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

/**
 * `value` with every string in it (labels, names, notes) stripped of bidirectional-text controls:
 * the same object when none has one (nothing is copied), else a copy of the parts that changed.
 * Typed arrays and other binary data pass through. Applied to every result an element shows.
 */
export function withoutBidiControls<T>(value: T): T {
  if (typeof value === 'string') return plainLabel(value) as T;
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) return value;
  if (Array.isArray(value)) {
    let out: unknown[] | null = null;
    value.forEach((v, i) => {
      const w = withoutBidiControls(v);
      if (w !== v) (out ??= [...value])[i] = w;
    });
    return (out ?? value) as T;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  let out: Record<string, unknown> | null = null;
  for (const [k, v] of Object.entries(value)) {
    const w = withoutBidiControls(v);
    const key = plainLabel(k);
    if (w !== v || key !== k) {
      out ??= { ...(value as Record<string, unknown>) };
      if (key !== k) delete out[k];
      out[key] = w;
    }
  }
  return (out ?? value) as T;
}
