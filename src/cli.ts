// The `csc-demand` command line: researchers' pipelines and our R reference checks run through it.
// Contract (../shared/DESIGN.md): `csc-demand <command> [options]`; `--json` prints one JSON document
// on stdout; errors go to stderr with exit code 1, bad usage exits 2. Each command lives in src/cli/.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isMainThread, workerData } from 'node:worker_threads';
import { UsageError, type CliIO } from './cli/args.js';
import { VERSION } from './version.js';

type Command = {
  summary: string;
  usage: string;
  load: () => Promise<{ run: (argv: string[], io: CliIO) => Promise<number> }>;
};

const commands: Record<string, Command> = {
  synth: {
    summary: 'write a synthetic council (assessments.csv, pupils.csv, truth.json)',
    usage:
      'synth --assessments N --seed S --out DIR [--start D] [--end D] [--extract-date D] [--comparison-ratio R] [--format csv|parquet|cin-xml] [--json]',
    load: () => import('./cli/synth.js'),
  },
  check: {
    summary: 'validate an input file and list its problems with line numbers',
    usage: 'check FILE [--kind assessments|pupils] [--month-first] [--json]',
    load: () => import('./cli/check.js'),
  },
  lca: {
    summary: 'latent class analysis of binary items',
    usage: 'lca --input F [--items a,b,...] --classes K|K1-K2 [--starts N] [--seed S] [--weights C] [--json]',
    load: () => import('./cli/lca.js'),
  },
  km: {
    summary: 'Kaplan-Meier survival table and log-rank test',
    usage:
      'km --input F --time C --event C [--start C] [--group C] [--weights C] [--conf-type log|log-log|plain] [--conf-level 0.95] [--at t1,t2] [--no-timefix] [--json]',
    load: () => import('./cli/km.js'),
  },
  cox: {
    summary: 'Cox proportional hazards regression',
    usage:
      'cox --input F --time C --event C [--start C] --covariates a,b [--factors c] [--ref c=level] [--strata C] [--weights C] [--ties efron|breslow] [--no-timefix] [--tol 1e-9] [--max-iter 20] [--json]',
    load: () => import('./cli/cox.js'),
  },
  ols: {
    summary: 'linear regression with optional robust standard errors',
    usage:
      'ols --input F --y C --x a,b [--factors c] [--ref c=level] [--weights C] [--no-intercept] [--robust hc0|hc1|hc2|hc3] [--json]',
    load: () => import('./cli/ols.js'),
  },
  attainment: {
    summary: 'attainment gaps by demand category, raw and adjusted, as <attainment-gap-table> fits them',
    usage:
      'attainment --assessments F --pupils F [--key-stage 2|4] [--outcome attainment8|ks2_rwm_expected|ks2_reading|ks2_maths] [--comparison not-known|all] [--years 2022,2023] [--suppress 5] [--robust hc0|hc1|hc2|hc3|none] [--month-first] [--json]',
    load: () => import('./cli/attainment.js'),
  },
  logit: {
    summary: 'logistic regression (R glm, binomial) with odds ratios',
    usage:
      'logit --input F --y C --x a,b [--factors c] [--ref c=level] [--weights C] [--level 0.95] [--no-intercept] [--json]',
    load: () => import('./cli/logit.js'),
  },
  analyse: {
    summary: 'the publishable, disclosure-controlled summary of all three analyses',
    usage:
      'analyse (--assessments F [--pupils F] [--engine duckdb] | --aggregates DIR) [--sections a,b] [--model national|local] [--classes K] [--period 2018-2024] [--suppress 5] [--area NAME] [--extract-date D] [--generated-at T] --out FILE [--json]',
    load: () => import('./cli/analyse.js'),
  },
  sql: {
    summary: 'print the aggregate queries a SQL engine runs for `analyse --aggregates`',
    usage:
      'sql --dialect duckdb|spark|tsql|postgres [--table NAME] [--census-table NAME] [--aggregates DIR [--categories-out FILE]] [--json]',
    load: () => import('./cli/sql.js'),
  },
};

function help(): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  return [
    `csc-demand ${VERSION}: children's social care demand analyses (LCA, Kaplan-Meier, Cox, OLS)`,
    '',
    'Usage: csc-demand <command> [options]',
    '',
    'Commands:',
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    ...Object.values(commands).map((c) => `  csc-demand ${c.usage}`),
    '',
    'Options common to every command: --json prints one JSON document on stdout; --help.',
    'Factor levels (--factors, --group, --strata) are ordered as R orders them: numerically when every',
    "level is a number, otherwise as R's sort() in an English locale (a, B, c); the first is the",
    'reference unless --ref names another. --no-intercept (ols) gives the first factor a term for every',
    "level, as R's lm(y ~ 0 + x + f). --weights: case weights, as R's weights= (whole numbers in km).",
    "--start: counting-process data, R's Surv(start, stop, event). Times equal within R's timefix",
    'tolerance are tied, as in R (km, cox), unless --no-timefix.',
    'Exit codes: 0 success, 1 error (message on stderr), 2 bad usage.',
  ].join('\n');
}

/** Run the CLI with argv (without node and script); resolves to the exit code. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(help() + '\n');
    return name === undefined ? 2 : 0;
  }
  if (name === '--version') {
    io.out(VERSION + '\n');
    return 0;
  }
  const command = commands[name];
  if (!command) {
    io.err(`csc-demand: unknown command '${name}'; expected one of ${Object.keys(commands).join(', ')}\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`Usage: csc-demand ${command.usage}\n\n${command.summary}\n`);
    return 0;
  }
  try {
    const mod = await command.load();
    return await mod.run(rest, io);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    io.err(`csc-demand ${name}: ${message}\n`);
    return e instanceof UsageError ? 2 : 1;
  }
}

/**
 * True when this module is the script Node was asked to run (dist/cli.js, or src/cli.ts under tsx),
 * not a module imported by tests. Compared by real path: npm runs the command through a symlink
 * (node_modules/.bin/csc-demand, npx), whose name says nothing of the file it points to.
 */
function isMainModule(): boolean {
  const script = typeof process !== 'undefined' ? process.argv[1] : undefined;
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false; // argv[1] that is not a file (node -e, a REPL)
  }
}

// A worker thread of `analyse` (analyse-threads.ts) loads this file too: it serves, it does not run.
const isWorker = !isMainThread && (workerData as { cscDemandPart?: boolean } | null)?.cscDemandPart === true;
if (isWorker) void import('./cli/analyse-threads.js').then((m) => m.servePart());
const isMain = !isWorker && isMainModule();
if (isMain) {
  const argv = process.argv.slice(2);
  // A heavy command runs in a child with huge pages advised (cli/huge-pages.ts explains why).
  const { relaunchWithHugePages } = await import('./cli/huge-pages.js');
  const run =
    relaunchWithHugePages(argv) ??
    main(argv, {
      out: (t) => process.stdout.write(t),
      err: (t) => process.stderr.write(t),
    });
  run.then((code) => {
    process.exitCode = code;
  });
}
