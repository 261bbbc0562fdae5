// Public API of the analysis core: re-exports only. Pure TypeScript: no DOM, no Lit, no comlink.
export { VERSION } from './version.js';
export type { Warning } from './warnings.js';
export * from './domain/cin-codes.js';
export * from './data/types.js';
export { loadTable, loadAssessments, loadPupils, loadRows } from './data/load.js';
export { readGenericTable } from './data/generic-table.js';
export type { GenericTable } from './data/generic-table.js';
export { summariseAssessments } from './data/summary.js';
export type { AssessmentSummary } from './data/summary.js';
export { deriveEpisodes } from './data/episodes.js';
export type { Episodes } from './data/episodes.js';
export { parseDate, dayToIso, daysFromCivil, civilFromDays, INVALID_DAY } from './data/dates.js';
export { PROBLEM_LABELS } from './data/validate.js';
export { synthesise } from './synth/synth.js';
export { synthesiseRows } from './synth/rows.js';
export { synthesiseStream } from './synth/stream.js';
export type { SynthCsvSink } from './synth/stream.js';
export { ASSESSMENT_COLUMNS, PUPIL_COLUMNS } from './synth/types.js';
export type { SynthOptions, SynthTruth, AssessmentRow, PupilRow, PlantedOutcome } from './synth/types.js';
export { lcaPatterns } from './lca/patterns.js';
export type { PatternOptions } from './lca/patterns.js';
export { lcaEm } from './lca/em.js';
export type { EmOptions, EmResult } from './lca/em.js';
export { lcaStarts } from './lca/starts.js';
export type { StartsOptions } from './lca/starts.js';
export { lcaSelect } from './lca/select.js';
export type { SelectOptions, LcaSelection, FitIndexRow } from './lca/select.js';
export { lcaPosterior } from './lca/posterior.js';
export type { LcaPosterior } from './lca/posterior.js';
export { lcaFitIndices } from './lca/fit-indices.js';
export type { LcaFitIndices } from './lca/fit-indices.js';
export { lcaStandardErrors } from './lca/standard-errors.js';
export { withStandardErrors } from './lca/with-standard-errors.js';
export type { LcaStandardErrors } from './lca/standard-errors.js';
export { flatParameters } from './lca/flat-parameters.js';
export { MISSING } from './lca/types.js';
export type { PatternTable, FlatParameters, LcaParameters, LcaFit, StartsReport } from './lca/types.js';
export { validateScheme, NATIONAL_SCHEME } from './domain/scheme.js';
export type { Scheme, SchemeCategory } from './domain/scheme.js';
export { designMatrix } from './regression/design-matrix.js';
export type { DesignColumn, DesignMatrix, DesignOptions } from './regression/design-matrix.js';
export { ols } from './regression/ols.js';
export type { OlsCoefficient, OlsOptions, OlsResult, RobustType } from './regression/ols.js';
export { kaplanMeier } from './survival/kaplan-meier.js';
export type {
  KaplanMeierOptions,
  KaplanMeierResult,
  KaplanMeierTable,
  SurvivalAt,
  QuantileEstimate,
} from './survival/kaplan-meier.js';
export { kaplanMeierGroups } from './survival/kaplan-meier-groups.js';
export { kaplanMeierFromCounts } from './survival/kaplan-meier-counts.js';
export type { KaplanMeierGroupsResult } from './survival/kaplan-meier-groups.js';
export { logRank } from './survival/logrank.js';
export type { LogRankResult, LogRankGroup } from './survival/logrank.js';
export { coxPH } from './survival/cox-ph.js';
export type { CoxInput, CoxOptions, CoxResult, CoxTerm, ChiSquareTest } from './survival/cox-ph.js';
export { concordance } from './survival/concordance.js';
export { timefix, TIMEFIX_TOLERANCE } from './survival/timefix.js';
export type { TimefixResult } from './survival/timefix.js';
export { sortLevels, compareLevels } from './math/level-order.js';
export type { ConcordanceResult } from './survival/concordance.js';
export type { ConfType } from './survival/survival-confidence.js';
export { attainment } from './analyses/attainment.js';
export type {
  AssessmentCategories,
  AttainmentOptions,
  AttainmentOutcome,
  AttainmentResult,
  AttainmentRow,
  AttainmentTerm,
} from './analyses/attainment-types.js';
export { rereferral, REREFERRAL_BENCHMARKS } from './analyses/rereferral.js';
export type {
  RereferralAt,
  RereferralBenchmark,
  RereferralConfType,
  RereferralCox,
  RereferralCurve,
  RereferralGroupBy,
  RereferralHazardRatio,
  RereferralLogRank,
  RereferralOptions,
  RereferralResult,
  RowCategories,
} from './analyses/rereferral-types.js';
export { assignCategories, NO_FACTORS, OUTSIDE_SCHEME, NOT_SELECTED } from './analyses/categories.js';
export type {
  CategoryAssignment,
  CategoryFit,
  CategoryLabel,
  CategoryOptions,
} from './analyses/categories.js';
export { demand } from './analyses/demand.js';
export type {
  DemandCategory,
  DemandCharacteristic,
  DemandFitRow,
  DemandHooks,
  DemandOptions,
  DemandResult,
  DemandYear,
} from './analyses/demand-types.js';
export { classLabels, factorPhrase } from './domain/labels.js';
export type { ClassLabel } from './domain/labels.js';
export { wilson } from './math/proportion.js';
export type { ProportionInterval } from './math/proportion.js';
export { suppressTable, isSmallCount } from './publish/disclosure.js';
export type { Published, SuppressedTable, SuppressOptions } from './publish/disclosure.js';
export { buildSummary, financialYear } from './publish/summary.js';
export type { SummaryInputs, SummaryOptions } from './publish/summary.js';
export { publishResults, disclosureDescription } from './publish/publish-results.js';
export type { PublishInput, PublishOptions } from './publish/publish-results.js';
export { summaryLifeTables } from './publish/summary-life-tables.js';
export type { LifeTable, RereferralLifeTables } from './publish/summary-life-tables.js';
export { validateSummary } from './publish/validate-summary.js';
export type { SummaryProblem, SummaryValidation } from './publish/validate-summary.js';
export { SUMMARY_SCHEMA } from './publish/schema.js';
export { documentedSummarySchema } from './publish/schema-documented.js';
export { SUMMARY_FORMAT, SUMMARY_VERSION, SYMBOLS } from './publish/summary-types.js';
export type * from './publish/summary-types.js';
