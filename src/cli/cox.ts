// `csc-demand cox --input F --time C --event C --covariates a,b [--factors c] [--ref c=level]
// [--ties efron|breslow] [--tol 1e-9] [--max-iter 20] [--json]`: Cox proportional hazards
// regression as R's coxph(Surv(time, event) ~ a + b + factor(c)). Factor terms are `column=level`
// (R: columnlevel) against the first level in sorted order unless --ref names another. Rows with a
// missing value in any column used are dropped and counted (`excluded`). The event column may be
// 0/1, TRUE/FALSE or R's 1/2 status; the output says which (`eventCoding`).
// --json prints one document: `coefficients` [{term, coef, se, hr, lower, upper, z, p}] (hr =
// exp(coef), 95% limits of the hazard ratio), `logLik` [null model, final], `concordance`
// {estimate, se, concordant, discordant, tiedX, tiedY, tiedXY} (as coxph reports it), `n`,
// `nEvents`, and `tests` (likelihood ratio, Wald, score), `variance`, `means`, `iterations`,
// `converged`, `levels`, `rowsRead`, `excluded`, `warnings`. NA is null, as in R's JSON.
// Without --json, a table in the manner of R's summary(coxph).
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { intOption, listOption, parseArgs, required, UsageError, type CliIO } from './args.js';
import { eventColumn, toJson } from './survival-columns.js';
import { readGenericTable } from '../data/generic-table.js';
import { designMatrix, type DesignColumn } from '../regression/design-matrix.js';
import { coxPH, type CoxResult } from '../survival/cox-ph.js';
import { VERSION } from '../version.js';

export async function run(argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs(
    argv,
    ['input', 'time', 'event', 'covariates', 'factors', 'ref', 'ties', 'tol', 'max-iter'],
    ['json'],
  );
  if (args.positionals.length) throw new UsageError(`unexpected argument '${args.positionals[0]}'`);
  const input = required(args, 'input');
  const timeName = required(args, 'time');
  const eventName = required(args, 'event');
  const covariates = listOption(args, 'covariates') ?? [];
  const factors = listOption(args, 'factors') ?? [];
  const ref = listOption(args, 'ref') ?? [];
  if (covariates.length + factors.length === 0) {
    throw new UsageError('the model has no terms: give --covariates or --factors');
  }
  for (const r of ref) {
    const column = r.split('=')[0].trim();
    if (!r.includes('=') || !factors.includes(column)) {
      throw new UsageError(`option --ref: expected column=level for a column in --factors, got '${r}'`);
    }
  }
  const ties = args.options.get('ties') ?? 'efron';
  if (ties !== 'efron' && ties !== 'breslow') {
    throw new UsageError(`option --ties: expected efron or breslow, got '${ties}'`);
  }
  const tolText = args.options.get('tol');
  const tol = tolText === undefined ? 1e-9 : Number(tolText);
  if (!(tol > 0))
    throw new UsageError(`option --tol: expected a positive number such as 1e-9, got '${tolText}'`);
  const maxIter = intOption(args, 'max-iter', 20);
  if (maxIter < 0) throw new UsageError(`option --max-iter: expected a whole number >= 0, got ${maxIter}`);

  const fileName = basename(input);
  const table = await readGenericTable(new Uint8Array(await readFile(input)), { fileName });
  const { event, coding } = eventColumn(table, eventName);
  const columns: Record<string, DesignColumn> = { [timeName]: table.numeric(timeName), [eventName]: event };
  for (const c of covariates) columns[c] = table.numeric(c);
  for (const c of factors) columns[c] = table.text(c);
  const design = designMatrix(columns, {
    intercept: false,
    outcomes: [timeName, eventName],
    covariates,
    factors,
    ref,
  });
  if (design.n === 0) throw new Error(`${fileName}: no rows without missing values in the columns used`);
  const fit = coxPH(
    { time: design.outcomes[timeName], event: design.outcomes[eventName], x: design.x, names: design.names },
    { ties, tol, maxIter },
  );
  const warnings = [...design.warnings, ...fit.warnings];
  const { concordance: estimate, ...pairs } = fit.concordance;

  if (args.flags.has('json')) {
    const doc = {
      command: 'cox',
      version: VERSION,
      input: fileName,
      time: timeName,
      event: eventName,
      eventCoding: coding,
      ties,
      coefficients: fit.coefficients,
      logLik: fit.logLik,
      concordance: { estimate, ...pairs },
      n: fit.n,
      nEvents: fit.nEvents,
      tests: fit.tests,
      variance: fit.variance,
      means: fit.means,
      iterations: fit.iterations,
      converged: fit.converged,
      levels: design.levels,
      rowsRead: table.n,
      excluded: design.excluded,
      warnings,
    };
    io.out(toJson(doc) + '\n');
    return 0;
  }
  io.out(
    summaryText(fit, { fileName, timeName, eventName, coding, rowsRead: table.n, excluded: design.excluded }),
  );
  for (const w of warnings) io.err(`warning: ${w.message}\n`);
  return 0;
}

interface Context {
  fileName: string;
  timeName: string;
  eventName: string;
  coding: string;
  rowsRead: number;
  excluded: Record<string, number>;
}

function summaryText(fit: CoxResult, c: Context): string {
  const dropped = Object.entries(c.excluded).map(([k, v]) => `${v} ${k.replace('_', ' ')}`);
  const pct = Math.round(fit.confLevel * 100);
  const lines = [
    `Cox regression of ${c.timeName} to ${c.eventName} (${c.fileName}; event coded ${c.coding}; ties: ${fit.ties}): ` +
      `n = ${fit.n} of ${c.rowsRead} rows` +
      (dropped.length ? ` (excluded: ${dropped.join(', ')})` : '') +
      `, ${fit.nEvents} events`,
    '',
  ];
  const head = ['term', 'coef', 'exp(coef)', 'se(coef)', 'z', 'p', `lower .${pct}`, `upper .${pct}`];
  const rows = fit.coefficients.map((t) => [
    t.term,
    num(t.coef),
    num(t.hr),
    num(t.se),
    num(t.z, 4),
    pval(t.p),
    num(t.lower, 4),
    num(t.upper, 4),
  ]);
  const widths = head.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const fmt = (cells: string[]): string =>
    cells.map((x, j) => (j === 0 ? x.padEnd(widths[j]) : x.padStart(widths[j]))).join('  ');
  lines.push(fmt(head), ...rows.map(fmt), '');
  const k = fit.concordance;
  lines.push(`Concordance = ${num(k.concordance, 4)} (se = ${num(k.se, 4)})`);
  const t = fit.tests;
  lines.push(
    `Likelihood ratio test = ${num(t.likelihoodRatio.chisq, 6)} on ${t.likelihoodRatio.df} df, p = ${pval(t.likelihoodRatio.p)}`,
  );
  lines.push(`Wald test             = ${num(t.wald.chisq, 6)} on ${t.wald.df} df, p = ${pval(t.wald.p)}`);
  lines.push(`Score (logrank) test  = ${num(t.score.chisq, 6)} on ${t.score.df} df, p = ${pval(t.score.p)}`);
  lines.push(
    `Log partial likelihood: ${num(fit.logLik[0], 10)} (null), ${num(fit.logLik[1], 10)} (fit); ${fit.iterations} iterations`,
  );
  return lines.join('\n') + '\n';
}

function num(v: number, digits = 6): string {
  return Number.isNaN(v) ? 'NA' : Number(v.toPrecision(digits)).toString();
}

function pval(p: number): string {
  if (Number.isNaN(p)) return 'NA';
  if (p < 2e-16) return '<2e-16';
  return p < 1e-4 ? p.toExponential(2) : p.toPrecision(3);
}
