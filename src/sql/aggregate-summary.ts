// The publishable summary from aggregates: the analyses fitted from the sufficient statistics a SQL
// engine computed (./queries.ts), then published with the same disclosure control as from rows
// (src/publish/summary.ts does both; the aggregates reach it as frequency-weighted rows).
// Sections: what the aggregates so far support, the demand section (categories, trend, profiles,
// characteristics, the latent class fit). Re-referral, attainment and pathways follow children
// from one episode to the next and pupils to their assessments: those sections still need the rows
// (`csc-demand analyse --assessments F`), and are absent from a summary made from aggregates.
import { buildSummary, type SummaryOptions, type SummarySection } from '../publish/summary.js';
import type { Summary } from '../publish/summary-types.js';
import { demandData } from './aggregate-data.js';
import type { Aggregates } from './read-aggregates.js';

/** Sections a summary from aggregates can hold. */
export const AGGREGATE_SECTIONS: readonly SummarySection[] = ['demand'];

/** The sections asked for (default: all aggregates support); throws naming any that need rows. */
export function aggregateSections(asked: SummarySection[] = [...AGGREGATE_SECTIONS]): SummarySection[] {
  const missing = asked.filter((s) => !AGGREGATE_SECTIONS.includes(s));
  if (missing.length)
    throw new Error(
      `the ${missing.join(', ')} section${missing.length > 1 ? 's need' : ' needs'} the rows (analyse --assessments F); from aggregates: ${AGGREGATE_SECTIONS.join(', ')}`,
    );
  return asked;
}

export async function aggregateSummary(
  aggregates: Aggregates,
  options: SummaryOptions = {},
): Promise<Summary> {
  const asked = aggregateSections(options.sections);
  const rows = aggregates.get('demand');
  if (!rows) throw new Error('no demand aggregate');
  const assessments = await demandData(rows);
  return buildSummary({ assessments }, { ...options, sections: asked });
}
