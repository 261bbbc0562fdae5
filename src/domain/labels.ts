// Plain-English names for latent classes found in local data, from their dominant factors: "Domestic
// abuse with parental mental health", "Child mental health with self-harm", "Neglect as a single
// factor". Input: class x item P(factor present | class) and the items' factor codes. Output: one
// name per class, distinct, and the factors each name rests on.
// Rules (written so a reader can predict a name from the profile view):
// - a class's dominant factors are its codes with P >= 0.4, strongest first (at least its strongest
//   code whatever its probability); codes with the same phrase (3A and 3B are both "Domestic abuse")
//   count once; the name joins the first three: "A", "A with B", "A with B and C";
// - a class with one dominant phrase and no other code at P >= 0.2 is "A as a single factor", the
//   national scheme's wording ("Other factors only" for code 20);
// - names that would repeat get their next strongest distinct factor (P >= 0.1) added, then a number.
import { normaliseFactorCode } from './cin-codes.js';

/** Phrase of each factor code in a class name (capitalised; lower-cased after the first). */
const PHRASES: Readonly<Record<string, string>> = {
  '1A': 'Child alcohol misuse',
  '1B': 'Parental alcohol misuse',
  '1C': 'Alcohol misuse of another person',
  '2A': 'Child drug misuse',
  '2B': 'Parental drug misuse',
  '2C': 'Drug misuse of another person',
  '3A': 'Domestic abuse',
  '3B': 'Domestic abuse',
  '3C': 'Domestic abuse of another person',
  '4A': 'Child mental health',
  '4B': 'Parental mental health',
  '4C': 'Mental health of another person',
  '5A': 'Child learning disability',
  '5B': 'Parental learning disability',
  '5C': 'Learning disability of another person',
  '6A': 'Child disability or illness',
  '6B': 'Parental disability or illness',
  '6C': 'Disability or illness of another person',
  '7A': 'Young carer',
  '8A': 'Private fostering',
  '8B': 'Private fostering',
  '8C': 'Private fostering',
  '8D': 'Private fostering',
  '8E': 'Private fostering',
  '8F': 'Private fostering',
  '9A': 'Unaccompanied asylum seeker',
  '10A': 'Going missing',
  '11A': 'Sexual exploitation',
  '12A': 'Trafficking',
  '13A': 'Gangs',
  '14A': 'Socially unacceptable behaviour',
  '15A': 'Self-harm',
  '16A': 'Neglect',
  '17A': 'Emotional abuse',
  '18A': 'Physical abuse',
  '18B': 'Physical abuse by another child',
  '18C': 'Physical abuse',
  '19A': 'Sexual abuse',
  '19B': 'Sexual abuse by another child',
  '19C': 'Sexual abuse',
  '20': 'Other factors',
  '21': 'No factors',
  '22A': 'Female genital mutilation',
  '23A': 'Abuse linked to faith or belief',
  '24A': 'Criminal exploitation',
};

/** The phrase for a factor code in a class name ("Parental mental health"; "Code X1" if unknown). */
export function factorPhrase(code: string): string {
  const c = normaliseFactorCode(code);
  return PHRASES[c] ?? `Code ${c}`;
}

export interface ClassLabel {
  name: string;
  /** The codes the name rests on, strongest first, with their probabilities. */
  factors: { code: string; probability: number }[];
}

const DOMINANT = 0.4;
const SINGLE = 0.2;
const EXTRA = 0.1;

function ranked(
  row: readonly number[],
  items: readonly string[],
): { code: string; p: number; phrase: string }[] {
  return items
    .map((code, j) => ({ code, p: row[j]!, phrase: factorPhrase(code) }))
    .sort((a, b) => b.p - a.p || items.indexOf(a.code) - items.indexOf(b.code));
}

const ANOTHER = ' of another person';

function join(phrases: string[]): string {
  // "Domestic abuse, mental health and drug misuse of another person", not the suffix three times.
  if (phrases.length > 1 && phrases.every((p) => p.endsWith(ANOTHER)))
    return (
      list(
        phrases.map((p) => p.slice(0, -ANOTHER.length)),
        ', ',
        ' and ',
      ) + ANOTHER
    );
  return list(phrases, ' with ', ' and ');
}

function list(phrases: string[], sep: string, last: string): string {
  const [first, ...rest] = phrases.map((p, i) => (i === 0 ? p : p[0]!.toLowerCase() + p.slice(1)));
  if (rest.length === 0) return first!;
  if (rest.length === 1) return `${first}${sep === ' with ' ? sep : last}${rest[0]}`;
  return sep === ' with '
    ? `${first} with ${rest.slice(0, -1).join(', ')} and ${rest[rest.length - 1]}`
    : `${[first, ...rest.slice(0, -1)].join(sep)}${last}${rest[rest.length - 1]}`;
}

/**
 * Names for classes from their item-response probabilities.
 * @param itemProbs class x item P(factor present | class)
 * @param items the factor code of each item
 * @example classLabels([[0.95, 0.6, 0.05]], ['3B', '4B', '16A'])[0].name
 * // 'Domestic abuse with parental mental health'
 */
export function classLabels(
  itemProbs: readonly (readonly number[])[],
  items: readonly string[],
): ClassLabel[] {
  itemProbs.forEach((row, k) => {
    if (row.length !== items.length)
      throw new Error(
        `classLabels: invalid itemProbs; expected ${items.length} values for class ${k + 1}, got ${row.length}`,
      );
  });
  const plans = itemProbs.map((row) => {
    const order = ranked(row, items);
    const seen = new Set<string>();
    const distinct = order.filter((f) => !seen.has(f.phrase) && (seen.add(f.phrase), true));
    const dominant = distinct.filter((f, i) => i === 0 || f.p >= DOMINANT).slice(0, 3);
    const single = dominant.length === 1 && !distinct.slice(1).some((f) => f.p >= SINGLE);
    return { distinct, used: dominant.length, single };
  });
  const name = (k: number): string => {
    const p = plans[k]!;
    const phrases = p.distinct.slice(0, p.used).map((f) => f.phrase);
    if (!p.single) return join(phrases);
    return p.distinct[0]!.code === '20' ? 'Other factors only' : `${phrases[0]} as a single factor`;
  };
  let names = plans.map((_, k) => name(k));
  // Repeated names: add the next distinct factor while it is not negligible.
  for (let round = 0; round < 2; round++) {
    const dup = names.map((n) => names.filter((m) => m === n).length > 1);
    if (!dup.some(Boolean)) break;
    plans.forEach((p, k) => {
      if (!dup[k]) return;
      const next = p.distinct[p.used];
      if (next && next.p >= EXTRA) {
        p.used++;
        p.single = false;
      }
    });
    names = plans.map((_, k) => name(k));
  }
  const seenCount = new Map<string, number>();
  names = names.map((n) => {
    const c = (seenCount.get(n) ?? 0) + 1;
    seenCount.set(n, c);
    return names.filter((m) => m === n).length > 1 ? `${n} (group ${c})` : n;
  });
  return names.map((n, k) => ({
    name: n,
    factors: plans[k]!.distinct.slice(0, plans[k]!.used)
      .flatMap((f) =>
        ranked(itemProbs[k]!, items).filter((g) => g.phrase === f.phrase && (g === f || g.p >= DOMINANT)),
      )
      .map((f) => ({ code: f.code, probability: f.p })),
  }));
}
