// The order of a factor's levels, as R's factor() gives it: numerically when every level is a
// number (factor() of a numeric column), otherwise as R's sort() orders strings in an English
// locale. R built with ICU (as Debian's is) collates with ICU's root/English rules, which
// Intl.Collator('en') applies too: case-insensitive first (a, B, c; so the reference of a, B, c is
// "a"), lower case before upper case when only case differs ("a" before "A"), spaces and
// punctuation before letters and digits ("a b", "a-b", "ab"), digits as characters ("10" before
// "9"). Strings the collator calls equal (different Unicode forms) fall back to code-unit order, so
// the order is total and the same on every machine.

const collator = new Intl.Collator('en');

/** Compare two level names in R's English-locale sort order. */
export function compareLevels(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Levels sorted as R's factor() sorts them.
 * @example sortLevels(['c', 'B', 'a']) // ['a', 'B', 'c']; sortLevels(['10', '9']) // ['9', '10']
 */
export function sortLevels(levels: readonly string[]): string[] {
  const allNumeric = levels.every((l) => l.trim() !== '' && Number.isFinite(Number(l)));
  return allNumeric ? [...levels].sort((a, b) => Number(a) - Number(b)) : [...levels].sort(compareLevels);
}
