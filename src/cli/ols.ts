// `csc-demand ols --input F --y C [--x a,b] [--factors c] [--ref c=level] [--weights C]
// [--robust hc0|hc1|hc2|hc3] [--no-intercept] [--json]`: linear regression as R's
// lm(y ~ a + b + factor(c)), with robust standard errors on request. --weights is lm's weights=
// (robust SEs then as sandwich::vcovHC); --no-intercept is lm(y ~ 0 + ...), where the first factor
// keeps every level, as R codes it. Rows with a missing value in any column used are dropped and counted
// (`excluded`). --json prints one document: `coefficients` [{term, estimate, se, t, p} and with
// --robust robustSe, robustT, robustP], `r2`, `adjR2`, `sigma`, `df`, `n`, plus `rank`,
// `fStatistic`, `rss`, `logLik`, `aic`, `bic`, `aliased`, `levels`, `excluded` and `warnings`.
// Without --json, a table in the manner of R's summary.lm.
import { parseArgs, UsageError, type CliIO } from './args.js';
import { MODEL_FLAGS, MODEL_OPTIONS, readModelInput } from './model-input.js';
import { ols, type OlsResult, type RobustType } from '../regression/ols.js';
import { VERSION } from '../version.js';
import { alignedTable, num, pval } from './text-table.js';

const ROBUST: RobustType[] = ['hc0', 'hc1', 'hc2', 'hc3'];

export async function run(argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv, [...MODEL_OPTIONS, 'robust'], MODEL_FLAGS);
  const robustArg = args.options.get('robust')?.toLowerCase();
  if (robustArg !== undefined && !ROBUST.includes(robustArg as RobustType)) {
    throw new UsageError(`option --robust: expected hc0, hc1, hc2 or hc3, got '${robustArg}'`);
  }
  const robust = (robustArg ?? null) as RobustType | null;
  const { fileName, table, design, yName, weightName, intercept, excludedTotal } = await readModelInput(
    args,
    { weights: 'positive' },
  );
  const fit = ols(design.outcomes[yName]!, design.x, design.names, {
    robust,
    ...(weightName ? { weights: design.outcomes[weightName] } : {}),
  });
  const warnings = [...design.warnings, ...fit.warnings];

  if (args.flags.has('json')) {
    const doc = {
      command: 'ols',
      version: VERSION,
      input: fileName,
      y: yName,
      weights: weightName ?? null,
      intercept,
      robust,
      coefficients: fit.coefficients,
      r2: fit.r2,
      adjR2: fit.adjR2,
      sigma: fit.sigma,
      df: fit.df,
      n: fit.n,
      rank: fit.rank,
      fStatistic: fit.fStatistic,
      rss: fit.rss,
      logLik: fit.logLik,
      aic: fit.aic,
      bic: fit.bic,
      aliased: fit.aliased,
      levels: design.levels,
      rowsRead: table.n,
      excluded: design.excluded,
      warnings,
    };
    io.out(JSON.stringify(doc, null, 2) + '\n');
    return 0;
  }
  const model = [
    weightName ? `weighted by ${weightName}` : '',
    !intercept ? 'no intercept (the first factor has a term for every level)' : '',
  ].filter(Boolean);
  io.out(summaryText(fit, yName, fileName, table.n, excludedTotal, design.excluded, model));
  for (const w of warnings) io.err(`warning: ${w.message}\n`);
  return 0;
}

function summaryText(
  fit: OlsResult,
  y: string,
  file: string,
  rowsRead: number,
  excludedTotal: number,
  excluded: Record<string, number>,
  model: string[],
): string {
  const why = Object.entries(excluded)
    .map(([k, v]) => `${v} ${k.replace('_', ' ')}`)
    .join(', ');
  const lines = [
    `Linear regression of ${y} (${file}): ${fit.n} rows used of ${rowsRead}` +
      (excludedTotal ? ` (${excludedTotal} excluded: ${why})` : '') +
      (model.length ? `; ${model.join('; ')}` : ''),
    '',
  ];
  const head = ['term', 'estimate', 'se', 't', 'p'];
  if (fit.robust) head.push(`${fit.robust} se`, `${fit.robust} t`, `${fit.robust} p`);
  const rows = fit.coefficients.map((c) => {
    const cells = [c.term, num(c.estimate), num(c.se), num(c.t, 4), pval(c.p)];
    if (fit.robust) cells.push(num(c.robustSe ?? null), num(c.robustT ?? null, 4), pval(c.robustP ?? null));
    return cells;
  });
  lines.push(...alignedTable(head, rows), '');
  lines.push(`Residual standard error: ${num(fit.sigma)} on ${fit.df} degrees of freedom`);
  lines.push(`R-squared: ${num(fit.r2)}, adjusted R-squared: ${num(fit.adjR2)}`);
  const f = fit.fStatistic;
  if (f) lines.push(`F-statistic: ${num(f.value)} on ${f.df1} and ${f.df2} DF, p-value: ${pval(f.p)}`);
  return lines.join('\n') + '\n';
}
