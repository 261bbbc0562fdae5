// The versioned dictionary of factors identified at the end of assessment, after the DfE children in
// need census guide. Codes change between census years, so each entry says when it was in use:
// - 2017 (census year 2016-17 onward): 18A physical abuse and 19A sexual abuse were each split into B
//   (child on child) and C (adult on child); 22A and 23A were added;
// - private fostering 8A-8E were renumbered 8B-8F;
// - 2022: 24A child criminal exploitation was added.
// Meanings are written for readers of a public page, close to the guide's wording.

/** One factor code with its meaning and the census years it was in use. */
export interface CinFactor {
  code: string;
  meaning: string;
  /** Short label for charts. */
  short: string;
  /** Theme the code belongs to, for grouping in tables. */
  theme: string;
  /** First census year (the year the census is collected, e.g. 2017 for 2016-17) the code is valid. */
  from?: number;
  /** Last census year the code is valid. */
  until?: number;
  /** Codes that replaced this one. */
  replacedBy?: string[];
}

/** Version of the dictionary; bump when a code or meaning changes. */
export const CIN_DICTIONARY_VERSION = '2024.1';

const f = (
  code: string,
  short: string,
  meaning: string,
  theme: string,
  extra: Partial<CinFactor> = {},
): CinFactor => ({ code, short, meaning, theme, ...extra });

/** Every factor code, current and retired, in the guide's order. */
export const CIN_FACTORS: readonly CinFactor[] = [
  f('1A', 'Alcohol (child)', 'Alcohol misuse: concerns about the child', 'Alcohol'),
  f('1B', 'Alcohol (parent)', 'Alcohol misuse: concerns about the parent or carer', 'Alcohol'),
  f('1C', 'Alcohol (other)', 'Alcohol misuse: concerns about another person in the household', 'Alcohol'),
  f('2A', 'Drugs (child)', 'Drug misuse: concerns about the child', 'Drugs'),
  f('2B', 'Drugs (parent)', 'Drug misuse: concerns about the parent or carer', 'Drugs'),
  f('2C', 'Drugs (other)', 'Drug misuse: concerns about another person in the household', 'Drugs'),
  f('3A', 'Domestic abuse (child)', 'Domestic abuse: the child is a subject', 'Domestic abuse'),
  f('3B', 'Domestic abuse (parent)', 'Domestic abuse: the parent or carer is a subject', 'Domestic abuse'),
  f('3C', 'Domestic abuse (other)', 'Domestic abuse: another person in the household', 'Domestic abuse'),
  f('4A', 'Mental health (child)', 'Mental health: concerns about the child', 'Mental health'),
  f('4B', 'Mental health (parent)', 'Mental health: concerns about the parent or carer', 'Mental health'),
  f(
    '4C',
    'Mental health (other)',
    'Mental health: concerns about another person in the household',
    'Mental health',
  ),
  f(
    '5A',
    'Learning disability (child)',
    'Learning disability: concerns about the child',
    'Learning disability',
  ),
  f('5B', 'Learning disability (parent)', 'Learning disability: the parent or carer', 'Learning disability'),
  f(
    '5C',
    'Learning disability (other)',
    'Learning disability: another person in the household',
    'Learning disability',
  ),
  f(
    '6A',
    'Physical disability (child)',
    'Physical disability or illness: the child',
    'Physical disability or illness',
  ),
  f(
    '6B',
    'Physical disability (parent)',
    'Physical disability or illness: the parent or carer',
    'Physical disability or illness',
  ),
  f(
    '6C',
    'Physical disability (other)',
    'Physical disability or illness: another person in the household',
    'Physical disability or illness',
  ),
  f('7A', 'Young carer', 'Young carer', 'Young carer'),
  f(
    '8A',
    'Private fostering (old code)',
    'Private fostering (code used before the renumbering to 8B-8F)',
    'Private fostering',
    { until: 2012, replacedBy: ['8B', '8C', '8D', '8E', '8F'] },
  ),
  f(
    '8B',
    'Private fostering: overseas',
    'Private fostering: children from overseas living with a family',
    'Private fostering',
  ),
  f(
    '8C',
    'Private fostering: teenagers',
    'Private fostering: teenagers living with a friend or relative who is not a close relative',
    'Private fostering',
  ),
  f(
    '8D',
    'Private fostering: language schools',
    'Private fostering: children attending language or independent schools',
    'Private fostering',
  ),
  f(
    '8E',
    'Private fostering: intention to adopt',
    'Private fostering: a child placed with a family who intend to adopt',
    'Private fostering',
  ),
  f('8F', 'Private fostering: other', 'Private fostering: other', 'Private fostering'),
  f('9A', 'Unaccompanied asylum seeker', 'Unaccompanied asylum-seeking child', 'Asylum'),
  f('10A', 'Missing', 'Going or being missing', 'Risks outside the home'),
  f('11A', 'Sexual exploitation', 'Child sexual exploitation', 'Risks outside the home'),
  f('12A', 'Trafficking', 'Trafficking', 'Risks outside the home'),
  f('13A', 'Gangs', 'Gangs', 'Risks outside the home'),
  f('14A', 'Socially unacceptable behaviour', 'Socially unacceptable behaviour', 'Risks outside the home'),
  f('15A', 'Self-harm', 'Self-harm', 'Child health'),
  f('16A', 'Neglect', 'Abuse or neglect: neglect', 'Abuse or neglect'),
  f('17A', 'Emotional abuse', 'Abuse or neglect: emotional abuse', 'Abuse or neglect'),
  f(
    '18A',
    'Physical abuse (old code)',
    'Abuse or neglect: physical abuse (before the 2017 split)',
    'Abuse or neglect',
    { until: 2016, replacedBy: ['18B', '18C'] },
  ),
  f(
    '18B',
    'Physical abuse (child on child)',
    'Abuse or neglect: physical abuse, child on child',
    'Abuse or neglect',
    { from: 2017 },
  ),
  f(
    '18C',
    'Physical abuse (adult on child)',
    'Abuse or neglect: physical abuse, adult on child',
    'Abuse or neglect',
    { from: 2017 },
  ),
  f(
    '19A',
    'Sexual abuse (old code)',
    'Abuse or neglect: sexual abuse (before the 2017 split)',
    'Abuse or neglect',
    { until: 2016, replacedBy: ['19B', '19C'] },
  ),
  f(
    '19B',
    'Sexual abuse (child on child)',
    'Abuse or neglect: sexual abuse, child on child',
    'Abuse or neglect',
    { from: 2017 },
  ),
  f(
    '19C',
    'Sexual abuse (adult on child)',
    'Abuse or neglect: sexual abuse, adult on child',
    'Abuse or neglect',
    { from: 2017 },
  ),
  f('20', 'Other', 'Other factors', 'Other'),
  f('21', 'No factors', 'No factors identified', 'None'),
  f('22A', 'Female genital mutilation', 'Female genital mutilation', 'Abuse or neglect', { from: 2017 }),
  f('23A', 'Faith or belief', 'Abuse linked to faith or belief', 'Abuse or neglect', { from: 2017 }),
  f('24A', 'Criminal exploitation', 'Child criminal exploitation', 'Risks outside the home', { from: 2022 }),
];

const byCode = new Map(CIN_FACTORS.map((x) => [x.code, x]));

/**
 * Canonical form of a raw factor code as written in an extract: trimmed, upper case, a leading
 * `f_` (wide-format column names) removed and leading zeros dropped (`03B` -> `3B`).
 * @example normaliseFactorCode(' f_03b ') // '3B'
 */
export function normaliseFactorCode(raw: string): string {
  let s = raw.trim().toUpperCase();
  if (s.startsWith('F_')) s = s.slice(2);
  return s.replace(/^0+(?=\d)/, '');
}

/** The dictionary entry for a code (normalised first), or undefined for a code the dictionary lacks. */
export function lookupFactor(code: string): CinFactor | undefined {
  return byCode.get(normaliseFactorCode(code));
}

/** Whether a code is in the dictionary. */
export function isKnownFactor(code: string): boolean {
  return byCode.has(normaliseFactorCode(code));
}
