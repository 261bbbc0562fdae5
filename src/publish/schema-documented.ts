// The summary's JSON Schema as shipped (dist/summary.schema.json, `csc-demand-widgets/summary.schema.json`):
// SUMMARY_SCHEMA with a description of every section and field, for readers, editors and other
// validators (ajv compiles it in strict mode: tests/src/publish/summary-schema-ajv.test.ts).
// Kept apart from SUMMARY_SCHEMA, which the page's summary check loads with the elements: the
// descriptions are about 2 KB gzip a page would download and never use.

import { SUMMARY_SCHEMA } from './schema.js';

/** Descriptions by JSON Pointer path in the schema (without the leading '#/'). */
const DESCRIPTIONS: Record<string, string> = {
  'properties/format': "Always 'csc-demand-summary': what this file is.",
  'properties/schemaVersion':
    'Version of this format, major.minor: a minor version adds optional fields only, so a reader of 1.0 reads any 1.x; a new major version may change or remove fields. It is versioned apart from the package.',
  'properties/metadata': 'Where the figures come from and how they were made safe to publish.',
  'properties/metadata/properties/areaName': 'The local authority or area the data describe, or null.',
  'properties/metadata/properties/period':
    'First and last financial year of the assessments (e.g. 2014-15), or null.',
  'properties/metadata/properties/extractDate': 'Date of the data extract (ISO 8601), or null.',
  'properties/metadata/properties/packageVersion': 'Version of csc-demand-widgets that wrote the summary.',
  'properties/metadata/properties/generatedAt': 'When the summary was written (ISO 8601 date-time), or null.',
  'properties/metadata/properties/methods':
    'Which categories of demand were used (the national model or a local fit) and the options of each analysis.',
  'properties/metadata/properties/disclosure':
    'The disclosure control applied: rule, threshold (counts from 1 to it are shown as c), whether secondary suppression was applied.',
  'properties/symbols': 'The symbols that stand in for a number, and what each means.',
  'properties/demand':
    'Categories of demand (latent class analysis of the factors recorded at assessment), or null if not analysed.',
  'properties/rereferral': 'Re-referral after a child-in-need episode closes, or null if not analysed.',
  'properties/attainment': 'Attainment gaps, one entry a key stage (may be empty).',
  'properties/pathways':
    'What happened after each assessment (no further action, child in need, a protection plan, care) by category of demand, with adjusted odds, the deprivation gradient and plan categories; or null if not analysed.',
  'properties/repeatPlans':
    'A further child protection plan after one ends, by category (the re-referral format), or null if not analysed.',
  'properties/careReentry':
    'Entering care again after leaving it, by category (the re-referral format), or null if not analysed.',
  'properties/warnings':
    'Warnings about the summary as a whole (e.g. figures withheld), each a code and a message.',
  '$defs/count':
    'A count: a whole number from 0, or a symbol in its place (c: suppressed, z: not applicable, x: not available, low: rounds to 0). Every count in the summary refers here.',
  '$defs/warning': 'A warning: a stable code a program can test, and a message for a reader.',
  '$defs/demand':
    'Categories of demand: which categories the assessments fall into (latent class analysis of the factors recorded at the end of each assessment), their shares against England, their trend by financial year and who is in each.',
  '$defs/demand/properties/kind': "Always 'demand'.",
  '$defs/demand/properties/method': 'How assessments were put into categories.',
  '$defs/demand/properties/model':
    "'national': the national categories of the reference study; 'local': categories fitted to this area's data.",
  '$defs/demand/properties/options': 'The options the analysis ran with.',
  '$defs/demand/properties/version': 'Version of csc-demand-widgets that computed the analysis.',
  '$defs/demand/properties/n': 'Assessments read.',
  '$defs/demand/properties/classified': 'Assessments put into a category.',
  '$defs/demand/properties/noFactors': 'Assessments with no factor recorded (not classified).',
  '$defs/demand/properties/outsideItems':
    "Assessments whose factors are all outside the model's items (not classified).",
  '$defs/demand/properties/excluded': 'Rows left out, with the reason.',
  '$defs/demand/properties/period': 'Financial years covered, or null.',
  '$defs/demand/properties/scheme':
    'The scheme of categories used (names, descriptions, the factors behind each), or null.',
  '$defs/demand/properties/benchmark':
    "England's shares the categories are compared with, and their source, or null.",
  '$defs/demand/properties/level': 'Confidence level of the intervals (e.g. 0.95).',
  '$defs/demand/properties/categories':
    "One entry a category: count, share with its interval, England's share and how the two compare, the factors that define it; small counts are suppressed.",
  '$defs/demand/properties/years':
    'Counts in each category by financial year, and an index against the base year.',
  '$defs/demand/properties/baseYear': 'The year the index is relative to, or null.',
  '$defs/demand/properties/profiles': 'Probability of each factor in each category.',
  '$defs/demand/properties/characteristics':
    'Who is in each category: counts and shares by gender, age and ethnicity.',
  '$defs/demand/properties/fit':
    'Fit of the latent class model: log-likelihood, AIC, BIC, entropy, convergence.',
  '$defs/demand/properties/fits':
    'With a range of numbers of categories fitted locally: one fit each, or null.',
  '$defs/demand/properties/chosen': 'The number of categories BIC chose from that range, or null.',
  '$defs/demand/properties/codes':
    'Factor codes ignored, mapped between years, missing before they were introduced, or unused.',
  '$defs/demand/properties/localScheme':
    'Reserved: always null in a published summary (a local scheme is not published).',
  '$defs/demand/properties/warnings': 'Statistical warnings and what they mean.',
  '$defs/rereferral':
    "Re-referral: how soon children come back to children's social care after a child-in-need episode closes (Kaplan-Meier cumulative incidence by group, log-rank test, Cox regression).",
  '$defs/rereferral/properties/method': "Always 'rereferral'.",
  '$defs/rereferral/properties/version': 'Version of csc-demand-widgets that computed the analysis.',
  '$defs/rereferral/properties/file': 'Name of the file the episodes came from, or null.',
  '$defs/rereferral/properties/options':
    'The options the analysis ran with: grouping, confidence interval type and level, horizon, extract date.',
  '$defs/rereferral/properties/groupTitle': 'What the groups are (e.g. "Category of demand").',
  '$defs/rereferral/properties/categorySource':
    "Where each episode's category of demand came from, or null when not grouped by category.",
  '$defs/rereferral/properties/horizonMonths': 'How many months after closure the curves run.',
  '$defs/rereferral/properties/episodes':
    'Closed episodes read, those at risk of re-referral, and those not at risk with the reason.',
  '$defs/rereferral/properties/n': 'Episodes in the analysis.',
  '$defs/rereferral/properties/events': 'Re-referrals observed.',
  '$defs/rereferral/properties/censored':
    'Episodes followed until the data ended or the child turned 18 without a re-referral.',
  '$defs/rereferral/properties/excluded': 'Rows or episodes left out, with the reason.',
  '$defs/rereferral/properties/overall': 'The curve for all episodes together.',
  '$defs/rereferral/properties/groups':
    'One curve a group (category of demand, age, ...); small groups are suppressed.',
  '$defs/rereferral/properties/logRank': "Log-rank test that the groups' curves are equal, or null.",
  '$defs/rereferral/properties/cox':
    'Cox regression: hazard ratios of each group against the reference, adjusted for the listed characteristics, or null.',
  '$defs/rereferral/properties/benchmarks':
    "Published figures to compare with (e.g. England's 12-month re-referral rate).",
  '$defs/rereferral/properties/warnings':
    'Statistical warnings (non-convergence, few events) and what they mean.',
  '$defs/attainment':
    'Attainment gap at one key stage: the outcome of children in each category of demand against the comparison group, raw and adjusted for characteristics (ordinary least squares, or a linear probability model for a 0/1 outcome).',
  '$defs/attainment/properties/method': "Always 'attainment-gap'.",
  '$defs/attainment/properties/version': 'Version of csc-demand-widgets that computed the analysis.',
  '$defs/attainment/properties/options':
    'Key stage, outcome, comparison group, exam years, disclosure threshold and robust standard errors used.',
  '$defs/attainment/properties/outcome':
    'The outcome measured, its key stage, label and scale (points or a proportion).',
  '$defs/attainment/properties/comparisonLabel': 'Who the gaps are measured against.',
  '$defs/attainment/properties/years': 'Exam years included.',
  '$defs/attainment/properties/categorySource': "Where each pupil's category of demand came from.",
  '$defs/attainment/properties/rows':
    'One row a category (and the comparison groups): pupils, mean, raw and adjusted gap with its interval and p-value; small rows are suppressed.',
  '$defs/attainment/properties/model':
    'The regression behind the adjusted gaps (terms, fit), or null when it could not be fitted.',
  '$defs/attainment/properties/n': 'Pupils in the analysis.',
  '$defs/attainment/properties/rowsInScope': 'Pupil rows at this key stage and in these years.',
  '$defs/attainment/properties/rowsRead': 'Pupil rows read from the file.',
  '$defs/attainment/properties/excluded': 'Pupil rows left out, with the reason.',
  '$defs/pathways':
    'Pathways after assessment: for each category of demand, the share of assessments whose highest intervention within the window was no further action, support as a child in need, a child protection plan or care, against the council and England.',
  '$defs/pathways/properties/method': "Always 'pathways'.",
  '$defs/pathways/properties/version': 'Version of csc-demand-widgets that computed the analysis.',
  '$defs/pathways/properties/options':
    'The window in months from authorisation, the extract date, the gradient split and the interval level.',
  '$defs/pathways/properties/categorySource':
    'Where the categories came from (the national model or a local fit).',
  '$defs/pathways/properties/n': 'Assessments in the analysis.',
  '$defs/pathways/properties/excluded': 'Assessments left out, by reason.',
  '$defs/pathways/properties/overall':
    "The council's overall mix of the four outcomes, with Wilson intervals.",
  '$defs/pathways/properties/categories':
    'The mix for each category, with Wilson intervals and whether it is higher or lower than the council.',
  '$defs/pathways/properties/england': "England's mix as published, its source and definition.",
  '$defs/pathways/properties/adjusted':
    'Odds ratios of a plan and of care by category against the reference, adjusted by logistic regression; or null.',
  '$defs/pathways/properties/gradient':
    'Share receiving a plan or care by deprivation decile, overall and by the split, with the slope per decile and a test of whether it differs between groups; or null.',
  '$defs/pathways/properties/plans':
    'Plans by category of abuse, and how many of each had an assessment that did not record the matching factor; or null.',
  '$defs/pathways/properties/warnings': 'Statistical warnings and what they mean.',
  '$defs/attainment/properties/rowsExcluded': 'How many pupil rows were left out in all.',
  '$defs/attainment/properties/warnings': 'Statistical warnings and what they mean.',
};

/**
 * SUMMARY_SCHEMA with its descriptions: a new object (the schema itself is not changed). Throws if a
 * description names a path the schema does not have, so the two cannot drift apart unnoticed.
 */
export function documentedSummarySchema(): Record<string, unknown> {
  const schema = structuredClone(SUMMARY_SCHEMA) as unknown as Record<string, unknown>;
  for (const [path, text] of Object.entries(DESCRIPTIONS)) {
    let node: unknown = schema;
    for (const key of path.split('/')) node = (node as Record<string, unknown> | undefined)?.[key];
    if (!node || typeof node !== 'object')
      throw new Error(`documentedSummarySchema: no schema at '#/${path}' for its description`);
    const target = node as Record<string, unknown>;
    // Description first, as a reader of the file meets it.
    const rest = { ...target };
    for (const k of Object.keys(target)) delete target[k];
    Object.assign(target, { description: text }, rest, { description: text });
  }
  return schema;
}
