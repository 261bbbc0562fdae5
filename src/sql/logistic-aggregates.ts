// Logistic regression with continuous covariates fitted from aggregate queries: one query an IRLS
// iteration (./query-logistic-step.ts), the engine summing X'WX and X'Wz over its rows, the kit
// solving for the next coefficients. The iterations are glm.fit's, as src/regression/logistic.ts
// takes them on rows: the same start, working weights, deviance and convergence rule
// (|dev - dev_old| / (|dev| + 0.1) < epsilon, at most maxIter), and standard errors from the last
// system solved (R's fit$qr: the weights of the previous iterate). The normal equations are solved by
// Cholesky rather than QR: the same estimates to rounding while X'WX is well conditioned; a singular
// one (an aliased covariate) is an error here, where the row fit drops the term.
// Contract: `run` returns the one row of a step query's result (any engine: DuckDB in the tests).
import { cholesky, choleskyInverse, choleskySolve } from '../math/linalg.js';
import { normalQuantile, normalTwoSidedP } from '../math/special.js';
import type { Select } from './builder.js';
import type { AggregateRow } from './aggregate-data.js';
import { logisticStepSelect, type LogisticStepModel } from './query-logistic-step.js';

export interface AggregateLogisticResult {
  names: string[];
  coefficients: {
    term: string;
    estimate: number;
    se: number;
    z: number;
    p: number;
    lower: number;
    upper: number;
  }[];
  deviance: number;
  n: number;
  iterations: number;
  converged: boolean;
}

interface Step {
  n: number;
  deviance: number;
  xwx: Float64Array;
  xwz: Float64Array;
}

function readStep(rows: readonly AggregateRow[], p: number): Step {
  const r = rows[0];
  if (rows.length !== 1 || !r) throw new Error(`logistic step: expected one row, got ${rows.length}`);
  const get = (name: string): number => {
    const key = Object.keys(r).find((k) => k.toLowerCase() === name);
    const v = key === undefined ? NaN : Number(r[key]);
    if (!Number.isFinite(v))
      throw new Error(`logistic step: column ${name}: expected a number, got ${String(key && r[key])}`);
    return v;
  };
  const xwx = new Float64Array(p * p);
  const xwz = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    for (let k = j; k < p; k++) xwx[j * p + k] = xwx[k * p + j] = get(`xwx_${j}_${k}`);
    xwz[j] = get(`xwz_${j}`);
  }
  return { n: get('n'), deviance: get('deviance'), xwx, xwz };
}

/**
 * Fit logit P(outcome) ~ covariates by one aggregate query an iteration.
 * @param run runs a query and returns its rows
 * @example await logisticFromAggregates((s) => db.all(render(s, 'duckdb')), 't', {outcome: 'y', covariates: ['x']})
 */
export async function logisticFromAggregates(
  run: (select: Select) => Promise<AggregateRow[]>,
  table: string,
  model: LogisticStepModel,
  { maxIter = 25, epsilon = 1e-8, level = 0.95 }: { maxIter?: number; epsilon?: number; level?: number } = {},
): Promise<AggregateLogisticResult> {
  const p = model.covariates.length + 1;
  const step = async (beta: number[] | null) =>
    readStep(await run(logisticStepSelect(table, model, beta)), p);
  let last = await step(null);
  let devOld = last.deviance;
  let solved = last;
  let beta: number[] = [];
  let converged = false;
  let iterations = 0;
  for (let iter = 1; iter <= maxIter; iter++) {
    iterations = iter;
    const l = cholesky(last.xwx, p);
    if (!l)
      throw new Error("logistic from aggregates: X'WX is singular (an aliased covariate); fit from rows");
    beta = Array.from(choleskySolve(l, p, last.xwz));
    solved = last;
    last = await step(beta);
    if (Math.abs(last.deviance - devOld) / (Math.abs(last.deviance) + 0.1) < epsilon) {
      converged = true;
      break;
    }
    devOld = last.deviance;
  }
  const inv = choleskyInverse(cholesky(solved.xwx, p)!, p);
  const q = normalQuantile(1 - (1 - level) / 2);
  const names = ['(Intercept)', ...model.covariates];
  return {
    names,
    coefficients: names.map((term, j) => {
      const se = Math.sqrt(inv[j * p + j]!);
      const estimate = beta[j]!;
      return {
        term,
        estimate,
        se,
        z: estimate / se,
        p: normalTwoSidedP(estimate / se),
        lower: estimate - q * se,
        upper: estimate + q * se,
      };
    }),
    deviance: last.deviance,
    n: last.n,
    iterations,
    converged,
  };
}
