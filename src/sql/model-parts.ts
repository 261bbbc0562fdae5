// The attainment and pathways parts of a summary from aggregates (./aggregate-summary.ts): each from
// its second-pass aggregate (./query-attainment.ts, ./query-pathways.ts), with the categories the
// first pass gives (./first-pass.ts), as src/publish/summary-parts.ts runs them from rows, a failure
// a warning.
import type { SummaryOptions, SummarySection } from '../publish/summary.js';
import type { PartOutput } from '../publish/summary-parts.js';
import { aggregateAttainment } from './aggregate-attainment.js';
import { aggregatePathways } from './aggregate-pathways.js';
import { firstPass } from './first-pass.js';
import type { Aggregates } from './aggregate-data.js';

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export async function modelParts(
  aggregates: Aggregates,
  asked: readonly SummarySection[],
  options: SummaryOptions,
  file: string | null,
): Promise<PartOutput[]> {
  const first = await firstPass(aggregates.get('demand')!);
  const outputs: PartOutput[] = [];
  // Attainment: from the pupils' aggregate when there is one (none: no pupils, no tables, as from rows).
  const pupilRows = aggregates.get('attainment');
  if (asked.includes('attainment') && pupilRows) {
    const { attainment, warnings } = await aggregateAttainment(pupilRows, first, options);
    outputs.push({ part: 'attainment', input: { attainment }, warnings });
  }
  if (asked.includes('pathways')) {
    const rows = aggregates.get('pathways');
    const plans = aggregates.get('pathway_plans');
    if (!rows || !plans)
      throw new Error(
        `the pathways section needs the second pass's aggregates (pathways, pathway_plans): csc-demand sql --aggregates DIR prints their queries`,
      );
    const out: PartOutput = { part: 'pathways', input: { pathways: null }, warnings: [] };
    try {
      out.input.pathways = await aggregatePathways(
        { pathways: rows, plans },
        first.categories.rowCategories,
        options.pathways ?? {},
        file,
      );
    } catch (e) {
      out.warnings.push({ code: 'pathways-failed', message: `Pathways are left out: ${message(e)}` });
    }
    outputs.push(out);
  }
  return outputs;
}
