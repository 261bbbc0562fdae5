// The regression commands' shared front half (`ols`, `logit`): the options every model takes
// (--input, --y, --x, --factors, --ref, --weights, --no-intercept), checked the same way, and the file
// read into a design matrix whose dropped rows are counted by reason. Kept in one place so the two
// commands cannot drift apart in what they accept or in how they name a bad value.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { listOption, required, UsageError, type ParsedArgs } from './args.js';
import { finiteColumn, weightColumn } from './numeric-columns.js';
import { readGenericTable, type GenericTable } from '../data/generic-table.js';
import { designMatrix, type DesignColumn, type DesignMatrix } from '../regression/design-matrix.js';

/** The options `readModelInput` reads; a command adds its own to parseArgs. */
export const MODEL_OPTIONS = ['input', 'y', 'x', 'factors', 'ref', 'weights'];
export const MODEL_FLAGS = ['json', 'no-intercept'];

export interface ModelInput {
  fileName: string;
  table: GenericTable;
  design: DesignMatrix;
  yName: string;
  weightName: string | undefined;
  intercept: boolean;
  /** Rows dropped for a missing value in a column used, all reasons together. */
  excludedTotal: number;
}

/**
 * Read the model's file and build its design matrix as R's model.frame + model.matrix would.
 * With --no-intercept the first factor keeps every level, as R's model.matrix codes `~ 0 + factor(c)`
 * for lm and glm alike.
 * Case weights are finite numbers above 0 (`positive`, as lm needs) or at 0 or above (`nonNegative`:
 * glm accepts a weight of 0 and leaves the row out of the fit).
 */
export async function readModelInput(
  args: ParsedArgs,
  opts: { weights: 'positive' | 'nonNegative' },
): Promise<ModelInput> {
  if (args.positionals.length) throw new UsageError(`unexpected argument '${args.positionals[0]}'`);
  const input = required(args, 'input');
  const yName = required(args, 'y');
  const covariates = listOption(args, 'x') ?? [];
  const factors = listOption(args, 'factors') ?? [];
  const ref = listOption(args, 'ref') ?? [];
  for (const r of ref) {
    const column = r.split('=')[0]!.trim();
    if (!r.includes('=') || !factors.includes(column)) {
      throw new UsageError(`option --ref: expected column=level for a column in --factors, got '${r}'`);
    }
  }
  const weightName = args.options.get('weights');
  const intercept = !args.flags.has('no-intercept');

  const fileName = basename(input);
  const table = await readGenericTable(new Uint8Array(await readFile(input)), { fileName });
  const columns: Record<string, DesignColumn> = { [yName]: finiteColumn(table, yName) };
  if (weightName) {
    columns[weightName] =
      opts.weights === 'positive' ? weightColumn(table, weightName) : finiteColumn(table, weightName);
  }
  for (const c of covariates) columns[c] = finiteColumn(table, c);
  for (const c of factors) columns[c] = table.text(c);
  const design = designMatrix(columns, {
    intercept,
    allLevelsWithoutIntercept: true,
    outcomes: weightName ? [yName, weightName] : [yName],
    covariates,
    factors,
    ref,
  });
  if (design.n === 0) throw new Error(`${fileName}: no rows without missing values in the columns used`);
  if (design.p === 0)
    throw new UsageError('the model has no terms: give --x or --factors, or keep the intercept');
  const excludedTotal = Object.values(design.excluded).reduce((a, b) => a + b, 0);
  return { fileName, table, design, yName, weightName, intercept, excludedTotal };
}
