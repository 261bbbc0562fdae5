// The re-referral, repeat-plan and re-entry-to-care parts of a summary from their second-pass
// aggregates: each part as src/publish/summary-parts.ts runs it from rows (the curves by demand
// category, with the same options), its follow-up rebuilt from counts (./survival-data.ts), so
// publishSummary publishes them as from rows. The hazard ratios are left out, with the warning
// rereferralFromFollowUp gives (they adjust for continuous covariates the counts do not carry).
// Only what the aggregates hold can be asked for: curves by demand category, to the data's own
// extract date; other groupings or extract dates need the rows, and are refused naming the option.
import { rereferralFromFollowUp } from '../analyses/rereferral.js';
import type { RereferralOptions, RowCategories } from '../analyses/rereferral-types.js';
import { lifeTablesFromFollowUp } from '../publish/summary-life-tables.js';
import type { PartOutput } from '../publish/summary-parts.js';
import type { AggregateRow } from './aggregate-data.js';
import { survivalData } from './survival-data.js';
import type { SurvivalAggregate } from './survival-names.js';

const OUTCOME = {
  rereferral: ['rereferral', 'Re-referral is'],
  repeatPlans: ['repeat-plan', 'Repeat plans are'],
  careReentry: ['care-reentry', 'Re-entry to care are'], // as summary-parts.ts words it
} as const;

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * One survival part from its aggregate.
 * @param categories the levels the aggregate's category indices point into (categoryRows)
 * @example survivalPart('rereferral', rows, categories).input.rereferral?.n
 */
export function survivalPart(
  part: SurvivalAggregate,
  rows: readonly AggregateRow[],
  categories: Omit<RowCategories, 'codes'>,
  options: RereferralOptions = {},
): PartOutput {
  // The aggregates hold curves by category to the data's latest date.
  if ((options.group ?? 'category') !== 'category' || options.extractDate)
    throw new Error('rereferral: another grouping or extract date needs the rows (analyse --assessments F)');
  const parts = survivalData(rows, part, categories);
  const [outcome, what] = OUTCOME[part];
  // Left out (null) unless the analysis succeeds, as summary-parts.ts leaves a failed one.
  const input: PartOutput['input'] =
    part === 'rereferral' ? { rereferral: null, rereferralTables: null } : { [part]: null };
  const warnings: PartOutput['warnings'] = [];
  try {
    const result = rereferralFromFollowUp(
      parts,
      { ...options, group: 'category', outcome },
      { categories: { ...categories, codes: [] } },
    );
    const tables = lifeTablesFromFollowUp(parts.fu, parts.grouping, result);
    if (part === 'rereferral') {
      input.rereferral = result;
      input.rereferralTables = tables;
    } else input[part] = result.n > 0 ? { result, tables } : null;
  } catch (e) {
    warnings.push({ code: `${outcome}-failed`, message: `${what} left out: ${message(e)}` });
  }
  return { part, input, warnings };
}
