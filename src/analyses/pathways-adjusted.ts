// Odds ratios of a child protection plan and of care by demand category, adjusted for age band,
// gender and ethnic group (logistic regression, pathways-grouped-fit.ts), against the largest
// category (or the one asked for). The study's findings this lets a council check for itself:
// children in "risks outside the home" less likely to have a plan and more likely to be in care;
// domestic abuse with other factors more likely to get a plan.
// Rows with an unknown age, gender or ethnic group are left out of both models (R's na.omit) and
// counted by the caller; Wald intervals (exp(b +- z se)).
import type { Warning } from '../warnings.js';
import type { Coded } from './pathways-covariates.js';
import { groupedLogistic, type GroupedTerm } from './pathways-grouped-fit.js';
import type { PathwayModel, PathwayOddsRatio, PathwaysAdjusted } from './pathways-types.js';

export interface AdjustedInputs {
  category: Coded;
  age: Coded;
  gender: Coded;
  ethnicity: Coded;
  plan: Uint8Array;
  care: Uint8Array;
  /** Rows in the analysis (window complete, category known). */
  use: Uint8Array;
  /** Assessments each row stands for (rows of aggregates); null or absent: one each. */
  weight?: ArrayLike<number> | null;
}

const ADJUSTED_FOR: [keyof AdjustedInputs, string][] = [
  ['age', 'age band'],
  ['gender', 'gender'],
  ['ethnicity', 'ethnic group'],
];

/**
 * Both models; null when fewer than two categories have assessments.
 * @example pathwaysAdjusted(inputs, null).plan.terms[0].or // odds ratio of a plan, first category
 */
export function pathwaysAdjusted(x: AdjustedInputs, reference: string | null): PathwaysAdjusted | null {
  // Records per category among rows every model term knows: the default reference is the largest.
  const counts = new Array<number>(x.category.levels.length).fill(0);
  for (let i = 0; i < x.use.length; i++) {
    if (!x.use[i]) continue;
    if (x.age.codes[i]! < 0 || x.gender.codes[i]! < 0 || x.ethnicity.codes[i]! < 0) continue;
    const c = x.category.codes[i]!;
    if (c >= 0) counts[c]! += x.weight ? x.weight[i]! : 1;
  }
  const present = counts.filter((c) => c > 0).length;
  if (present < 2) return null;
  let ref = counts.indexOf(Math.max(...counts));
  if (reference !== null) {
    const at = x.category.levels.indexOf(reference);
    if (at < 0 || counts[at] === 0) {
      throw new Error(
        `pathways: invalid reference; expected a category with assessments (${x.category.levels.filter((_, k) => counts[k]! > 0).join(', ')}), got '${reference}'`,
      );
    }
    ref = at;
  }
  const terms: GroupedTerm[] = [
    {
      name: 'category',
      codes: x.category.codes,
      levels: x.category.levels,
      reference: x.category.levels[ref],
    },
    { name: 'age', codes: x.age.codes, levels: x.age.levels },
    { name: 'gender', codes: x.gender.codes, levels: x.gender.levels },
    { name: 'ethnicity', codes: x.ethnicity.codes, levels: x.ethnicity.levels },
  ];
  const labelOf: Record<string, Map<string, string>> = {
    category: new Map(x.category.levels.map((l, k) => [l, x.category.labels[k]!])),
    age: new Map(x.age.levels.map((l, k) => [l, x.age.labels[k]!])),
  };
  const model = (outcome: 'plan' | 'care'): PathwayModel => {
    const g = groupedLogistic(outcome === 'plan' ? x.plan : x.care, x.use, terms, x.weight);
    const warnings: Warning[] = [...g.design.warnings, ...g.fit.warnings];
    const out: PathwayOddsRatio[] = g.fit.coefficients
      .filter((c) => c.term !== '(Intercept)')
      .map((c) => {
        const eq = c.term.indexOf('=');
        const factor = c.term.slice(0, eq);
        const level = c.term.slice(eq + 1);
        const refLevel = g.design.levels[factor]!.reference;
        const name = labelOf[factor]?.get(level) ?? level;
        return {
          term: c.term,
          level,
          label: factor === 'category' ? name : `${ADJUSTED_FOR.find(([k]) => k === factor)![1]}: ${name}`,
          kind: factor === 'category' ? 'category' : 'covariate',
          or: c.oddsRatio,
          lower: c.orLower,
          upper: c.orUpper,
          p: c.p,
          coef: c.estimate,
          se: c.se,
          n: g.levelRecords[factor]?.[level] ?? null,
          referenceN: g.levelRecords[factor]?.[refLevel] ?? null,
        };
      });
    return { outcome, n: g.n, events: g.events, terms: out, converged: g.fit.converged, warnings };
  };
  return {
    reference: { level: x.category.levels[ref]!, label: x.category.labels[ref]!, n: counts[ref]! },
    adjustedFor: ADJUSTED_FOR.map(([, label]) => label),
    plan: model('plan'),
    care: model('care'),
  };
}
