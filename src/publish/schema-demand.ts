// The demand section of the summary's JSON Schema (schema.ts), in its own file to keep each short.
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

const proportion = { type: 'number', minimum: 0, maximum: 1 } as const;
const nullableProportion = { anyOf: [{ type: 'null' }, proportion] } as const;

const demandCategory = object(
  {
    id: str,
    name: str,
    description: str,
    count,
    share: nullableProportion,
    lower: nullableProportion,
    upper: nullableProportion,
    modelShare: nullableProportion,
    benchmark: nullableProportion,
    comparison: { enum: [null, 'higher', 'lower', 'similar'] },
    factors: arrayOf(object({ code: str, meaning: str, probability: nullableProportion })),
    nearestNational: {
      anyOf: [{ type: 'null' }, object({ id: str, name: str, distance: num })],
    },
    averagePosterior: nullableNumber,
    suppressed: bool,
  },
  ['id', 'name', 'count', 'share', 'lower', 'upper', 'benchmark', 'comparison', 'suppressed'],
);

export const demandSchema = object(
  {
    kind: { const: 'demand' },
    method: str,
    model: { enum: ['national', 'local'] },
    options: { type: 'object' },
    version: str,
    n: count,
    classified: count,
    noFactors: count,
    outsideItems: count,
    excluded: arrayOf(object({ code: str, reason: str, rows: count })),
    period: { anyOf: [{ type: 'null' }, object({ from: str, to: str, label: str })] },
    scheme: { type: ['object', 'null'] },
    benchmark: { type: ['object', 'null'] },
    level: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
    categories: arrayOf(demandCategory),
    years: arrayOf(
      object({
        year: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}$' },
        partial: bool,
        total: count,
        counts: arrayOf(count),
        index: arrayOf(nullableNumber),
      }),
    ),
    baseYear: nullableString,
    profiles: object({
      items: arrayOf(object({ code: str, meaning: str, short: str }, ['code'])),
      probabilities: arrayOf(arrayOf(nullableProportion)),
      scheme: { anyOf: [{ type: 'null' }, arrayOf(arrayOf(proportion))] },
    }),
    characteristics: arrayOf(
      object({
        dimension: { enum: ['gender', 'age', 'ethnicity'] },
        group: str,
        n: count,
        categories: arrayOf(
          object({
            count,
            share: nullableProportion,
            ratio: nullableNumber,
            lower: nullableNumber,
            upper: nullableNumber,
          }),
        ),
      }),
    ),
    fit: object(
      {
        classes: int,
        n: count,
        nPatterns: int,
        logLik: num,
        nParams: int,
        aic: num,
        bic: num,
        entropy: nullableNumber,
        iterations: int,
        converged: bool,
      },
      ['classes', 'n', 'logLik', 'nParams', 'aic', 'bic'],
    ),
    fits: { anyOf: [{ type: 'null' }, arrayOf({ type: 'object' })] },
    chosen: { type: ['integer', 'null'] },
    codes: object({
      ignored: arrayOf(object({ code: str, count })),
      mapped: arrayOf(object({ from: str, to: str, count })),
      missingBeforeIntroduced: arrayOf(object({ code: str, from: str, rows: count })),
      unused: arrayOf(str),
    }),
    localScheme: { type: 'null' },
    warnings: arrayOf({ $ref: '#/$defs/warning' }),
  },
  [
    'kind',
    'model',
    'level',
    'n',
    'classified',
    'noFactors',
    'outsideItems',
    'excluded',
    'categories',
    'years',
    'baseYear',
    'profiles',
    'characteristics',
    'fit',
    'codes',
    'warnings',
  ],
);
