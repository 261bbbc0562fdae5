// The analyses of a summary (summary.ts) as separate parts, so that a caller with several threads can
// run them side by side (the CLI: src/cli/analyse-threads.ts) and still publish exactly the summary
// buildSummary publishes.
//
// Contract
// - summaryCategories(assessments): each assessment's national demand category, the input every
//   part after demand shares (see summary.ts on why the national model whatever the demand model).
// - runSummaryPart(part, inputs, categories, options): one part's results and the warnings of its
//   analyses that failed (a failed analysis is left out, null or absent, as buildSummary leaves it).
//   Parts are pure and deterministic: the same inputs give the same output on any thread.
// - mergeParts(outputs): the parts' results in one PublishInput and their warnings in the order
//   buildSummary meets them (rereferral, attainment, pathways, repeat plans, re-entry to care),
//   whatever order the parts finished in.
import type { AssessmentData, PupilData } from '../data/types.js';
import { assignCategories } from '../analyses/categories.js';
import { attainment, attainmentTables } from '../analyses/attainment.js';
import type {
  AssessmentCategories,
  AttainmentOptions,
  AttainmentResult,
} from '../analyses/attainment-types.js';
import { rereferralFits, rowFollowUp } from '../analyses/rereferral.js';
import type { RereferralOptions, RereferralResult, RowCategories } from '../analyses/rereferral-types.js';
import { pathways } from '../analyses/pathways.js';
import type { PathwaysOptions, PathwaysResult } from '../analyses/pathways-types.js';
import { lifeTablesFromFollowUp, type RereferralLifeTables } from './summary-life-tables.js';
import type { PublishInput } from './publish-results.js';

/** The parts after demand, in the order buildSummary runs them. */
export const SUMMARY_PARTS = ['rereferral', 'attainment', 'pathways', 'repeatPlans', 'careReentry'] as const;
export type SummaryPart = (typeof SUMMARY_PARTS)[number];

export interface PartInputs {
  assessments: AssessmentData;
  pupils?: PupilData | null;
  assessmentsFile?: string;
}

export interface PartOptions {
  keyStages?: (2 | 4)[];
  rereferral?: RereferralOptions;
  attainment?: Omit<AttainmentOptions, 'threshold'>[];
  pathways?: PathwaysOptions;
}

export interface SummaryCategories {
  categories: AssessmentCategories;
  rowCategories: RowCategories;
}

/** One part's share of the PublishInput, and its warnings. */
export interface PartOutput {
  part: SummaryPart;
  input: Omit<PublishInput, 'demand'>;
  warnings: { code: string; message: string }[];
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Each assessment's national category, as the re-referral, attainment and later parts take it. */
export function summaryCategories(assessments: AssessmentData): SummaryCategories {
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
  return { categories, rowCategories };
}

/** Run one part (see the file comment). */
export function runSummaryPart(
  part: SummaryPart,
  { assessments, pupils = null, assessmentsFile }: PartInputs,
  { categories, rowCategories }: SummaryCategories,
  {
    keyStages = [4, 2],
    rereferral: rereferralOptions = {},
    attainment: asked,
    pathways: pathwaysOptions = {},
  }: PartOptions,
  /** `between`: called between the attainment tables of two key stages (attainmentTables). */
  hooks: { between?: () => void } = {},
): PartOutput {
  const warnings: { code: string; message: string }[] = [];
  const input: Omit<PublishInput, 'demand'> = {};
  const inputs = { categories: rowCategories, ...(assessmentsFile ? { file: assessmentsFile } : {}) };
  if (part === 'rereferral') {
    input.rereferral = null;
    input.rereferralTables = null;
    try {
      const { result, tables } = withTables(assessments, { group: 'category', ...rereferralOptions }, inputs);
      input.rereferralTables = tables;
      input.rereferral = result;
    } catch (e) {
      warnings.push({ code: 'rereferral-failed', message: `Re-referral is left out: ${message(e)}` });
    }
  } else if (part === 'attainment') {
    const att: AttainmentResult[] = [];
    if (pupils) {
      const present = new Uint8Array(256); // key stages the pupils file has (a loop, not a Set's iterator)
      for (let i = 0; i < pupils.n; i++) present[pupils.keyStage[i]!] = 1;
      const tables = (asked ?? defaultAttainment(pupils, keyStages))
        .map((table) => ({ ...table, keyStage: table.keyStage ?? 4, threshold: 0 }))
        .filter((table) => present[table.keyStage] === 1);
      try {
        // Together: the tables of a key stage share their pupils' placing and, over the same
        // pupils, one fit of all their outcomes (attainment.ts attainmentTables).
        att.push(...attainmentTables(assessments, pupils, categories, tables, hooks.between));
      } catch {
        // One failed: each alone, so the others are kept and the failure is said for its own.
        for (const table of tables) {
          try {
            att.push(attainment(assessments, pupils, categories, table));
          } catch (e) {
            warnings.push({
              code: 'attainment-failed',
              message: `Attainment at key stage ${table.keyStage} is left out: ${message(e)}`,
            });
          }
        }
      }
    }
    input.attainment = att;
  } else if (part === 'pathways') {
    let result: PathwaysResult | null = null;
    try {
      result = pathways(assessments, pathwaysOptions, inputs);
    } catch (e) {
      warnings.push({ code: 'pathways-failed', message: `Pathways are left out: ${message(e)}` });
    }
    input.pathways = result;
  } else {
    const [outcome, what] =
      part === 'repeatPlans'
        ? (['repeat-plan', 'Repeat plans'] as const)
        : (['care-reentry', 'Re-entry to care'] as const);
    try {
      const { result, tables } = withTables(
        assessments,
        { group: 'category', ...rereferralOptions, outcome },
        inputs,
      );
      // No plan (or no period in care) ended in the file: nothing to publish, and nothing to say.
      input[part] = result.n > 0 ? { result, tables } : null;
    } catch (e) {
      warnings.push({ code: `${outcome}-failed`, message: `${what} are left out: ${message(e)}` });
      input[part] = null;
    }
  }
  return { part, input, warnings };
}

/**
 * A re-referral result (or repeat plans, or re-entry to care) and its monthly life tables from one
 * derivation of the follow-up and one set of Kaplan-Meier fits: what rereferral then
 * summaryLifeTables give, without the tables deriving and fitting it all again (a third of the
 * part's time at national scale).
 */
function withTables(
  assessments: AssessmentData,
  options: RereferralOptions,
  inputs: { categories: RowCategories; file?: string },
): { result: RereferralResult; tables: RereferralLifeTables } {
  const { result, parts, overall, byGroup } = rereferralFits(
    () => rowFollowUp(assessments, options, inputs),
    options,
    inputs,
  );
  const grouping = result.options.group === 'none' ? null : parts.grouping;
  return { result, tables: lifeTablesFromFollowUp(parts.fu, grouping, result, { overall, byGroup }) };
}

/** The parts' results together, warnings in buildSummary's order (see the file comment). */
export function mergeParts(outputs: readonly PartOutput[]): {
  input: Omit<PublishInput, 'demand'>;
  warnings: { code: string; message: string }[];
} {
  // A section not asked for: no re-referral and no attainment, as buildSummary passes them.
  const input: Omit<PublishInput, 'demand'> = { rereferral: null, rereferralTables: null, attainment: [] };
  const warnings: { code: string; message: string }[] = [];
  for (const part of SUMMARY_PARTS) {
    const out = outputs.find((o) => o.part === part);
    if (!out) continue;
    Object.assign(input, out.input);
    warnings.push(...out.warnings);
  }
  return { input, warnings };
}

/** KS4 and KS2's default tables, and each school outcome (absence, exclusion) the pupils file has. */
export function defaultAttainment(
  pupils: PupilData,
  keyStages: (2 | 4)[],
): Omit<AttainmentOptions, 'threshold'>[] {
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
