// Argument parsing shared by every CLI command: `--name value`, `--name=value`, boolean flags and
// positionals. Bad usage throws UsageError, which the dispatcher turns into exit code 2.

/** Bad usage of the CLI (unknown option, missing value): exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** What a command may write: stdout, stderr (tests capture them). */
export interface CliIO {
  out: (text: string) => void;
  err: (text: string) => void;
}

export interface ParsedArgs {
  options: Map<string, string>;
  flags: Set<string>;
  positionals: string[];
}

/**
 * Parse argv against the command's known options (take a value) and flags (take none).
 * @example parseArgs(['--seed', '3', '--json', 'a.csv'], ['seed'], ['json'])
 */
export function parseArgs(argv: string[], valued: string[], flags: string[] = []): ParsedArgs {
  const options = new Map<string, string>();
  const set = new Set<string>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) {
      positionals.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq < 0 ? undefined : eq);
    if (flags.includes(name) && eq < 0) {
      set.add(name);
    } else if (valued.includes(name)) {
      const value = eq >= 0 ? a.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new UsageError(`option --${name} needs a value`);
      options.set(name, value);
    } else {
      const known = [...valued, ...flags].map((x) => `--${x}`).join(', ');
      throw new UsageError(`unknown option ${a}; expected one of ${known}`);
    }
  }
  return { options, flags: set, positionals };
}

/** A required option's value, or a UsageError naming it. */
export function required(args: ParsedArgs, name: string): string {
  const v = args.options.get(name);
  if (v === undefined) throw new UsageError(`missing required option --${name}`);
  return v;
}

/** An integer option, with a default; a UsageError for anything but an integer. */
export function intOption(args: ParsedArgs, name: string, fallback: number): number {
  const v = args.options.get(name);
  if (v === undefined) return fallback;
  if (!/^-?\d+$/.test(v)) throw new UsageError(`option --${name}: expected an integer, got '${v}'`);
  return Number(v);
}

/** A comma-separated list option (empty items dropped). */
export function listOption(args: ParsedArgs, name: string): string[] | undefined {
  const v = args.options.get(name);
  return v === undefined
    ? undefined
    : v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
}
