// The national scheme: the 12 categories of demand that the Kingston University / National
// Children's Bureau study found in 3.6 million children-in-need assessments in England (2014-21),
// with their published shares of assessments. What the elements show as England's figures.
//
// The study published each category's name, share and a description of the factors that define it,
// but not its item-response probabilities. The profiles below (P(factor present | category) over the
// current factor codes of src/domain/cin-codes.ts) are APPROXIMATE PROFILES built from those
// descriptions; replace them with the published template when it is available. They are written so
// that every category has a distinctive signature (a latent class model can tell them apart): a
// defining code at 0.75 or more, or a set of codes no other category shares, over a low background
// rate for every other code. Code 21 ("no factors identified") is not an item: the study left such
// assessments out.
//
// The published shares are rounded and sum to 97%; `share` is normalised to sum to 1 and
// `publishedShare` keeps the figure as published.
import { CIN_FACTORS } from './cin-codes.js';
import type { Scheme, SchemeCategory } from './scheme-types.js';

/** Current codes (not retired), without 21: the items of the profiles. */
const ITEMS = CIN_FACTORS.filter((f) => f.until === undefined && f.code !== '21').map((f) => f.code);

// Background rate of each code in a category that does not feature it: the common recordings
// (domestic abuse, parental mental health, emotional abuse, "other") turn up everywhere now and then;
// private fostering, trafficking, FGM and the like almost never.
const COMMON = ['3A', '3B', '4A', '4B', '16A', '17A', '20'];
const RARE = ['8B', '8C', '8D', '8E', '8F', '9A', '12A', '22A', '23A', '5C', '6C', '19B', '1C', '2C'];
const background = (code: string): number =>
  COMMON.includes(code) ? 0.015 : RARE.includes(code) ? 0.002 : 0.006;

function profile(features: Record<string, number>): Record<string, number> {
  return Object.fromEntries(ITEMS.map((code) => [code, features[code] ?? background(code)]));
}

function category(
  id: string,
  name: string,
  publishedPercent: number,
  description: string,
  features: Record<string, number>,
): SchemeCategory {
  return {
    id,
    name,
    share: publishedPercent / 97,
    publishedShare: publishedPercent / 100,
    description,
    profile: profile(features),
  };
}

/**
 * The 12 national categories of demand with England's shares and approximate profiles
 * (approximate profiles; replace with the published template when it is available).
 * @example NATIONAL_SCHEME.categories[0].name // 'Domestic abuse as a single factor'
 */
export const NATIONAL_SCHEME: Scheme = {
  version: 'kingston-ncb-2014-21/approx-1',
  source:
    'Kingston University and National Children\u2019s Bureau: categories of need among 3.6 million ' +
    'children-in-need assessments, England 2014-21 (published shares of assessments).',
  note:
    'Approximate profiles; replace with the published template when it is available. The study ' +
    'published the categories, their shares and descriptions, not item-response probabilities: the ' +
    'profiles were built from the descriptions. Shares are normalised from the rounded published ' +
    'percentages, which sum to 97%.',
  categories: [
    category(
      'domestic-abuse',
      'Domestic abuse as a single factor',
      20,
      'Domestic abuse involving the parent or carer, often with the child also a subject, and little else recorded.',
      { '3B': 0.97, '3A': 0.5, '17A': 0.04, '4B': 0.015 },
    ),
    category(
      'parental-mental-health',
      'Complexities around parental mental health',
      19,
      'Parental mental health with parental alcohol or drug misuse, some domestic abuse, neglect, and parental learning or physical disability.',
      {
        '4B': 0.92,
        '1B': 0.25,
        '2B': 0.28,
        '3B': 0.12,
        '16A': 0.12,
        '17A': 0.1,
        '5B': 0.12,
        '6B': 0.12,
        '4A': 0.1,
        '7A': 0.06,
      },
    ),
    category(
      'other',
      'Other / no needs specified',
      13,
      'Assessments recording "other" factors and little else, including unaccompanied asylum seekers and private fostering.',
      {
        '20': 0.93,
        '9A': 0.06,
        '6B': 0.04,
        '7A': 0.04,
        '8B': 0.01,
        '8C': 0.01,
        '8D': 0.01,
        '8E': 0.01,
        '8F': 0.01,
        '23A': 0.01,
      },
    ),
    category(
      'disability',
      'Disability',
      7,
      'The child\u2019s physical disability or illness and learning disability, sometimes with mental health needs.',
      { '6A': 0.8, '5A': 0.62, '4A': 0.12, '20': 0.06 },
    ),
    category(
      'risks-outside-home',
      'Risks outside the home',
      7,
      'Socially unacceptable behaviour, going missing, gangs, criminal and sexual exploitation, and the child\u2019s drug or alcohol misuse.',
      {
        '14A': 0.55,
        '10A': 0.5,
        '13A': 0.3,
        '24A': 0.4,
        '11A': 0.2,
        '2A': 0.35,
        '1A': 0.15,
        '4A': 0.12,
        '12A': 0.04,
      },
    ),
    category(
      'complex-domestic-abuse',
      'Complex domestic abuse / risks at home',
      7,
      'Domestic abuse together with parental mental health, alcohol and drug misuse, neglect and emotional abuse.',
      { '3B': 0.95, '3A': 0.8, '4B': 0.7, '1B': 0.55, '2B': 0.6, '16A': 0.6, '17A': 0.7, '3C': 0.15 },
    ),
    category(
      'child-mental-health',
      'Child mental health',
      6,
      'The child\u2019s mental health, often with self-harm.',
      { '4A': 0.92, '15A': 0.5, '17A': 0.04, '2A': 0.04 },
    ),
    category(
      'physical-abuse',
      'Physical abuse',
      6,
      'Physical abuse by an adult, sometimes by another child, with little else recorded.',
      { '18C': 0.92, '18B': 0.2, '17A': 0.15 },
    ),
    category('neglect', 'Neglect', 4, 'Neglect, sometimes with emotional abuse, with little else recorded.', {
      '16A': 0.95,
      '17A': 0.25,
      '2B': 0.03,
      '4B': 0.02,
      '1B': 0.03,
    }),
    category(
      'sexual-abuse',
      'Sexual abuse',
      3,
      'Sexual abuse by an adult or by another child, with little else recorded.',
      { '19C': 0.85, '19B': 0.35, '17A': 0.1, '11A': 0.06 },
    ),
    category(
      'another-person',
      'Concerns about another person in the household',
      3,
      'Domestic abuse, mental health, drug or alcohol misuse or disability of another person in the household (not the parent or carer).',
      { '3C': 0.5, '4C': 0.45, '2C': 0.4, '1C': 0.35, '5C': 0.12, '6C': 0.12, '17A': 0.1 },
    ),
    category(
      'risks-in-and-outside-home',
      'Risks in and outside the home',
      2,
      'Risks outside the home (going missing, exploitation, gangs, the child\u2019s drug misuse) together with risks at home (domestic abuse, neglect, emotional abuse) and the child\u2019s mental health and self-harm.',
      {
        '10A': 0.6,
        '14A': 0.55,
        '11A': 0.35,
        '13A': 0.2,
        '24A': 0.3,
        '2A': 0.4,
        '1A': 0.2,
        '4A': 0.55,
        '15A': 0.35,
        '16A': 0.5,
        '17A': 0.65,
        '3A': 0.55,
        '3B': 0.35,
        '4B': 0.3,
        '2B': 0.3,
        '1B': 0.25,
        '18C': 0.2,
        '19C': 0.12,
      },
    ),
  ],
};
