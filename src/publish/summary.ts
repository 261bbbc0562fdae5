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
import { demand } from '../analyses/demand.js';
import type { DemandOptions, DemandResult } from '../analyses/demand-types.js';
import type { AttainmentOptions } from '../analyses/attainment-types.js';
import type { RereferralOptions } from '../analyses/rereferral-types.js';
import { publishResults, type PublishOptions } from './publish-results.js';
import type { PathwaysOptions } from '../analyses/pathways-types.js';
import {
  mergeParts,
  runSummaryPart,
  summaryCategories,
  SUMMARY_PARTS,
  type PartOutput,
} from './summary-parts.js';
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
  options: SummaryOptions = {},
  { onProgress, checkpoint = async () => {} }: SummaryHooks = {},
): Promise<Summary> {
  // Progress: the demand fit reports its own steps as the first tenths; the others one step each.
  const steps = 10 + 2;
  const first = await summaryDemand(assessments, options, {
    onProgress: (done, total) => onProgress?.((10 * done) / Math.max(total, 1), steps),
    checkpoint,
  });
  onProgress?.(10, steps);
  await checkpoint();
  const shared = summaryCategories(assessments);
  const outputs: PartOutput[] = [];
  const sections = options.sections ?? SUMMARY_SECTIONS;
  for (const part of SUMMARY_PARTS) {
    if (sections.includes(part))
      outputs.push(runSummaryPart(part, { assessments, pupils, assessmentsFile }, shared, options));
    if (part === 'rereferral') {
      onProgress?.(11, steps);
      await checkpoint();
    }
  }
  onProgress?.(12, steps);
  return publishSummary(assessments, first, outputs, options);
}

/**
 * The demand section (when asked for), its failure a warning: the first step of buildSummary, apart
 * so that a caller running the other parts elsewhere (summary-parts.ts) publishes the same summary.
 */
export async function summaryDemand(
  assessments: AssessmentData,
  { demand: demandOptions = {}, sections = SUMMARY_SECTIONS, model = 'national' }: SummaryOptions,
  hooks: SummaryHooks = {},
): Promise<{ demand: DemandResult | null; warnings: { code: string; message: string }[] }> {
  if (model !== 'national' && model !== 'local')
    throw new Error(`buildSummary: invalid model; expected 'national' or 'local', got '${String(model)}'`);
  const warnings: { code: string; message: string }[] = [];
  let dr: DemandResult | null = null;
  if (sections.includes('demand')) {
    try {
      dr = await demand(assessments, { ...demandOptions, model }, hooks);
    } catch (e) {
      if (isCancel(e)) throw e;
      warnings.push({ code: 'demand-failed', message: `Demand is left out: ${message(e)}` });
    }
  }
  return { demand: dr, warnings };
}

/** The summary from the demand step and the parts' outputs (the last step of buildSummary). */
export function publishSummary(
  assessments: AssessmentData,
  first: { demand: DemandResult | null; warnings: { code: string; message: string }[] },
  outputs: readonly PartOutput[],
  {
    keyStages: _k,
    rereferral: _r,
    demand: _d,
    attainment: _a,
    sections: _s,
    pathways: _p,
    model = 'national',
    ...options
  }: SummaryOptions,
): Summary {
  const dr = first.demand;
  const merged = mergeParts(outputs);
  return publishResults(
    { demand: dr, ...merged.input },
    {
      ...options,
      model,
      ...(dr?.years.length ? {} : { period: period(assessments) }),
      warnings: [...first.warnings, ...merged.warnings],
    },
  );
}
