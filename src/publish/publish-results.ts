// Results already computed -> the published summary: metadata, the symbols, and each section with
// disclosure control applied. The elements' "Download summary" calls this in the worker, where the
// record-level data still are; buildSummary (summary.ts) runs the analyses first and then this.
//
// Contract
// - Input: any of the three results (null or absent: the section is null or empty). The re-referral
//   result needs its monthly life tables (summaryLifeTables on the same data): its curves carry no
//   counts. Attainment results must be computed with threshold 0 (publish-attainment.ts).
// - Options: threshold (default 5, the DfE convention), areaName, generatedAt (a Date or ISO
//   string: the caller's clock, so the same inputs give the same file), model, period, extractDate
//   (default: the re-referral result's).
// - Output: Summary (summary-types.ts), plain JSON that validateSummary accepts.
import type { AttainmentResult } from '../analyses/attainment-types.js';
import type { DemandResult } from '../analyses/demand-types.js';
import type { RereferralResult } from '../analyses/rereferral-types.js';
import { VERSION } from '../version.js';
import { isPublishableThreshold, thresholdRule } from './disclosure.js';
import { runDisclosurePass, type SameRecords, type SectionPlan } from './disclosure-pass.js';
import { planAttainment, withRowsRead } from './publish-attainment.js';
import { planDemand } from './publish-demand.js';
import { planRereferral } from './publish-rereferral.js';
import { planPathways, type PublishedPathways } from './publish-pathways.js';
import type { PathwaysResult } from '../analyses/pathways-types.js';
import type { RereferralLifeTables } from './summary-life-tables.js';
import {
  SUMMARY_FORMAT,
  SUMMARY_VERSION,
  SYMBOLS,
  type PublishedAttainment,
  type PublishedDemand,
  type PublishedRereferral,
  type Summary,
  type SummaryMetadata,
} from './summary-types.js';

export interface PublishInput {
  demand?: DemandResult | null;
  rereferral?: RereferralResult | null;
  /** summaryLifeTables(data, rereferral, {categories}): required with `rereferral`. */
  rereferralTables?: RereferralLifeTables | null;
  /** One result per key stage and outcome, computed with threshold 0. */
  attainment?: AttainmentResult | readonly AttainmentResult[] | null;
  /** The sections after the assessment; absent: left out of the summary, null: asked for but none. */
  pathways?: PathwaysResult | null;
  /** Re-referral results with outcome 'repeat-plan' and 'care-reentry', each with its life tables. */
  repeatPlans?: { result: RereferralResult; tables: RereferralLifeTables } | null;
  careReentry?: { result: RereferralResult; tables: RereferralLifeTables } | null;
}

export interface PublishOptions {
  /** Counts from 1 to this are suppressed; default 5. */
  threshold?: number;
  areaName?: string | null;
  /** When the summary was made; default null (give the clock's time to stamp it). */
  generatedAt?: string | Date | null;
  model?: 'national' | 'local';
  period?: { from: string | null; to: string | null } | null;
  extractDate?: string | null;
  /** Notes to carry in the summary's warnings (e.g. a section that could not be computed). */
  warnings?: { code: string; message: string }[];
}

/** The disclosure rule in words, for the metadata and a page's footnote. */
export function disclosureDescription(threshold: number): string {
  return (
    `Counts from 1 to ${threshold} are shown as c (the Department for Education's convention), and further counts are ` +
    `shown as c where they would let such a count be worked out from totals, other rows or columns, or the difference ` +
    `between published groups or years. Percentages, intervals and rates are computed from the unrounded counts. ` +
    `Re-referral curves are published at whole months, merging months so that no step stands for 1 to ${threshold} ` +
    `re-referrals or episodes leaving follow-up, and stop where ${threshold} or fewer episodes are still followed. ` +
    `Means are shown only for groups of more than ${threshold} pupils; the share of pupils reaching a standard only where ` +
    `the pupils reaching it and those not reaching it are each 0 or more than ${threshold}, and cannot be worked out from other rows. ` +
    `A category's factor profile is withheld where the category's count is c, and each profile cell that rests on 1 to ` +
    `${threshold} assessments (recording the factor, or not recording it) is withheld. All sections are suppressed ` +
    `together, so a count hidden in one cannot be read off another that counts the same records.`
  );
}

/**
 * Turn computed results into the published summary.
 * @example publishResults({rereferral, rereferralTables, attainment: [ks4, ks2]}, {areaName: 'Exampleshire', generatedAt: new Date()})
 */
export function publishResults(
  input: PublishInput,
  {
    threshold = 5,
    areaName = null,
    generatedAt = null,
    model = 'national',
    period = null,
    extractDate,
    warnings = [],
  }: PublishOptions = {},
): Summary {
  if (!isPublishableThreshold(threshold))
    throw new Error(`publishResults: invalid threshold; ${thresholdRule(threshold)}`);
  if (model !== 'national' && model !== 'local')
    throw new Error(`publishResults: invalid model; expected 'national' or 'local', got '${String(model)}'`);
  let stamp: string | null = null;
  if (generatedAt instanceof Date) stamp = generatedAt.toISOString();
  else if (generatedAt !== null) {
    if (typeof generatedAt !== 'string' || Number.isNaN(Date.parse(generatedAt)))
      throw new Error(
        `publishResults: invalid generatedAt; expected a Date or an ISO date-time, got ${JSON.stringify(generatedAt)}`,
      );
    stamp = generatedAt;
  }
  if (input.rereferral && !input.rereferralTables)
    throw new Error(
      'publishResults: invalid input; the re-referral result needs its monthly life tables (rereferralTables: summaryLifeTables(data, result))',
    );
  const attainmentResults = input.attainment
    ? Array.isArray(input.attainment)
      ? (input.attainment as readonly AttainmentResult[])
      : [input.attainment as AttainmentResult]
    : [];
  const ordered = [...attainmentResults].sort((a, b) => b.options.keyStage - a.options.keyStage);
  // One disclosure pass over every section (disclosure-pass.ts), so that a count hidden in one
  // section cannot be read off another that counts the same records.
  const plans: SectionPlan<unknown>[] = [];
  if (input.demand) plans.push(planDemand(input.demand, { threshold }));
  if (input.rereferral) plans.push(planRereferral(input.rereferral, input.rereferralTables!, { threshold }));
  plans.push(...ordered.map((r, i) => planAttainment(r, i, threshold)));
  // After the assessment: pathways, and the re-referral machinery's other two outcomes under their
  // own section names (the pass prefixes each section's keys with its name).
  const after: ('pathways' | 'repeatPlans' | 'careReentry')[] = [];
  if (input.pathways) {
    plans.push(planPathways(input.pathways));
    after.push('pathways');
  }
  for (const section of ['repeatPlans', 'careReentry'] as const) {
    const x = input[section];
    if (!x) continue;
    plans.push({ ...planRereferral(x.result, x.tables, { threshold }), section });
    after.push(section);
  }
  // The assessments of the demand section and the referral episodes of the re-referral section:
  // equal when each referral has one assessment (common), so one gives the other.
  const relations: SameRecords[] =
    input.demand && input.rereferral
      ? [
          {
            a: { key: 'demand:n', value: input.demand.n },
            b: { key: 'rereferral:episodes', value: input.rereferral.episodes.total },
          },
        ]
      : [];
  // The pathways section's assessments are among the demand section's: their difference (windows
  // still open, rows with no category) is protected like a cell.
  if (input.demand && input.pathways)
    relations.push({
      a: { key: 'demand:n', value: input.demand.n },
      b: { key: 'pathways:n', value: input.pathways.n },
    });
  const published = runDisclosurePass(plans, relations, { threshold });
  const afterPublished = published.splice(published.length - after.length, after.length);
  const afterSections: Partial<Pick<Summary, 'pathways' | 'repeatPlans' | 'careReentry'>> = {};
  after.forEach((section, k) => {
    if (section === 'pathways') afterSections.pathways = afterPublished[k] as PublishedPathways;
    else afterSections[section] = afterPublished[k] as PublishedRereferral;
  });
  // Asked for but with nothing to publish (no plan ended, no period in care): null, not absent.
  for (const section of ['pathways', 'repeatPlans', 'careReentry'] as const)
    if (input[section] === null) afterSections[section] = null;
  const demand = input.demand ? (published.shift() as PublishedDemand) : null;
  const rereferral = input.rereferral ? (published.shift() as PublishedRereferral) : null;
  const attainment = withRowsRead(ordered, published as PublishedAttainment[], threshold);
  const years = input.demand?.years ?? [];
  const metadata: SummaryMetadata = {
    areaName,
    period: period ?? {
      from: years[0]?.year ?? null,
      to: years[years.length - 1]?.year ?? null,
    },
    extractDate: extractDate ?? input.rereferral?.options.extractDate ?? null,
    packageVersion: VERSION,
    generatedAt: stamp,
    methods: {
      model: input.demand?.model ?? model,
      rereferral: rereferral ? rereferral.options : null,
      attainment: attainment.map((a) => a.options),
      demand: demand ? demand.options : null,
    },
    disclosure: {
      rule: 'dfe-suppression',
      threshold,
      secondary: true,
      description: disclosureDescription(threshold),
    },
  };
  return {
    format: SUMMARY_FORMAT,
    schemaVersion: SUMMARY_VERSION,
    metadata,
    symbols: SYMBOLS.map((s) => ({ ...s })),
    demand,
    rereferral,
    attainment,
    ...afterSections,
    warnings: warnings.map((w) => ({ ...w })),
  };
}
