// One iteration of logistic regression (IRLS, as src/regression/logistic.ts and R's glm.fit) as an
// aggregate query, for models with continuous covariates, whose rows do not collapse into a few
// covariate patterns (with categorical covariates only, counts of successes and trials by pattern
// are the sufficient statistics, one query: src/analyses/pathways-grouped-fit.ts). Given the
// coefficients b (or none: glm's start, mu = (y + 0.5) / 2), the engine returns one row:
// - n, the rows with the outcome and every covariate known;
// - deviance at b: -2 sum [y log mu + (1 - y) log(1 - mu)];
// - xwx_j_k (j <= k) = sum w x_j x_k and xwz_j = sum w x_j z, the working weights w = mu'^2 / (mu (1 - mu))
//   and response z = eta + (y - mu) / mu' at b, with eta and mu' clamped beyond |eta| > 30 as R's
//   logit_linkinv and logit_mu_eta are; x_0 = 1, the intercept.
// Solving (X'WX) b' = X'Wz gives the next coefficients (./logistic-aggregates.ts), so the rows never
// leave the engine and each iteration reads them once.
import { cast, col, count, exp, isNull, lit, ln, op, sum, when, type Expr, type Select } from './builder.js';

export interface LogisticStepModel {
  /** A 0/1 column. */
  outcome: string;
  /** Numeric columns (the model has an intercept as well). */
  covariates: string[];
}

const EPS = 2.220446049250313e-16;
const THRESH = 30;

/** Columns of the step's row, in order: n, deviance, xwx_j_k (j <= k), xwz_j. */
export function logisticStepColumns(p: number): string[] {
  const out = ['n', 'deviance'];
  for (let j = 0; j < p; j++) for (let k = j; k < p; k++) out.push(`xwx_${j}_${k}`);
  for (let j = 0; j < p; j++) out.push(`xwz_${j}`);
  return out;
}

/**
 * The step's query over `table` at coefficients `beta` (intercept first), or glm's start when null.
 * @example render(logisticStepSelect('t', {outcome: 'y', covariates: ['x']}, [0.1, -0.2]), 'duckdb')
 */
export function logisticStepSelect(table: string, model: LogisticStepModel, beta: number[] | null): Select {
  const p = model.covariates.length + 1;
  if (beta && beta.length !== p)
    throw new Error(`logisticStepSelect: invalid beta; expected ${p} coefficients, got ${beta.length}`);
  const x = (j: number): Expr => (j === 0 ? lit(1) : col(`x${j}`));
  // Level 1: the known rows, typed as floating point (no integer division in any engine).
  const known = [model.outcome, ...model.covariates]
    .map((c) => isNull(col(c), true))
    .reduce((a, b) => op(a, 'AND', b));
  const rows: Select = {
    columns: [
      { e: cast(col(model.outcome), 'float'), as: 'y' },
      ...model.covariates.map((c, j) => ({ e: cast(col(c), 'float'), as: `x${j + 1}` })),
    ],
    from: table,
    where: known,
  };
  // Level 2: eta (glm's start: log(0.75 / 0.25) = log 3 for y = 1, its negative for y = 0).
  const start = Math.log(0.75 / 0.25);
  const eta: Expr = beta
    ? beta.map((b, j) => op(lit(b), '*', x(j))).reduce((a, b) => op(a, '+', b))
    : when([[op(col('y'), '=', lit(1)), lit(start)]], lit(-start));
  const withEta: Select = {
    columns: [
      { e: col('y'), as: 'y' },
      ...model.covariates.map((_, j) => ({ e: col(`x${j + 1}`), as: `x${j + 1}` })),
      { e: eta, as: 'eta' },
    ],
    from: { select: rows, as: 'r' },
  };
  // Level 3: t = exp(eta) clamped, mu = t / (1 + t), mu' = t / (1 + t)^2 (eps beyond the clamp).
  const beyond = op(op(col('eta'), '<', lit(-THRESH)), 'OR', op(col('eta'), '>', lit(THRESH)));
  const t = when(
    [
      [op(col('eta'), '<', lit(-THRESH)), lit(EPS)],
      [op(col('eta'), '>', lit(THRESH)), lit(1 / EPS)],
    ],
    exp(col('eta')),
  );
  const withMu: Select = {
    columns: [
      { e: col('y'), as: 'y' },
      ...model.covariates.map((_, j) => ({ e: col(`x${j + 1}`), as: `x${j + 1}` })),
      { e: col('eta'), as: 'eta' },
      { e: op(t, '/', op(lit(1), '+', t)), as: 'mu' },
      {
        e: when(
          [[beyond, lit(EPS)]],
          op(
            exp(col('eta')),
            '/',
            op(op(lit(1), '+', exp(col('eta'))), '*', op(lit(1), '+', exp(col('eta')))),
          ),
        ),
        as: 'd',
      },
    ],
    from: { select: withEta, as: 'e' },
  };
  // Level 4: w and z.
  const v = op(col('mu'), '*', op(lit(1), '-', col('mu')));
  const working: Select = {
    columns: [
      { e: col('y'), as: 'y' },
      ...model.covariates.map((_, j) => ({ e: col(`x${j + 1}`), as: `x${j + 1}` })),
      { e: col('mu'), as: 'mu' },
      { e: op(op(col('d'), '*', col('d')), '/', v), as: 'w' },
      { e: op(col('eta'), '+', op(op(col('y'), '-', col('mu')), '/', col('d'))), as: 'z' },
    ],
    from: { select: withMu, as: 'm' },
  };
  const columns: { e: Expr; as: string }[] = [
    { e: count(), as: 'n' },
    {
      e: sum(
        when(
          [[op(col('y'), '=', lit(1)), op(lit(-2), '*', ln(col('mu')))]],
          op(lit(-2), '*', ln(op(lit(1), '-', col('mu')))),
        ),
      ),
      as: 'deviance',
    },
  ];
  for (let j = 0; j < p; j++)
    for (let k = j; k < p; k++)
      columns.push({ e: sum(op(op(col('w'), '*', x(j)), '*', x(k))), as: `xwx_${j}_${k}` });
  for (let j = 0; j < p; j++)
    columns.push({ e: sum(op(op(col('w'), '*', x(j)), '*', col('z'))), as: `xwz_${j}` });
  return { columns, from: { select: working, as: 'w' } };
}
