// `csc-demand cox --input F --time C --event C [--start C] --covariates a,b [--factors c]
// [--ref c=level] [--strata s] [--weights C] [--ties efron|breslow] [--no-timefix] [--tol 1e-9]
// [--max-iter 20] [--json]`: Cox proportional hazards regression as R's
// coxph(Surv(time, event) ~ a + b + factor(c)); --start gives Surv(start, time, event), --strata
// adds strata(s), --weights coxph's weights=. --ties exact is refused with the reason. Times equal
// within R's timefix tolerance are tied, as coxph, unless --no-timefix (`timefix` says which). Factor terms are `column=level`
// (R: columnlevel) against the first level in sorted order unless --ref names another. Rows with a
// missing value in any column used are dropped and counted (`excluded`). The event column may be
// 0/1, TRUE/FALSE or R's 1/2 status; the output says which (`eventCoding`).
// --json prints one compact document: `coefficients` [{term, coef, se, hr, lower, upper, z, p}] (hr =
// exp(coef), 95% limits of the hazard ratio), `logLik` [null model, final], `concordance`
// {estimate, se, concordant, discordant, tiedX, tiedY, tiedXY} (as coxph reports it), `n`,
// `nEvents`, and `tests` (likelihood ratio, Wald, score), `variance`, `means`, `iterations`,
// `converged`, `levels`, `rowsRead`, `excluded`, `warnings`. NA is null, as in R's JSON.
// Without --json, a table in the manner of R's summary(coxph).
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { intOption, listOption, parseArgs, required, UsageError, type CliIO } from './args.js';
import { finiteColumn, weightColumn } from './numeric-columns.js';
import { eventColumn } from './survival-columns.js';
import { writeJson } from './json-stream.js';
import { readGenericTable } from '../data/generic-table.js';
import { designMatrix, type DesignColumn } from '../regression/design-matrix.js';
import { coxPH, type CoxResult } from '../survival/cox-ph.js';
import { VERSION } from '../version.js';
import { alignedTable, num, pval } from './text-table.js';

export async function run(argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs(
    argv,
    [
      'input',
      'time',
      'event',
      'start',
      'covariates',
      'factors',
      'ref',
      'strata',
      'weights',
      'ties',
      'tol',
      'max-iter',
    ],
    ['json', 'no-timefix'],
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
  if (ties === 'exact') {
    throw new UsageError(
      "option --ties: 'exact' is not offered: the exact partial likelihood sums over every order in which tied events could have happened, a cost that grows combinatorially with the ties (R's coxph computes it only for small tied sets); use efron (R's default) or breslow",
    );
  }
  if (ties !== 'efron' && ties !== 'breslow') {
    throw new UsageError(`option --ties: expected efron or breslow, got '${ties}'`);
  }
  const tolText = args.options.get('tol');
  const tol = tolText === undefined ? 1e-9 : Number(tolText);
  if (!(tol > 0))
    throw new UsageError(`option --tol: expected a positive number such as 1e-9, got '${tolText}'`);
  const maxIter = intOption(args, 'max-iter', 20);
  if (maxIter < 0) throw new UsageError(`option --max-iter: expected a whole number >= 0, got ${maxIter}`);

  const startName = args.options.get('start');
  const strataName = args.options.get('strata');
  const weightName = args.options.get('weights');
  const timefix = !args.flags.has('no-timefix');
  const named = [timeName, eventName, startName, weightName, strataName, ...covariates, ...factors];
  const seen = new Set<string>();
  for (const c of named) {
    if (c === undefined) continue;
    if (seen.has(c)) throw new UsageError(`column '${c}' is named twice; expected each column in one role`);
    seen.add(c);
  }

  const fileName = basename(input);
  const table = await readGenericTable(new Uint8Array(await readFile(input)), {
    fileName,
    columns: named.filter((c) => c !== undefined),
  });
  const { event, coding } = eventColumn(table, eventName);
  const columns: Record<string, DesignColumn> = {
    [timeName]: finiteColumn(table, timeName),
    [eventName]: event,
  };
  const outcomes = [timeName, eventName];
  if (startName) columns[startName] = finiteColumn(table, startName);
  if (weightName) columns[weightName] = weightColumn(table, weightName);
  outcomes.push(...[startName, weightName].filter((c): c is string => c !== undefined));
  for (const c of covariates) columns[c] = finiteColumn(table, c);
  for (const c of factors) columns[c] = table.text(c);
  // The strata column rides along as a factor of the design so its missing rows are dropped and
  // counted with the rest; its indicator columns are not used.
  if (strataName) columns[strataName] = table.text(strataName);
  const design = designMatrix(columns, {
    intercept: false,
    outcomes,
    covariates,
    factors: strataName ? [...factors, strataName] : factors,
    ref,
  });
  if (design.n === 0) throw new Error(`${fileName}: no rows without missing values in the columns used`);
  const start = startName ? design.outcomes[startName] : undefined;
  if (start) {
    const stop = design.outcomes[timeName];
    for (let r = 0; r < design.n; r++) {
      if (!(start[r] < stop[r])) {
        const i = design.rows[r];
        throw new Error(
          `${fileName} line ${table.lines[i]}, column ${startName}: start ${start[r]} is not before the time ${stop[r]}; expected start < ${timeName}, as R's Surv(start, stop, event)`,
        );
      }
    }
  }
  const strataCols = strataName ? design.names.filter((nm) => nm.startsWith(`${strataName}=`)).length : 0;
  const p = design.p - strataCols;
  const x = strataCols ? new Float64Array(design.n * p) : design.x;
  if (strataCols) {
    for (let r = 0; r < design.n; r++) x.set(design.x.subarray(r * design.p, r * design.p + p), r * p);
  }
  const strataText = strataName ? table.text(strataName) : null;
  const fit = coxPH(
    {
      time: design.outcomes[timeName],
      event: design.outcomes[eventName],
      x,
      names: design.names.slice(0, p),
      ...(start ? { start } : {}),
      ...(weightName ? { weights: design.outcomes[weightName] } : {}),
      ...(strataText ? { strata: Array.from(design.rows, (i) => strataText[i].trim()) } : {}),
    },
    { ties, tol, maxIter, timefix },
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
      start: startName ?? null,
      strata: strataName ? { column: strataName, levels: fit.strata } : null,
      weights: weightName ?? null,
      timefix: fit.timefix,
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
      levels: Object.fromEntries(Object.entries(design.levels).filter(([k]) => k !== strataName)),
      rowsRead: table.n,
      excluded: design.excluded,
      warnings,
    };
    writeJson(doc, io.out);
    return 0;
  }
  io.out(
    summaryText(fit, {
      fileName,
      timeName,
      eventName,
      coding,
      rowsRead: table.n,
      excluded: design.excluded,
      startName,
      strataName,
      weightName,
    }),
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
  startName: string | undefined;
  strataName: string | undefined;
  weightName: string | undefined;
}

function summaryText(fit: CoxResult, c: Context): string {
  const dropped = Object.entries(c.excluded).map(([k, v]) => `${v} ${k.replace('_', ' ')}`);
  const pct = Math.round(fit.confLevel * 100);
  const lines = [
    `Cox regression of ${c.timeName} to ${c.eventName} (${c.fileName}; event coded ${c.coding}; ties: ${fit.ties}): ` +
      `n = ${fit.n} of ${c.rowsRead} rows` +
      (dropped.length ? ` (excluded: ${dropped.join(', ')})` : '') +
      `, ${fit.nEvents} events`,
    [
      fit.timefix.applied
        ? "times equal within R's timefix tolerance are tied (--no-timefix to keep them apart)"
        : 'timefix off: times are tied only when exactly equal',
      c.startName ? `entry times from ${c.startName}` : '',
      c.strataName ? `stratified by ${c.strataName} (${fit.strata?.join(', ')})` : '',
      c.weightName ? `case weights from ${c.weightName}` : '',
    ]
      .filter(Boolean)
      .join('; '),
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
  lines.push(...alignedTable(head, rows), '');
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
