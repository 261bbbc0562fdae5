// JSON Schema (draft 2020-12) of the published summary, version 1.x (summary-types.ts has the
// TypeScript shapes and the mapping from the analyses' results). Shipped in the package as this
// object and, with a description of every section and field (schema-documented.ts), as
// dist/summary.schema.json. validateSummary (validate-summary.ts) interprets it
// directly, with no code generation (so under a Content-Security-Policy without unsafe-eval), and
// adds the checks a schema cannot state: counts against the disclosure threshold, sums, shares.
//
// Conventions: every count is `{"$ref": "#/$defs/count"}` (a whole number from 0, or a symbol), so
// a reader (and summary-schema-check.ts) finds every count by that reference; statistics that
// may be withheld are `number | null`. Objects allow properties they do not list: a later minor
// version adds optional fields, and a reader of an earlier one ignores them.

import { demandSchema } from './schema-demand.js';
import { pathwaysSchema } from './schema-pathways.js';
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

// Why a model term is withheld (withhold-term.ts); optional, added in 1.0 without a version change
// (a reader that does not know it still sees `suppressed: true`).
const termSuppression = { enum: ['suppressed-group', 'small-level', 'small-reference'] };

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
    suppressedReason: termSuppression,
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
        outcome: {
          enum: [
            'attainment8',
            'ks2_rwm_expected',
            'ks2_reading',
            'ks2_maths',
            'severe_absence',
            'persistent_absence',
            'suspended',
            'permanently_excluded',
          ],
        },
        comparison: { enum: ['not-known', 'all'] },
        years: { anyOf: [{ type: 'null' }, arrayOf(int)] },
        threshold: { type: 'integer', minimum: 3 },
        robust: { enum: [null, 'hc0', 'hc1', 'hc2', 'hc3'] },
      },
      ['keyStage', 'outcome', 'comparison', 'threshold'],
    ),
    outcome: object(
      {
        id: str,
        // null: a school outcome of the exam year (absence, suspension, exclusion), at either key stage.
        keyStage: { enum: [2, 4, null] },
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
                  suppressedReason: termSuppression,
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
        threshold: { type: 'integer', minimum: 3 },
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
    // Optional sections (added in 1.x): what happened after assessments, repeat plans, re-entry to care.
    pathways: { anyOf: [{ type: 'null' }, { $ref: '#/$defs/pathways' }] },
    repeatPlans: { anyOf: [{ type: 'null' }, { $ref: '#/$defs/rereferral' }] },
    careReentry: { anyOf: [{ type: 'null' }, { $ref: '#/$defs/rereferral' }] },
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
      description: 'A count: a whole number from 0, or a symbol in its place.',
      anyOf: [{ type: 'integer', minimum: 0 }, { enum: ['c', 'z', 'x', 'low'] }],
    },
    warning: object({ code: str, message: str }),
    demand: demandSchema,
    rereferral,
    attainment,
    pathways: pathwaysSchema,
  },
} as const;
