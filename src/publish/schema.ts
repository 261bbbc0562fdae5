// JSON Schema (draft 2020-12) of the published summary, version 1.x (summary-types.ts has the
// TypeScript shapes and the mapping from the analyses' results). Shipped in the package as this
// object and as dist/summary.schema.json. validateSummary (validate-summary.ts) interprets it
// directly, with no code generation (so under a Content-Security-Policy without unsafe-eval), and
// adds the checks a schema cannot state: counts against the disclosure threshold, sums, shares.
//
// Conventions: every count is `{"$ref": "#/$defs/count"}` (a whole number from 0, or a symbol), so
// a reader (and summary-schema-check.ts) finds every count by that reference; statistics that
// may be withheld are `number | null`. Objects allow properties they do not list: a later minor
// version adds optional fields, and a reader of an earlier one ignores them.

import { demandSchema } from './schema-demand.js';
import {
  arrayOf,
  bool,
  count,
  described,
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

const rereferral = described(
  object(
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
      censored: arrayOf(
        object({ code: { enum: ['data-end', 'birthday-18'] }, reason: str, episodes: count }),
      ),
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
          {
            id: str,
            months: num,
            value: num,
            label: str,
            source: str,
            sameDefinition: bool,
            definition: str,
          },
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
  ),
  "Re-referral: how soon children come back to children's social care after a child-in-need episode closes (Kaplan-Meier cumulative incidence by group, log-rank test, Cox regression).",
  {
    method: "Always 'rereferral'.",
    version: 'Version of csc-demand-widgets that computed the analysis.',
    options:
      'The options the analysis ran with: grouping, confidence interval type and level, horizon, extract date.',
    file: 'Name of the file the episodes came from, or null.',
    categorySource:
      "Where each episode's category of demand came from, or null when not grouped by category.",
    groupTitle: 'What the groups are (e.g. "Category of demand").',
    horizonMonths: 'How many months after closure the curves run.',
    episodes: 'Closed episodes read, those at risk of re-referral, and those not at risk with the reason.',
    n: 'Episodes in the analysis.',
    events: 'Re-referrals observed.',
    censored: 'Episodes followed until the data ended or the child turned 18 without a re-referral.',
    excluded: 'Rows or episodes left out, with the reason.',
    overall: 'The curve for all episodes together.',
    groups: 'One curve a group (category of demand, age, ...); small groups are suppressed.',
    logRank: "Log-rank test that the groups' curves are equal, or null.",
    cox: 'Cox regression: hazard ratios of each group against the reference, adjusted for the listed characteristics, or null.',
    benchmarks: "Published figures to compare with (e.g. England's 12-month re-referral rate).",
    warnings: 'Statistical warnings (non-convergence, few events) and what they mean.',
  },
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

const attainment = described(
  object(
    {
      method: { const: 'attainment-gap' },
      version: str,
      options: object(
        {
          keyStage: { enum: [2, 4] },
          outcome: { enum: ['attainment8', 'ks2_rwm_expected', 'ks2_reading', 'ks2_maths'] },
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
  ),
  'Attainment gap at one key stage: the outcome of children in each category of demand against the comparison group, raw and adjusted for characteristics (ordinary least squares, or a linear probability model for a 0/1 outcome).',
  {
    method: "Always 'attainment-gap'.",
    version: 'Version of csc-demand-widgets that computed the analysis.',
    options:
      'Key stage, outcome, comparison group, exam years, disclosure threshold and robust standard errors used.',
    outcome: 'The outcome measured, its key stage, label and scale (points or a proportion).',
    comparisonLabel: 'Who the gaps are measured against.',
    years: 'Exam years included.',
    categorySource: "Where each pupil's category of demand came from.",
    rows: 'One row a category (and the comparison groups): pupils, mean, raw and adjusted gap with its interval and p-value; small rows are suppressed.',
    model: 'The regression behind the adjusted gaps (terms, fit), or null when it could not be fitted.',
    n: 'Pupils in the analysis.',
    rowsInScope: 'Pupil rows at this key stage and in these years.',
    rowsRead: 'Pupil rows read from the file.',
    excluded: 'Pupil rows left out, with the reason.',
    rowsExcluded: 'How many pupil rows were left out in all.',
    warnings: 'Statistical warnings and what they mean.',
  },
);

const metadata = described(
  object(
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
  ),
  'Where the figures come from and how they were made safe to publish.',
  {
    areaName: 'The local authority or area the data describe, or null.',
    period: 'First and last financial year of the assessments (e.g. 2014-15), or null.',
    extractDate: 'Date of the data extract (ISO 8601), or null.',
    packageVersion: 'Version of csc-demand-widgets that wrote the summary.',
    generatedAt: 'When the summary was written (ISO 8601 date-time), or null.',
    methods:
      'Which categories of demand were used (the national model or a local fit) and the options of each analysis.',
    disclosure:
      'The disclosure control applied: rule, threshold (counts from 1 to it are shown as c), whether secondary suppression was applied.',
  },
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
    format: { description: "Always 'csc-demand-summary': what this file is.", const: 'csc-demand-summary' },
    schemaVersion: {
      description:
        'Version of this format, major.minor: a minor version adds optional fields only, so a reader of 1.0 reads any 1.x; a new major version may change or remove fields. It is versioned apart from the package.',
      type: 'string',
      pattern: '^1\\.[0-9]+$',
    },
    metadata,
    symbols: {
      description: 'The symbols that stand in for a number, and what each means.',
      ...arrayOf(object({ symbol: { enum: ['c', 'z', 'x', 'low'] }, meaning: str })),
    },
    demand: {
      description:
        'Categories of demand (latent class analysis of the factors recorded at assessment), or null if not analysed.',
      anyOf: [{ type: 'null' }, { $ref: '#/$defs/demand' }],
    },
    rereferral: {
      description: 'Re-referral after a child-in-need episode closes, or null if not analysed.',
      anyOf: [{ type: 'null' }, { $ref: '#/$defs/rereferral' }],
    },
    attainment: {
      description: 'Attainment gaps, one entry a key stage (may be empty).',
      ...arrayOf({ $ref: '#/$defs/attainment' }),
    },
    warnings: {
      description:
        'Warnings about the summary as a whole (e.g. figures withheld), each a code and a message.',
      ...arrayOf({ $ref: '#/$defs/warning' }),
    },
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
      description:
        'A count: a whole number from 0, or a symbol in its place (c: suppressed, z: not applicable, x: not available, low: rounds to 0). Every count in the summary refers here.',
      anyOf: [{ type: 'integer', minimum: 0 }, { enum: ['c', 'z', 'x', 'low'] }],
    },
    warning: {
      description: 'A warning: a stable code a program can test, and a message for a reader.',
      ...object({ code: str, message: str }),
    },
    demand: demandSchema,
    rereferral,
    attainment,
  },
} as const;
