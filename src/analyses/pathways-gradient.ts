// The social gradient: the share of assessments followed within the window by a child protection plan
// or care, by deprivation decile of the child's home area (1 = most deprived), overall and within
// the groups of a split (age under 5 or older, neglect recorded at assessment or not, ethnic group).
//
// - Slope: a logistic model of plan-or-care on deprivation as a number (10 - decile, so the odds
//   ratio is per decile MORE deprived, above 1 when more deprived children are more likely to get
//   an intervention), fitted overall and in each group separately (group-specific intercepts and
//   slopes: the same estimates as the interaction model split * deprivation).
// - Interaction test: likelihood ratio of split * deprivation against split + deprivation,
//   chi-square on (groups - 1) df; both models are fitted on the same split x decile patterns, so
//   the difference of their grouped deviances is that of the row-level fits.
// - Shares by decile with Wilson intervals.
// The companion study found the gradient steepest for the youngest children, for White British
// children and for neglect (Bywaters et al.; Kingston University / NCB "system conditions and
// inequalities").
import { wilson } from '../math/proportion.js';
import { chiSquareUpper } from '../math/special.js';
import type { Warning } from '../warnings.js';
import type { Coded } from './pathways-covariates.js';
import { groupedLogistic, type GroupedTerm } from './pathways-grouped-fit.js';
import type { GradientGroup, GradientSlope, GradientSplit, PathwaysGradient } from './pathways-types.js';

/** Level names of `10 - decile` for decile codes 0..9 (deciles 1..10). */
const MORE_DEPRIVED = Array.from({ length: 10 }, (_, k) => String(9 - k));

export const SPLIT_TITLES: Record<GradientSplit, string> = {
  none: 'All assessments',
  age: 'Age at referral',
  neglect: 'Neglect recorded at assessment',
  ethnicity: 'Ethnic group',
};

/**
 * The gradient and its split (see the file comment); null when no row has a decile.
 * @param outcome per row 1 = plan or care in the window; use: rows in the analysis
 */
export function pathwaysGradient(
  outcome: Uint8Array,
  use: Uint8Array,
  decile: Coded,
  split: GradientSplit,
  splitCodes: Coded,
  level: number,
  weight: ArrayLike<number> | null = null,
): PathwaysGradient | null {
  const n = use.length;
  const rows = new Uint8Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (use[i] && decile.codes[i]! >= 0 && splitCodes.codes[i]! >= 0) {
      rows[i] = 1;
      total++;
    }
  }
  const w = (i: number): number => (weight ? weight[i]! : 1);
  if (total === 0) return null;
  const warnings: Warning[] = [];
  const deprivation: GroupedTerm = {
    name: 'deprivation',
    codes: decile.codes,
    levels: MORE_DEPRIVED,
    kind: 'numeric',
  };

  const group = (mask: Uint8Array, levelId: string, label: string): GradientGroup => {
    const m = new Array<number>(10).fill(0);
    const e = new Array<number>(10).fill(0);
    for (let i = 0; i < n; i++) {
      if (!mask[i]) continue;
      const d = decile.codes[i]!;
      m[d]! += w(i);
      if (outcome[i]) e[d]! += w(i);
    }
    const nAll = m.reduce((a, b) => a + b, 0);
    const events = e.reduce((a, b) => a + b, 0);
    let slope: GradientSlope = { coef: null, se: null, or: null, lower: null, upper: null, p: null };
    if (m.filter((k) => k > 0).length >= 2) {
      const g = groupedLogistic(outcome, mask, [deprivation], weight);
      const c = g.fit.coefficients[1]!;
      slope = { coef: c.estimate, se: c.se, or: c.oddsRatio, lower: c.orLower, upper: c.orUpper, p: c.p };
      for (const w of g.fit.warnings) warnings.push({ ...w, message: `${label}: ${w.message}` });
    } else {
      warnings.push({
        code: 'gradient-one-decile',
        message: `${label}: assessments in fewer than two deciles, so no slope`,
      });
    }
    return {
      level: levelId,
      label,
      n: nAll,
      events,
      deciles: m.map((k, d) => {
        const w = k > 0 ? wilson(e[d]!, k, { level }) : null;
        return {
          decile: d + 1,
          n: k,
          events: e[d]!,
          share: w ? w.estimate : null,
          lower: w ? w.lower : null,
          upper: w ? w.upper : null,
        };
      }),
      slope,
    };
  };

  const overall = group(rows, 'all', 'All assessments');
  const groups: GradientGroup[] = [];
  const masks: Uint8Array[] = [];
  if (split !== 'none') {
    splitCodes.levels.forEach((l, k) => {
      const mask = new Uint8Array(n);
      let any = false;
      for (let i = 0; i < n; i++) {
        if (rows[i] && splitCodes.codes[i] === k) {
          mask[i] = 1;
          any = true;
        }
      }
      if (!any) return;
      masks.push(mask);
      groups.push(group(mask, l, splitCodes.labels[k]!));
    });
  }
  let interaction: PathwaysGradient['interaction'] = null;
  const fitted = groups.filter((g) => g.slope.coef !== null);
  if (fitted.length >= 2 && fitted.length === groups.length) {
    const additive = groupedLogistic(
      outcome,
      rows,
      [{ name: 'split', codes: splitCodes.codes, levels: splitCodes.levels }, deprivation],
      weight,
    );
    let separate = 0;
    for (const mask of masks) separate += groupedLogistic(outcome, mask, [deprivation], weight).fit.deviance;
    const chisq = Math.max(0, additive.fit.deviance - separate);
    const df = groups.length - 1;
    interaction = { chisq, df, p: chiSquareUpper(chisq, df) };
  }
  return {
    outcome: 'plan-or-care',
    split,
    splitTitle: SPLIT_TITLES[split],
    n: overall.n,
    events: overall.events,
    overall,
    groups,
    interaction,
    warnings,
  };
}
