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
//   (DemandOptions but model).
// Deterministic: the same data and options give the same summary (generatedAt is the caller's).
import { civilFromDays } from '../data/dates.js';
import { MISSING_DAY, type AssessmentData, type PupilData } from '../data/types.js';
import { assignCategories } from '../analyses/categories.js';
import { demand } from '../analyses/demand.js';
import type { DemandOptions, DemandResult } from '../analyses/demand-types.js';
import { attainment } from '../analyses/attainment.js';
import type { AssessmentCategories, AttainmentResult } from '../analyses/attainment-types.js';
import { rereferral } from '../analyses/rereferral.js';
import type { RereferralOptions, RereferralResult, RowCategories } from '../analyses/rereferral-types.js';
import { publishResults, type PublishOptions } from './publish-results.js';
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
    model = 'national',
    ...options
  }: SummaryOptions = {},
): Promise<Summary> {
  if (model !== 'national' && model !== 'local')
    throw new Error(`buildSummary: invalid model; expected 'national' or 'local', got '${String(model)}'`);
  const warnings: { code: string; message: string }[] = [];
  let dr: DemandResult | null = null;
  try {
    dr = await demand(assessments, { ...demandOptions, model });
  } catch (e) {
    warnings.push({ code: 'demand-failed', message: `Demand is left out: ${message(e)}` });
  }
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
  try {
    const inputs = { categories: rowCategories, ...(assessmentsFile ? { file: assessmentsFile } : {}) };
    const result = rereferral(assessments, { group: 'category', ...rereferralOptions }, inputs);
    tables = summaryLifeTables(assessments, result, inputs);
    rr = result;
  } catch (e) {
    warnings.push({ code: 'rereferral-failed', message: `Re-referral is left out: ${message(e)}` });
  }

  const att: AttainmentResult[] = [];
  if (pupils) {
    for (const keyStage of keyStages) {
      if (!pupils.keyStage.some((k) => k === keyStage)) continue;
      try {
        att.push(attainment(assessments, pupils, categories, { keyStage, threshold: 0 }));
      } catch (e) {
        warnings.push({
          code: 'attainment-failed',
          message: `Attainment at key stage ${keyStage} is left out: ${message(e)}`,
        });
      }
    }
  }
  return publishResults(
    { demand: dr, rereferral: rr, rereferralTables: tables, attainment: att },
    { ...options, model, ...(dr?.years.length ? {} : { period: period(assessments) }), warnings },
  );
}
