// JSON Schema (draft 2020-12) of the published summary, version 1.x (summary-types.ts has the
// TypeScript shapes and the mapping from the analyses' results). Shipped in the package as this
// object and as dist/summary.schema.json. validateSummary (validate-summary.ts) interprets it
// directly, with no code generation (so under a Content-Security-Policy without unsafe-eval), and
// adds the checks a schema cannot state: counts against the disclosure threshold, sums, shares.
//
// Conventions: every count is `{"$ref": "#/$defs/count"}` (a whole number from 0, or a symbol),
// marked with the annotation keyword `x-count` so a reader can find every count; statistics that
// may be withheld are `number | null`. Objects allow properties they do not list: a later minor
// version adds optional fields, and a reader of an earlier one ignores them.

const num = { type: 'number' } as const;
const int = { type: 'integer' } as const;
const str = { type: 'string' } as const;
const bool = { type: 'boolean' } as const;
const nullableNumber = { type: ['number', 'null'] } as const;
const nullableString = { type: ['string', 'null'] } as const;
const count = { $ref: '#/$defs/count' } as const;
const arrayOf = (items: object) => ({ type: 'array', items }) as const;
const object = (properties: Record<string, object>, required: string[] = Object.keys(properties)) =>
  ({ type: 'object', properties, required }) as const;

const rereferralAt = object({
  months: num,
  estimate: nullableNumber,
  lower: nullableNumber,
  upper: nullableNumber,
  nRisk: count,
});

const rereferralCurve = object({
  level: str,
  label: str,
  n: count,
  events: count,
  censored: count,
  months: arrayOf({ type: 'integer', minimum: 0 }),
  estimate: arrayOf({ type: 'number', minimum: 0, maximum: 1 }),
  lower: arrayOf({ type: 'number', minimum: 0, maximum: 1 }),
  upper: arrayOf({ type: 'number', minimum: 0, maximum: 1 }),
  nRisk: arrayOf(count),
  nEvent: arrayOf(count),
  thinned: bool,
  lastMonths: num,
  at: object({ months12: rereferralAt, years6: rereferralAt }),
  risk: arrayOf(object({ months: num, nRisk: count })),
  suppressed: bool,
});

const hazardRatio = object(
  {
    term: str,
    level: nullableString,
    label: str,
    kind: { enum: ['group', 'covariate'] },
    hr: nullableNumber,
    lower: nullableNumber,
    upper: nullableNumber,
    p: nullableNumber,
    coef: nullableNumber,
    se: nullableNumber,
    suppressed: bool,
  },
  ['term', 'label', 'kind', 'hr', 'lower', 'upper', 'p'],
);

const rereferral = object(
  {
    method: { const: 'rereferral' },
    version: str,
    file: nullableString,
    options: object(
      {
        group: { enum: ['category', 'age', 'gender', 'ethnicity', 'source', 'need', 'none'] },
        confType: { enum: ['log-log', 'log', 'plain'] },
        confLevel: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
        horizonMonths: num,
        extractDate: str,
        reference: nullableString,
      },
      ['group', 'confType', 'confLevel', 'horizonMonths', 'extractDate'],
    ),
    groupTitle: str,
    categorySource: nullableString,
    horizonMonths: { type: 'integer', minimum: 0 },
    episodes: object({
      total: count,
      atRisk: count,
      notAtRisk: arrayOf(object({ code: str, reason: str, episodes: count })),
    }),
    n: count,
    events: count,
    censored: arrayOf(object({ code: { enum: ['data-end', 'birthday-18'] }, reason: str, episodes: count })),
    excluded: arrayOf(object({ code: str, reason: str, count, unit: { enum: ['rows', 'episodes'] } })),
    overall: rereferralCurve,
    groups: arrayOf(rereferralCurve),
    logRank: {
      anyOf: [
        { type: 'null' },
        object({
          chisq: num,
          df: int,
          p: nullableNumber,
          groups: arrayOf(
            object({ level: str, label: str, n: count, observed: count, expected: nullableNumber }),
          ),
        }),
      ],
    },
    cox: {
      anyOf: [
        { type: 'null' },
        object(
          {
            reference: object({ level: str, label: str }),
            terms: arrayOf(hazardRatio),
            adjustedFor: arrayOf(str),
            n: count,
            events: count,
            excluded: arrayOf(object({ reason: str, episodes: count })),
            converged: bool,
            concordance: nullableNumber,
            likelihoodRatio: object({ chisq: num, df: int, p: nullableNumber }),
          },
          ['reference', 'terms', 'adjustedFor', 'n', 'events', 'excluded'],
        ),
      ],
    },
    benchmarks: arrayOf(
      object(
        { id: str, months: num, value: num, label: str, source: str, sameDefinition: bool, definition: str },
        ['id', 'months', 'value', 'label'],
      ),
    ),
    warnings: arrayOf({ $ref: '#/$defs/warning' }),
  },
  [
    'method',
    'options',
    'groupTitle',
    'horizonMonths',
    'episodes',
    'n',
    'events',
    'censored',
    'excluded',
    'overall',
    'groups',
    'logRank',
    'cox',
    'benchmarks',
    'warnings',
  ],
);

const attainmentRow = object(
  {
    id: str,
    kind: { enum: ['category', 'uncategorised', 'all-cin', 'not-known', 'all'] },
    label: str,
    n: count,
    mean: nullableNumber,
    rawGap: nullableNumber,
    adjustedGap: nullableNumber,
    se: nullableNumber,
    lower: nullableNumber,
    upper: nullableNumber,
    p: nullableNumber,
    reference: bool,
    suppressed: { enum: [null, 'primary', 'secondary'] },
  },
  [
    'id',
    'kind',
    'label',
    'n',
    'mean',
    'rawGap',
    'adjustedGap',
    'lower',
    'upper',
    'p',
    'reference',
    'suppressed',
  ],
);

const attainment = object(
  {
    method: { const: 'attainment-gap' },
    version: str,
    options: object(
      {
        keyStage: { enum: [2, 4] },
        outcome: { enum: ['attainment8', 'ks2_rwm_expected', 'ks2_reading', 'ks2_maths'] },
        comparison: { enum: ['not-known', 'all'] },
        years: { anyOf: [{ type: 'null' }, arrayOf(int)] },
        threshold: { type: 'integer', minimum: 0 },
        robust: { enum: [null, 'hc0', 'hc1', 'hc2', 'hc3'] },
      },
      ['keyStage', 'outcome', 'comparison', 'threshold'],
    ),
    outcome: object(
      {
        id: str,
        keyStage: { enum: [2, 4] },
        label: str,
        scale: { enum: ['points', 'proportion'] },
        model: { enum: ['ols', 'lpm'] },
      },
      ['id', 'keyStage', 'label', 'scale'],
    ),
    comparisonLabel: str,
    years: arrayOf(int),
    categorySource: str,
    rows: arrayOf(attainmentRow),
    model: {
      anyOf: [
        { type: 'null' },
        object(
          {
            type: { enum: ['ols', 'lpm'] },
            robust: { enum: [null, 'hc0', 'hc1', 'hc2', 'hc3'] },
            n: count,
            df: num,
            r2: nullableNumber,
            adjR2: nullableNumber,
            covariates: arrayOf(str),
            terms: arrayOf(
              object(
                {
                  term: str,
                  estimate: nullableNumber,
                  se: nullableNumber,
                  lower: nullableNumber,
                  upper: nullableNumber,
                  p: nullableNumber,
                  suppressed: bool,
                },
                ['term', 'estimate', 'se', 'lower', 'upper', 'p'],
              ),
            ),
            warnings: arrayOf({ $ref: '#/$defs/warning' }),
          },
          ['type', 'n', 'terms'],
        ),
      ],
    },
    n: count,
    rowsInScope: count,
    rowsRead: count,
    excluded: arrayOf(object({ code: str, reason: str, rows: count })),
    rowsExcluded: count,
    warnings: arrayOf({ $ref: '#/$defs/warning' }),
  },
  ['method', 'options', 'outcome', 'years', 'rows', 'model', 'n', 'rowsInScope', 'excluded', 'warnings'],
);

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
    factors: arrayOf(object({ code: str, meaning: str, probability: proportion })),
    nearestNational: {
      anyOf: [{ type: 'null' }, object({ id: str, name: str, distance: num })],
    },
    averagePosterior: nullableNumber,
    suppressed: bool,
  },
  ['id', 'name', 'count', 'share', 'lower', 'upper', 'benchmark', 'comparison', 'suppressed'],
);

const demand = object(
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
      probabilities: arrayOf(arrayOf(proportion)),
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

const metadata = object(
  {
    areaName: nullableString,
    period: object({ from: nullableString, to: nullableString }),
    extractDate: nullableString,
    packageVersion: str,
    generatedAt: nullableString,
    methods: object(
      {
        model: { enum: ['national', 'local'] },
        rereferral: { type: ['object', 'null'] },
        attainment: arrayOf({ type: 'object' }),
        demand: { type: ['object', 'null'] },
      },
      ['model'],
    ),
    disclosure: object(
      {
        rule: str,
        threshold: { type: 'integer', minimum: 0 },
        secondary: bool,
        description: str,
      },
      ['rule', 'threshold'],
    ),
  },
  ['areaName', 'period', 'packageVersion', 'generatedAt', 'methods', 'disclosure'],
);

/** The summary's JSON Schema (draft 2020-12). */
export const SUMMARY_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://csc-demand-widgets.example/summary.schema.json',
  title: 'csc-demand-widgets published summary',
  description:
    'Disclosure-controlled aggregates of the demand, re-referral and attainment analyses, version 1.x. Counts are whole numbers from 0 or the symbols c (suppressed), z (not applicable), x (not available), low (rounds to 0).',
  type: 'object',
  properties: {
    format: { const: 'csc-demand-summary' },
    schemaVersion: { type: 'string', pattern: '^1\\.[0-9]+$' },
    metadata,
    symbols: arrayOf(object({ symbol: { enum: ['c', 'z', 'x', 'low'] }, meaning: str })),
    demand: { anyOf: [{ type: 'null' }, { $ref: '#/$defs/demand' }] },
    rereferral: { anyOf: [{ type: 'null' }, { $ref: '#/$defs/rereferral' }] },
    attainment: arrayOf({ $ref: '#/$defs/attainment' }),
    warnings: arrayOf({ $ref: '#/$defs/warning' }),
  },
  required: [
    'format',
    'schemaVersion',
    'metadata',
    'symbols',
    'demand',
    'rereferral',
    'attainment',
    'warnings',
  ],
  $defs: {
    count: {
      'x-count': true,
      description: 'A count: a whole number from 0, or a symbol in its place.',
      anyOf: [{ type: 'integer', minimum: 0 }, { enum: ['c', 'z', 'x', 'low'] }],
    },
    warning: object({ code: str, message: str }),
    demand,
    rereferral,
    attainment,
  },
} as const;
