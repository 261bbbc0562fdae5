// The publishable summary from record-level data: runs the analyses the three elements show on the
// assessments (and pupils), then publishResults (publish-results.ts) applies disclosure control.
// What `csc-demand analyse` writes and what a public page's elements load through `results-src`.
//
// Contract
// - Input: loaded datasets (src/data/load.ts): assessments, and optionally pupils.
// - Sections: demand (demand.ts with `model`, national by default; `demand` passes its other
//   options); re-referral by demand category (rereferral.ts with its defaults, so the curves the
//   element shows by default); attainment for each key stage the pupils file has (KS4 Attainment 8,
//   KS2 expected standard by default), computed unsuppressed and then controlled. A section whose
//   analysis throws is left out and the summary's warnings say why; the others are still published.
// - Categories of the re-referral and attainment sections: each assessment's national demand
//   category (assignCategories, as the worker assigns them), whichever model the demand section
//   uses (the elements do the same: the national categories are the ones England's figures use).
// - Period: the demand section's first and last financial years (April to March), else those of
//   the assessment dates.
// - Options: as publishResults (threshold, areaName, generatedAt, model, extractDate) plus
//   keyStages (default [4, 2]), rereferral (RereferralOptions for the curves) and demand
//   (DemandOptions but model); `attainment` (a list of AttainmentOptions, threshold aside) in place
//   of keyStages for other outcomes, comparisons or years (each run where the pupils file has its
//   key stage); `sections` (default all three) to publish only some (an element's public view).
// - Hooks (optional, the worker's): onProgress(done, total) as the analyses go, and checkpoint(),
//   awaited between them and inside the demand fit, so a cancelled request stops there.
// Deterministic: the same data and options give the same summary (generatedAt is the caller's).
import { civilFromDays } from '../data/dates.js';
import { MISSING_DAY, type AssessmentData, type PupilData } from '../data/types.js';
import { assignCategories } from '../analyses/categories.js';
import { demand } from '../analyses/demand.js';
import type { DemandOptions, DemandResult } from '../analyses/demand-types.js';
import { attainment } from '../analyses/attainment.js';
import type {
  AssessmentCategories,
  AttainmentOptions,
  AttainmentResult,
} from '../analyses/attainment-types.js';
import { rereferral } from '../analyses/rereferral.js';
import type { RereferralOptions, RereferralResult, RowCategories } from '../analyses/rereferral-types.js';
import { publishResults, type PublishInput, type PublishOptions } from './publish-results.js';
import { pathways } from '../analyses/pathways.js';
import type { PathwaysOptions, PathwaysResult } from '../analyses/pathways-types.js';
import { summaryLifeTables, type RereferralLifeTables } from './summary-life-tables.js';
import type { Summary } from './summary-types.js';

export interface SummaryInputs {
  assessments: AssessmentData;
  pupils?: PupilData | null;
  /** The assessments file's name, as the re-referral result states it. */
  assessmentsFile?: string;
}

export interface SummaryOptions extends Omit<PublishOptions, 'period' | 'warnings'> {
  /** Key stages to publish attainment for, where the pupils file has them; default [4, 2]. */
  keyStages?: (2 | 4)[];
  /** Options of the re-referral curves (group defaults to 'category'). */
  rereferral?: RereferralOptions;
  /** Options of the demand analysis other than the model. */
  demand?: Omit<DemandOptions, 'model'>;
  /** Attainment tables to publish (threshold aside), in place of `keyStages`' default outcomes. */
  attainment?: Omit<AttainmentOptions, 'threshold'>[];
  /** Sections to publish; default all (the others are then null, empty or absent). */
  sections?: SummarySection[];
  /** Options of the pathways section. */
  pathways?: PathwaysOptions;
}

export type SummarySection =
  'demand' | 'rereferral' | 'attainment' | 'pathways' | 'repeatPlans' | 'careReentry';

/** Every section, the default. */
export const SUMMARY_SECTIONS: SummarySection[] = [
  'demand',
  'rereferral',
  'attainment',
  'pathways',
  'repeatPlans',
  'careReentry',
];

/** Progress and cancellation between the analyses (the worker passes its request's). */
export interface SummaryHooks {
  onProgress?: (done: number, total: number) => void;
  checkpoint?: () => Promise<void>;
}

/** '2014-15' for a day in April 2014 to March 2015. */
export function financialYear(day: number): string {
  const { y, m } = civilFromDays(day);
  const start = m >= 4 ? y : y - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

function period(data: AssessmentData): { from: string | null; to: string | null } {
  let lo = Infinity;
  let hi = -Infinity;
  for (const d of data.assessmentDate) {
    if (d === MISSING_DAY) continue;
    if (d < lo) lo = d;
    if (d > hi) hi = d;
  }
  return Number.isFinite(lo) ? { from: financialYear(lo), to: financialYear(hi) } : { from: null, to: null };
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));
/** A cancelled request (the checkpoint's abort), which must stop the summary, not be noted in it. */
const isCancel = (e: unknown): boolean =>
  typeof e === 'object' &&
  e !== null &&
  ((e as { name?: unknown }).name === 'AbortError' || (e as { code?: unknown }).code === 'aborted');

/**
 * Run the analyses and publish their disclosure-controlled summary.
 * @example await buildSummary({assessments, pupils}, {areaName: 'Exampleshire', generatedAt: new Date()})
 */
export async function buildSummary(
  { assessments, pupils = null, assessmentsFile }: SummaryInputs,
  {
    keyStages = [4, 2],
    rereferral: rereferralOptions = {},
    demand: demandOptions = {},
    attainment: attainmentOptions,
    sections = SUMMARY_SECTIONS,
    pathways: pathwaysOptions = {},
    model = 'national',
    ...options
  }: SummaryOptions = {},
  { onProgress, checkpoint = async () => {} }: SummaryHooks = {},
): Promise<Summary> {
  if (model !== 'national' && model !== 'local')
    throw new Error(`buildSummary: invalid model; expected 'national' or 'local', got '${String(model)}'`);
  const warnings: { code: string; message: string }[] = [];
  // Progress: the demand fit reports its own steps as the first tenths; the others one step each.
  const steps = 10 + 2;
  let dr: DemandResult | null = null;
  if (sections.includes('demand')) {
    try {
      dr = await demand(
        assessments,
        { ...demandOptions, model },
        {
          onProgress: (done, total) => onProgress?.((10 * done) / Math.max(total, 1), steps),
          checkpoint,
        },
      );
    } catch (e) {
      if (isCancel(e)) throw e;
      warnings.push({ code: 'demand-failed', message: `Demand is left out: ${message(e)}` });
    }
  }
  onProgress?.(10, steps);
  await checkpoint();
  const assignment = assignCategories(assessments);
  const categories: AssessmentCategories = {
    labels: assignment.labels.map((l) => l.name),
    ofAssessment: assignment.ofAssessment.map((k) => (k < 0 ? -1 : k)),
    source: `the national model (${assignment.scheme.version}), each assessment in its most likely category`,
  };
  const rowCategories: RowCategories = {
    codes: categories.ofAssessment,
    levels: categories.labels,
    labels: categories.labels,
    source: categories.source,
  };

  let rr: RereferralResult | null = null;
  let tables: RereferralLifeTables | null = null;
  if (sections.includes('rereferral')) {
    try {
      const inputs = { categories: rowCategories, ...(assessmentsFile ? { file: assessmentsFile } : {}) };
      const result = rereferral(assessments, { group: 'category', ...rereferralOptions }, inputs);
      tables = summaryLifeTables(assessments, result, inputs);
      rr = result;
    } catch (e) {
      warnings.push({ code: 'rereferral-failed', message: `Re-referral is left out: ${message(e)}` });
    }
  }
  onProgress?.(11, steps);
  await checkpoint();

  const att: AttainmentResult[] = [];
  if (pupils && sections.includes('attainment')) {
    const tablesAsked = attainmentOptions ?? defaultAttainment(pupils, keyStages);
    for (const asked of tablesAsked) {
      const keyStage = asked.keyStage ?? 4;
      if (!pupils.keyStage.some((k) => k === keyStage)) continue;
      try {
        att.push(attainment(assessments, pupils, categories, { ...asked, keyStage, threshold: 0 }));
      } catch (e) {
        warnings.push({
          code: 'attainment-failed',
          message: `Attainment at key stage ${keyStage} is left out: ${message(e)}`,
        });
      }
    }
  }
  const more = afterAssessment(
    assessments,
    rowCategories,
    assessmentsFile,
    sections,
    pathwaysOptions,
    rereferralOptions,
    warnings,
  );
  onProgress?.(12, steps);
  return publishResults(
    { demand: dr, rereferral: rr, rereferralTables: tables, attainment: att, ...more },
    { ...options, model, ...(dr?.years.length ? {} : { period: period(assessments) }), warnings },
  );
}

/** KS4 and KS2's default tables, and each school outcome (absence, exclusion) the pupils file has. */
function defaultAttainment(pupils: PupilData, keyStages: (2 | 4)[]): Omit<AttainmentOptions, 'threshold'>[] {
  const school = [
    ['severe_absence', pupils.severeAbsence],
    ['persistent_absence', pupils.persistentAbsence],
    ['suspended', pupils.suspended],
    ['permanently_excluded', pupils.permanentlyExcluded],
  ] as const;
  return keyStages.flatMap((keyStage) => [
    { keyStage },
    ...school
      .filter(([, col]) => col.some((v, i) => Number.isFinite(v) && pupils.keyStage[i] === keyStage))
      .map(([outcome]) => ({ keyStage, outcome })),
  ]);
}

/**
 * The sections of what follows an assessment: pathways, repeat plans, re-entry to care. A section
 * asked for whose analysis throws is null with a warning; one not asked for is absent.
 */
function afterAssessment(
  assessments: AssessmentData,
  categories: RowCategories,
  file: string | undefined,
  sections: SummarySection[],
  pathwaysOptions: PathwaysOptions,
  rereferralOptions: RereferralOptions,
  warnings: { code: string; message: string }[],
): Pick<PublishInput, 'pathways' | 'repeatPlans' | 'careReentry'> {
  const out: Pick<PublishInput, 'pathways' | 'repeatPlans' | 'careReentry'> = {};
  const inputs = { categories, ...(file ? { file } : {}) };
  if (sections.includes('pathways')) {
    let result: PathwaysResult | null = null;
    try {
      result = pathways(assessments, pathwaysOptions, inputs);
    } catch (e) {
      warnings.push({ code: 'pathways-failed', message: `Pathways are left out: ${message(e)}` });
    }
    out.pathways = result;
  }
  for (const [section, outcome, what] of [
    ['repeatPlans', 'repeat-plan', 'Repeat plans'],
    ['careReentry', 'care-reentry', 'Re-entry to care'],
  ] as const) {
    if (!sections.includes(section)) continue;
    try {
      const result = rereferral(assessments, { group: 'category', ...rereferralOptions, outcome }, inputs);
      // No plan (or no period in care) ended in the file: nothing to publish, and nothing to say.
      out[section] = result.n > 0 ? { result, tables: summaryLifeTables(assessments, result, inputs) } : null;
    } catch (e) {
      warnings.push({ code: `${outcome}-failed`, message: `${what} are left out: ${message(e)}` });
      out[section] = null;
    }
  }
  return out;
}
