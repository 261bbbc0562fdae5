// Logistic models of the pathways analysis fitted on covariate patterns rather than rows: the rows
// that share every term's level (and decile) are one binomial record with n trials and `events`
// successes. The likelihood is the rows' likelihood up to a constant, so the estimates, standard
// errors and differences of deviance (likelihood-ratio tests) are exactly those of the row-level fit
// (R: glm(cbind(events, n - events) ~ ...) equals glm(y ~ ..., binomial) on the rows), while the
// cost is that of the patterns: a few thousand at most, whatever the number of assessments.
// Deviance and AIC themselves differ from the row-level fit's (the saturated model differs), so
// only their differences are reported.
import { designMatrix, type DesignMatrix } from '../regression/design-matrix.js';
import { logistic, type LogisticResult } from '../regression/logistic.js';

export interface GroupedTerm {
  name: string;
  codes: ArrayLike<number>;
  levels: readonly string[];
  /** 'factor' (default): a term per non-reference level; 'numeric': the level's value (Number(level)). */
  kind?: 'factor' | 'numeric';
  /** Reference level (factor terms); defaults to the first level. */
  reference?: string;
}

export interface GroupedFit {
  fit: LogisticResult;
  design: DesignMatrix;
  /** Records (rows) in the model and those with the outcome. */
  n: number;
  events: number;
  /** Per term: records at each level (factor terms), for odds ratios' `n` and disclosure control. */
  levelRecords: Record<string, Record<string, number>>;
}

/**
 * Fit logit P(outcome) ~ terms on the rows where `use` is 1 and every term is known; `weight`: the
 * rows each row stands for (rows of aggregates), default one each.
 * @example groupedLogistic(plan, use, [{name: 'category', codes, levels}]).fit.coefficients
 */
export function groupedLogistic(
  outcome: ArrayLike<number>,
  use: Uint8Array,
  terms: GroupedTerm[],
  weight: ArrayLike<number> | null = null,
): GroupedFit {
  // Pattern number: the terms' codes in mixed radix; a dense table when there are few possible
  // patterns (the usual case: 12 categories x 5 ages x 4 genders x 5 groups), else a Map.
  const sizes = terms.map((t) => t.levels.length);
  const possible = sizes.reduce((a, b) => a * b, 1);
  const dense = possible <= 1 << 20 ? new Int32Array(possible).fill(-1) : null;
  const sparse = dense ? null : new Map<number, number>();
  const patternCodes: number[][] = [];
  const trials: number[] = [];
  const successes: number[] = [];
  const nTerms = terms.length;
  const termCodes = terms.map((t) => t.codes);
  for (let i = 0; i < use.length; i++) {
    if (!use[i]) continue;
    let k = 0;
    let known = true;
    for (let t = 0; t < nTerms; t++) {
      const c = termCodes[t]![i]!;
      if (!(c >= 0)) {
        known = false;
        break;
      }
      k = k * sizes[t]! + c;
    }
    if (!known) continue;
    let p = dense ? dense[k]! : (sparse!.get(k) ?? -1);
    if (p < 0) {
      p = trials.length;
      if (dense) dense[k] = p;
      else sparse!.set(k, p);
      patternCodes.push(termCodes.map((codes) => codes[i]!));
      trials.push(0);
      successes.push(0);
    }
    // A row of aggregates stands for `weight` alike rows: as many trials (and successes).
    const w = weight ? weight[i]! : 1;
    trials[p]! += w;
    if (outcome[i]) successes[p]! += w;
  }
  const columns: Record<string, ArrayLike<number> | string[]> = {};
  terms.forEach((t, j) => {
    columns[t.name] =
      t.kind === 'numeric'
        ? Float64Array.from(patternCodes, (pc) => Number(t.levels[pc[j]!]))
        : patternCodes.map((pc) => t.levels[pc[j]!]!);
  });
  columns['(trials)'] = Float64Array.from(trials);
  columns['(proportion)'] = Float64Array.from(trials, (m, p) => successes[p]! / m);
  const factors = terms.filter((t) => t.kind !== 'numeric');
  const design = designMatrix(columns, {
    outcomes: ['(proportion)', '(trials)'],
    covariates: terms.filter((t) => t.kind === 'numeric').map((t) => t.name),
    factors: factors.map((t) => t.name),
    ref: Object.fromEntries(
      factors.filter((t) => t.reference !== undefined).map((t) => [t.name, t.reference!]),
    ),
  });
  const fit = logistic(design.outcomes['(proportion)']!, design.x, design.names, {
    weights: design.outcomes['(trials)']!,
  });
  let n = 0;
  let events = 0;
  const levelRecords: GroupedFit['levelRecords'] = {};
  for (const t of factors) levelRecords[t.name] = {};
  for (let p = 0; p < trials.length; p++) {
    n += trials[p]!;
    events += successes[p]!;
    terms.forEach((t, j) => {
      if (t.kind === 'numeric') return;
      const counts = levelRecords[t.name]!;
      const level = t.levels[patternCodes[p]![j]!]!;
      counts[level] = (counts[level] ?? 0) + trials[p]!;
    });
  }
  return { fit, design, n, events, levelRecords };
}
