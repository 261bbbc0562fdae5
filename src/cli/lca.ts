// `csc-demand lca --input F [--items a,b,...] --classes K|K1-K2 [--starts N] [--seed S]
// [--missing drop|include] [--tol T] [--max-iter M] [--polytomous] [--json]`: a latent class model
// (poLCA's, Linzer & Lewis 2011) fitted by EM from many seeded starts, the best kept (src/lca/).
// Items: the columns named by --items, or else every column whose values are all 0/1 (or all 1/2).
// Codes: 0/1, or poLCA's 1/2 (1 = no, 2 = yes), decided by the first 0 or 2 in the items; any other
// value is an error naming the line, column and value. --polytomous takes poLCA's codes 1..K_j for
// items with more categories. Empty, NA and NaN cells are missing: the record is dropped (as poLCA's
// na.rm = TRUE) and counted in `excluded`, or with --missing include kept, the item left out of its
// likelihood. --weights C: a frequency weight per row (e.g. one row per response pattern with its
// count), poLCA having none: the fit equals the fit on the rows repeated.
// --json prints one document: `logLik`, `aic`, `bic`, `nParams`, `shares`, `itemProbs` (class x item,
// P(item = 1), i.e. of code 2 in 1/2 coding), `entropy` (entropy R^2), `n`, `items`, classes by
// descending share, and `averagePosterior`, `modalCounts`, `nPatterns`, `iterations`, `converged`,
// `starts`, `coding`, `excluded`, `warnings` (and `probs`, class x item x category, with
// --polytomous); standard errors as poLCA's (src/lca/standard-errors.ts): `sharesSe`, `itemProbsSe`
// (of `itemProbs`) and with --polytomous `probsSe` (of `probs`). With a range K1-K2 also `fits`
// (one per K; standard errors for the chosen K only, null for the others) and `chosen` (the K with
// the lowest BIC), the top-level fields being the chosen fit's.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { intOption, listOption, parseArgs, required, UsageError, type CliIO } from './args.js';
import { readGenericTable, type GenericTable } from '../data/generic-table.js';
import { lcaPatterns } from '../lca/patterns.js';
import { weightColumn } from './numeric-columns.js';
import { lcaSelect } from '../lca/select.js';
import { lcaStarts } from '../lca/starts.js';
import { withStandardErrors } from '../lca/with-standard-errors.js';
import type { LcaFit } from '../lca/types.js';
import { VERSION } from '../version.js';

interface Items {
  names: string[];
  columns: Float64Array[];
  coding: '0/1' | '1/2' | '1..K';
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs(
    argv,
    ['input', 'items', 'classes', 'starts', 'seed', 'missing', 'tol', 'max-iter', 'weights'],
    ['json', 'polytomous'],
  );
  if (args.positionals.length) throw new UsageError(`unexpected argument '${args.positionals[0]}'`);
  const input = required(args, 'input');
  const range = parseClasses(required(args, 'classes'));
  const starts = intOption(args, 'starts', 20);
  if (starts < 1) throw new UsageError(`option --starts: expected an integer >= 1, got ${starts}`);
  const seed = intOption(args, 'seed', 1);
  const maxIter = intOption(args, 'max-iter', 5000);
  const tol = Number(args.options.get('tol') ?? 1e-12);
  if (!(tol >= 0))
    throw new UsageError(`option --tol: expected a number >= 0, got '${args.options.get('tol')}'`);
  const missing = args.options.get('missing') ?? 'drop';
  if (missing !== 'drop' && missing !== 'include')
    throw new UsageError(`option --missing: expected drop or include, got '${missing}'`);

  const fileName = basename(input);
  const table = await readGenericTable(new Uint8Array(await readFile(input)), { fileName });
  const weightName = args.options.get('weights');
  const items = readItems(
    table,
    fileName,
    listOption(args, 'items'),
    args.flags.has('polytomous'),
    weightName,
  );
  // Frequency weights (a count per row, e.g. one row per response pattern): rows with no weight
  // are dropped and counted; the fit equals the fit on the rows repeated.
  const weightAll = weightName ? weightColumn(table, weightName) : null;
  const noWeight = weightAll ? weightAll.reduce((k, v) => k + (Number.isNaN(v) ? 1 : 0), 0) : 0;
  const rows =
    weightAll && noWeight ? Array.from(weightAll.keys()).filter((i) => !Number.isNaN(weightAll[i])) : null;
  const columns = rows ? items.columns.map((c) => Float64Array.from(rows, (i) => c[i]!)) : items.columns;
  const weights = weightAll ? (rows ? Float64Array.from(rows, (i) => weightAll[i]!) : weightAll) : undefined;
  const patterns = lcaPatterns(columns, { items: items.names, missing, weights });
  if (patterns.n === 0) throw new Error(`${fileName}: no record has a response to every item`);
  const options = { starts, seed, tol, maxIter };
  const excluded: Record<string, number> = patterns.nDropped > 0 ? { missing_item: patterns.nDropped } : {};
  if (noWeight) excluded[`missing_${weightName}`] = noWeight;

  let fit: LcaFit;
  let doc: Record<string, unknown>;
  // Items are given once at the top; the class x item x category table only adds to P(item = 1) for
  // polytomous items.
  const shape = (f: LcaFit): Record<string, unknown> => {
    const o: Partial<LcaFit> = { ...f };
    delete o.items;
    delete o.nCategories;
    if (items.coding !== '1..K') {
      delete o.probs;
      delete o.probsSe;
    }
    return o;
  };
  if (range[0] === range[1]) {
    fit = withStandardErrors(patterns, lcaStarts(patterns, { ...options, classes: range[0] }));
    doc = shape(fit);
  } else {
    const sel = lcaSelect(patterns, { ...options, classes: range });
    fit = sel.fits.find((f) => f.classes === sel.chosen)!;
    doc = {
      ...shape(fit),
      chosen: sel.chosen,
      fits: sel.fits.map(shape),
      warnings: [...fit.warnings, ...sel.warnings],
    };
  }
  const out = {
    command: 'lca',
    version: VERSION,
    input: fileName,
    items: items.names,
    coding: items.coding,
    weights: weightName ?? null,
    rowsRead: table.n,
    excluded,
    ...doc,
  };
  if (args.flags.has('json')) io.out(JSON.stringify(out) + '\n');
  else io.out(report(out as typeof out & LcaFit & { chosen?: number; fits?: LcaFit[] }));
  return 0;
}

function parseClasses(text: string): [number, number] {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text.trim());
  const k1 = m ? Number(m[1]) : NaN;
  const k2 = m?.[2] !== undefined ? Number(m[2]) : k1;
  if (!(k1 >= 1 && k2 >= k1))
    throw new UsageError(
      `option --classes: expected a number such as 3 or a range such as 1-6, got '${text}'`,
    );
  return [k1, k2];
}

/** The item columns, recoded to 0..K-1, with the coding the file used. */
function readItems(
  table: GenericTable,
  file: string,
  names: string[] | undefined,
  polytomous: boolean,
  weightName: string | undefined,
): Items {
  const chosen =
    names ?? autoItems(table, polytomous).filter((c) => c.toLowerCase() !== weightName?.toLowerCase());
  if (chosen.length === 0)
    throw new Error(`${file}: no column holds only 0/1 (or 1/2) values; name the items with --items`);
  const raw = chosen.map((name) => table.numeric(name));
  const where = (j: number, i: number): string => `line ${table.lines[i]}, column ${chosen[j]}`;
  if (polytomous) {
    raw.forEach((col, j) =>
      col.forEach((v, i) => {
        if (!Number.isNaN(v) && !(Number.isInteger(v) && v >= 1 && v <= 255))
          throw new Error(
            `${file}: ${where(j, i)}: expected a category code 1, 2, 3, ... (poLCA's), got ${v}`,
          );
      }),
    );
    return { names: chosen, columns: raw.map((c) => c.map((v) => v - 1)), coding: '1..K' };
  }
  // The coding is the one the first 0 or 2 shows; every value must then fit it.
  let coding: '0/1' | '1/2' | undefined;
  let witness = '';
  for (let i = 0; i < table.n && !coding; i++)
    for (let j = 0; j < raw.length && !coding; j++) {
      const v = raw[j]![i]!;
      if (v === 0 || v === 2) {
        coding = v === 0 ? '0/1' : '1/2';
        witness = where(j, i);
      }
    }
  coding ??= '0/1';
  const allowed = coding === '0/1' ? [0, 1] : [1, 2];
  raw.forEach((col, j) =>
    col.forEach((v, i) => {
      if (!Number.isNaN(v) && !allowed.includes(v))
        throw new Error(
          `${file}: ${where(j, i)}: expected ${allowed.join(' or ')} (binary items coded ${coding}${witness ? `, as ${witness} shows` : ''}), got ${v}`,
        );
    }),
  );
  const shift = coding === '1/2' ? 1 : 0;
  return { names: chosen, columns: raw.map((c) => c.map((v) => v - shift)), coding };
}

/** Columns whose values (missing aside) are all 0/1, failing any all 1/2; polytomous: codes 1..255. */
function autoItems(table: GenericTable, polytomous: boolean): string[] {
  const values = table.names.map((name) => {
    try {
      return new Set(Array.from(table.numeric(name)).filter((v) => !Number.isNaN(v)));
    } catch {
      return new Set([NaN]);
    }
  });
  const within = (allowed: number[]): string[] =>
    table.names.filter((_, j) => values[j]!.size > 0 && [...values[j]!].every((v) => allowed.includes(v)));
  if (polytomous)
    return table.names.filter(
      (_, j) =>
        values[j]!.size > 0 && [...values[j]!].every((v) => Number.isInteger(v) && v >= 1 && v <= 255),
    );
  const binary = within([0, 1]);
  return binary.length > 0 ? binary : within([1, 2]);
}

function report(doc: LcaFit & { input: string; coding: string; chosen?: number; fits?: LcaFit[] }): string {
  const f = (x: number, d = 3): string => x.toFixed(d);
  const width = Math.min(12, Math.max(7, ...doc.items.map((i) => i.length + 1)));
  const lines = [
    `Latent class model, ${doc.classes} classes: ${doc.input}, ${doc.n} records, ${doc.items.length} items (coded ${doc.coding})`,
  ];
  if (doc.fits) {
    lines.push('', '  K     logLik  nParams         AIC         BIC  entropy');
    for (const fit of doc.fits)
      lines.push(
        `${fit.classes === doc.chosen ? '* ' : '  '}${String(fit.classes).padEnd(2)}${f(fit.logLik, 2).padStart(11)}${String(fit.nParams).padStart(9)}${f(fit.aic, 2).padStart(12)}${f(fit.bic, 2).padStart(12)}${(fit.entropy === null ? '-' : f(fit.entropy)).padStart(9)}`,
      );
    lines.push(`BIC chooses ${doc.chosen} classes.`);
  }
  lines.push(
    '',
    `logLik ${f(doc.logLik, 4)}, ${doc.nParams} parameters, AIC ${f(doc.aic, 2)}, BIC ${f(doc.bic, 2)}, entropy R^2 ${doc.entropy === null ? '-' : f(doc.entropy)}`,
    `best of ${doc.starts.random} starts (seed ${doc.starts.seed}); reached by ${doc.starts.atBest} of ${doc.starts.continued} run to convergence; ${doc.converged ? 'converged' : 'NOT converged'} in ${doc.iterations} EM steps`,
    '',
    `P(item = 1) by class${doc.coding === '1/2' ? ' (code 2)' : doc.coding === '1..K' ? ' (code 2; --json gives every category)' : ''}:`,
    `${'class'.padEnd(8)}${'share'.padStart(7)}  ${doc.items.map((i) => i.slice(0, width - 1).padStart(width)).join('')}`,
    ...doc.shares.map(
      (s, k) =>
        `${String(k + 1).padEnd(8)}${f(s).padStart(7)}  ${doc.itemProbs[k]!.map((p) => f(p).padStart(width)).join('')}`,
    ),
  );
  for (const w of doc.warnings) lines.push(`warning: ${w.message}`);
  return lines.join('\n') + '\n';
}
