// The publishable summary from aggregates: the analyses fitted from the sufficient statistics a SQL
// engine computed (./queries.ts, ./survival-queries.ts), then published with the same disclosure
// control as from rows (src/publish/summary.ts does both; the aggregates reach it as frequency-weighted
// rows, or as follow-up counted back into spells).
// Sections: what the aggregates so far support: demand (categories, trend, profiles,
// characteristics, the latent class fit); re-referral, repeat plans and re-entry to care (curves by
// demand category, log-rank test, risk tables; not the hazard ratios, which adjust for continuous
// covariates: analyse --assessments fits those), each from its second-pass aggregate where one was
// saved; attainment and pathways from theirs (./model-parts.ts).
import {
  publishSummary,
  summaryDemand,
  type SummaryOptions,
  type SummarySection,
} from '../publish/summary.js';
import type { Summary } from '../publish/summary-types.js';
import { demandData } from './aggregate-data.js';
import { summaryCategories } from '../publish/summary-parts.js';
import type { Aggregates } from './aggregate-data.js';
import { modelParts } from './model-parts.js';
import { survivalPart } from './survival-parts.js';
import { SURVIVAL_AGGREGATES, type SurvivalAggregate } from './survival-names.js';

/** Sections a summary from aggregates can hold. */
export const AGGREGATE_SECTIONS: readonly SummarySection[] = [
  'demand',
  ...SURVIVAL_AGGREGATES,
  'attainment',
  'pathways',
];

/** Sections of the second pass (each from its aggregate where one was saved). */
export const SECOND_PASS_SECTIONS: readonly SummarySection[] = [
  ...SURVIVAL_AGGREGATES,
  'attainment',
  'pathways',
];

const isSurvival = (s: SummarySection): s is SurvivalAggregate =>
  (SURVIVAL_AGGREGATES as readonly string[]).includes(s);

/**
 * The sections asked for (default: all aggregates support, or with `aggregates` those they hold);
 * throws naming any that need rows, or whose aggregate is missing.
 */
export function aggregateSections(asked?: SummarySection[], aggregates?: Aggregates): SummarySection[] {
  const list = asked ?? AGGREGATE_SECTIONS.filter((s) => !aggregates || s === 'demand' || aggregates.has(s));
  const missing = list.filter((s) => !AGGREGATE_SECTIONS.includes(s));
  if (missing.length)
    throw new Error(
      `the ${missing.join(', ')} section${missing.length > 1 ? 's need' : ' needs'} the rows (analyse --assessments F); from aggregates: ${AGGREGATE_SECTIONS.join(', ')}`,
    );
  // Attainment without its aggregate is no pupils (no tables, as from rows); the others are missing.
  const absent = aggregates
    ? list.filter((s) => s !== 'demand' && s !== 'attainment' && !aggregates.has(s))
    : [];
  if (absent.length)
    throw new Error(
      `no ${absent.map((s) => `${s}.csv or ${s}.parquet`).join(', ')}: pass 2 of csc-demand sql makes it`,
    );
  return list;
}

/**
 * The summary from aggregates.
 * @param file the assessments file the engine read, as the pathways result names it (null: not known)
 */
export async function aggregateSummary(
  aggregates: Aggregates,
  options: SummaryOptions = {},
  file: string | null = null,
): Promise<Summary> {
  const asked = aggregateSections(options.sections, aggregates);
  const rows = aggregates.get('demand');
  if (!rows) throw new Error('no demand aggregate');
  const assessments = await demandData(rows);
  const sections = { ...options, sections: asked };
  const first = await summaryDemand(assessments, sections);
  const survival = asked.filter(isSurvival);
  // The categories pass 2 was given (./category-map.ts) are these: the same fit on the same rows.
  const categories = survival.length ? summaryCategories(assessments).rowCategories : null;
  const outputs = survival.map((s) => survivalPart(s, aggregates.get(s)!, categories!, options.rereferral));
  if (asked.includes('attainment') || asked.includes('pathways'))
    outputs.push(...(await modelParts(aggregates, asked, options, file)));
  return publishSummary(assessments, first, outputs, sections);
}
