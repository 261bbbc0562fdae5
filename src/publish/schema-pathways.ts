// JSON Schema of the summary's pathways section (publish-pathways.ts): every count `count` (so
// validateSummary checks it against the threshold), statistics number or null.
import {
  arrayOf,
  bool,
  count,
  int,
  nullableNumber,
  nullableString,
  num,
  object,
  str,
} from './schema-parts.js';

const warnings = arrayOf({ $ref: '#/$defs/warning' });

const pathwayGroup = object({
  level: str,
  label: str,
  n: count,
  shares: arrayOf(
    object({
      outcome: { enum: ['nfa', 'cin', 'cpp', 'care'] },
      count,
      share: nullableNumber,
      lower: nullableNumber,
      upper: nullableNumber,
      vsCouncil: { enum: ['higher', 'lower', null] },
    }),
  ),
  suppressed: bool,
});

const oddsRatio = object(
  {
    term: str,
    level: nullableString,
    label: str,
    kind: { enum: ['category', 'covariate'] },
    or: nullableNumber,
    lower: nullableNumber,
    upper: nullableNumber,
    p: nullableNumber,
    coef: nullableNumber,
    se: nullableNumber,
    suppressed: bool,
    suppressedReason: { enum: ['suppressed-group', 'small-level', 'small-reference'] },
  },
  ['term', 'label', 'kind', 'or', 'lower', 'upper', 'p'],
);

const model = object(
  {
    outcome: { enum: ['plan', 'care'] },
    n: count,
    events: count,
    terms: arrayOf(oddsRatio),
    converged: bool,
    warnings,
  },
  ['outcome', 'n', 'events', 'terms'],
);

const slope = object({
  coef: nullableNumber,
  se: nullableNumber,
  or: nullableNumber,
  lower: nullableNumber,
  upper: nullableNumber,
  p: nullableNumber,
});

const gradientGroup = object({
  level: str,
  label: str,
  n: count,
  events: count,
  deciles: arrayOf(
    object({
      decile: { type: 'integer', minimum: 1, maximum: 10 },
      n: count,
      events: count,
      share: nullableNumber,
      lower: nullableNumber,
      upper: nullableNumber,
    }),
  ),
  slope,
  suppressed: bool,
});

export const pathwaysSchema = object(
  {
    method: { const: 'pathways' },
    version: str,
    options: object({ windowMonths: num, extractDate: str, split: str, level: num }, ['windowMonths']),
    categorySource: nullableString,
    n: count,
    excluded: arrayOf(object({ code: str, reason: str, count, unit: str })),
    overall: pathwayGroup,
    categories: arrayOf(pathwayGroup),
    england: object({ shares: { type: 'object' }, source: str, definition: str }),
    adjusted: {
      anyOf: [
        { type: 'null' },
        object({
          reference: object({ level: str, label: str }),
          adjustedFor: arrayOf(str),
          plan: model,
          care: model,
        }),
      ],
    },
    gradient: {
      anyOf: [
        { type: 'null' },
        object(
          {
            outcome: str,
            split: str,
            splitTitle: str,
            n: count,
            events: count,
            overall: gradientGroup,
            groups: arrayOf(gradientGroup),
            interaction: {
              anyOf: [{ type: 'null' }, object({ chisq: num, df: int, p: nullableNumber })],
            },
            warnings,
          },
          ['split', 'n', 'overall', 'groups', 'interaction'],
        ),
      ],
    },
    plans: {
      anyOf: [
        { type: 'null' },
        object({
          plans: count,
          uncategorised: count,
          rows: arrayOf(
            object({
              category: str,
              label: str,
              factors: arrayOf(str),
              plans: count,
              notRecorded: count,
              share: nullableNumber,
              lower: nullableNumber,
              upper: nullableNumber,
            }),
          ),
        }),
      ],
    },
    warnings,
  },
  [
    'method',
    'options',
    'n',
    'excluded',
    'overall',
    'categories',
    'adjusted',
    'gradient',
    'plans',
    'warnings',
  ],
);
