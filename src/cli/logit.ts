// `csc-demand logit --input F --y C [--x a,b] [--factors c] [--ref c=level] [--weights C]
// [--no-intercept] [--level 0.95] [--json]`: logistic regression as R's
// glm(y ~ a + b + factor(c), family = binomial, weights = C). Rows with a missing value in any column
// used are dropped and counted (`excluded`). --json prints one document: `coefficients` [{term,
// estimate, se, z, p, lower, upper, oddsRatio, orLower, orUpper}], `deviance`, `nullDeviance`, `aic`,
// `iterations`, `n`, plus `converged`, `rank`, `dfResidual`, `dfNull`, `logLik`, `aliased`, `levels`,
// `excluded` and `warnings` (separation among them). Without --json, a table as R's summary.glm.
import { parseArgs, UsageError, type CliIO } from './args.js';
import { MODEL_FLAGS, MODEL_OPTIONS, readModelInput } from './model-input.js';
import { logistic, type LogisticResult } from '../regression/logistic.js';
import { VERSION } from '../version.js';
import { alignedTable, num, pval } from './text-table.js';

export async function run(argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv, [...MODEL_OPTIONS, 'level'], MODEL_FLAGS);
  const levelArg = args.options.get('level') ?? '0.95';
  const level = Number(levelArg);
  if (!(level > 0 && level < 1)) {
    throw new UsageError(`option --level: expected a number between 0 and 1, got '${levelArg}'`);
  }
  const { fileName, table, design, yName, weightName, excludedTotal } = await readModelInput(args, {
    weights: 'nonNegative',
  });
  const y = design.outcomes[yName]!;
  checkColumn(fileName, yName, y, design.rows, (v) => v >= 0 && v <= 1, 'a value from 0 to 1 (0/1 outcome)');
  const weights = weightName ? design.outcomes[weightName]! : null;
  if (weights)
    checkColumn(fileName, weightName!, weights, design.rows, (v) => v >= 0, 'a weight of 0 or more');
  const fit = logistic(y, design.x, design.names, { weights, level });
  const warnings = [...design.warnings, ...fit.warnings];

  if (args.flags.has('json')) {
    const doc = {
      command: 'logit',
      version: VERSION,
      input: fileName,
      y: yName,
      weights: weightName ?? null,
      level,
      coefficients: fit.coefficients,
      deviance: fit.deviance,
      nullDeviance: fit.nullDeviance,
      aic: fit.aic,
      logLik: fit.logLik,
      iterations: fit.iterations,
      converged: fit.converged,
      n: fit.n,
      rank: fit.rank,
      dfResidual: fit.dfResidual,
      dfNull: fit.dfNull,
      aliased: fit.aliased,
      levels: design.levels,
      rowsRead: table.n,
      excluded: design.excluded,
      warnings,
    };
    io.out(JSON.stringify(doc, null, 2) + '\n');
    return 0;
  }
  io.out(summaryText(fit, yName, fileName, table.n, excludedTotal, design.excluded));
  for (const w of warnings) io.err(`warning: ${w.message}\n`);
  return 0;
}

/** A value the model cannot take (y outside 0-1, a negative weight) named by its line in the file. */
function checkColumn(
  file: string,
  name: string,
  values: Float64Array,
  rows: Int32Array,
  ok: (v: number) => boolean,
  expected: string,
): void {
  for (let r = 0; r < values.length; r++) {
    if (!ok(values[r]!)) {
      // rows[] indexes data rows; line 1 of the file is the header.
      throw new Error(
        `${file}: line ${rows[r]! + 2}, column ${name}: expected ${expected}, got ${values[r]}`,
      );
    }
  }
}

function summaryText(
  fit: LogisticResult,
  y: string,
  file: string,
  rowsRead: number,
  excludedTotal: number,
  excluded: Record<string, number>,
): string {
  const why = Object.entries(excluded)
    .map(([k, v]) => `${v} ${k.replace('_', ' ')}`)
    .join(', ');
  const lines = [
    `Logistic regression of ${y} (${file}): ${fit.n} rows used of ${rowsRead}` +
      (excludedTotal ? ` (${excludedTotal} excluded: ${why})` : ''),
    '',
  ];
  const head = ['term', 'estimate', 'se', 'z', 'p', 'odds ratio', 'lower', 'upper'];
  const rows = fit.coefficients.map((c) => [
    c.term,
    num(c.estimate),
    num(c.se),
    num(c.z, 4),
    pval(c.p),
    num(c.oddsRatio, 4),
    num(c.orLower, 4),
    num(c.orUpper, 4),
  ]);
  lines.push(...alignedTable(head, rows), '');
  lines.push(`Null deviance: ${num(fit.nullDeviance)} on ${fit.dfNull} degrees of freedom`);
  lines.push(`Residual deviance: ${num(fit.deviance)} on ${fit.dfResidual} degrees of freedom`);
  lines.push(`AIC: ${num(fit.aic)}`);
  lines.push(`Number of Fisher Scoring iterations: ${fit.iterations}`);
  return lines.join('\n') + '\n';
}
