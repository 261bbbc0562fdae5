// Numbers and 0/1 flags read straight from bytes (already trimmed), so numeric columns of a national
// file make no strings. Plain decimals (`-12.5`, `90`, `.5`) take a fast path; anything else with an
// exponent goes through Number() on the text, and is accepted only in the form a decimal number is
// written (no hex, no `Infinity`, no thousands separators: `1,234` is not a number).

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const NA_WORDS = ['na', 'nan', 'n/a', 'null', '.'];

/** Whether b[s, e) is a missing-value word: NA, NaN, N/A, NULL (any case) or `.`. */
export function isNaBytes(b: Uint8Array, s: number, e: number): boolean {
  const len = e - s;
  const c = b[s]!;
  if (len > 4 || (c >= 48 && c <= 57) || c === 45 || c === 43) return false; // a number starts so
  outer: for (const w of NA_WORDS) {
    if (w.length !== len) continue;
    for (let i = 0; i < len; i++)
      if ((b[s + i]! | 32) !== w.charCodeAt(i) && b[s + i] !== w.charCodeAt(i)) continue outer;
    return true;
  }
  return false;
}

/** The number in b[s, e), or NaN when it is not one (the caller handles empty and NA first). */
export function parseNumberBytes(b: Uint8Array, s: number, e: number): number {
  let p = s;
  let neg = false;
  if (b[p] === 45 || b[p] === 43) neg = b[p++] === 45;
  let int = 0;
  let digits = 0;
  while (p < e && b[p]! >= 48 && b[p]! <= 57) {
    int = int * 10 + b[p++]! - 48;
    digits++;
  }
  let frac = 0;
  let scale = 1;
  if (p < e && b[p] === 46) {
    p++;
    while (p < e && b[p]! >= 48 && b[p]! <= 57) {
      frac = frac * 10 + b[p++]! - 48;
      scale *= 10;
      digits++;
    }
  }
  if (p === e && digits > 0 && digits <= 15) {
    const v = int + frac / scale;
    return neg ? -v : v;
  }
  // Long or exponent forms: let Number() do the rounding, after checking the form.
  let text = '';
  for (let i = s; i < e && i - s < 64; i++) text += String.fromCharCode(b[i]!);
  return e - s <= 64 && NUMBER.test(text) ? Number(text) : NaN;
}

/**
 * A 0/1 flag: 1 for `1`, `true`, `yes`, `y`; 0 for `0`, `false`, `no`, `n`; -1 when empty or NA;
 * -2 for anything else. Case is ignored; `1.0` and `0.0` count as 1 and 0.
 */
export function readFlagBytes(b: Uint8Array, s: number, e: number): number {
  const len = e - s;
  if (len === 0) return -1;
  if (len === 1) {
    const c = b[s]! | 32;
    if (c === 49 || c === 121) return 1; // 1 y
    if (c === 48 || c === 110) return 0; // 0 n
  }
  let word = '';
  for (let i = s; i < e && i - s < 8; i++) word += String.fromCharCode(b[i]! | 32);
  if (len > 8) return -2;
  if (word === 'true' || word === 'yes' || word === '1.0') return 1;
  if (word === 'false' || word === 'no' || word === '0.0') return 0;
  return isNaBytes(b, s, e) ? -1 : -2;
}
