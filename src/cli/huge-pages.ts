// Run a heavy command in a process whose large allocations use transparent huge pages.
//
// Why: a national-scale analysis touches gigabytes of fresh memory (typed columns, the pupils' join,
// the design rows), and on Linux each first touch of a 4 KB page is a page fault. On the 2-core
// machines we measure on, that costs about 3 ms per MB (1.6 s to fill a 560 MB Float64Array); with
// transparent huge pages (2 MB at a time) the same fill takes 0.05-0.3 s. Debian's kernels enable
// them in "madvise" mode: only memory the allocator advises gets them, and glibc advises only when
// GLIBC_TUNABLES says glibc.malloc.hugetlb=1, which it reads once, at process start. So a heavy
// command relaunches itself once with that setting (about 40 ms of Node start-up): `analyse` at 3.6
// million assessments spent 12 s of system time in page faults without it and 7 s with it.
//
// Contract: relaunchWithHugePages(command, args) resolves to the child's exit code when it
// relaunched, or null when it did not (not Linux with glibc 2.35 or later; huge pages not in madvise
// mode; already set or relaunched; CSC_DEMAND_HUGE_PAGES=0; a command that reads no data). The
// child inherits stdin, stdout and stderr, so output, exit codes and messages are the command's own.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Commands that read data files at a size where page faults matter. */
const HEAVY = new Set(['analyse', 'attainment', 'km', 'cox', 'ols', 'logit', 'lca', 'check']);
const SETTING = 'glibc.malloc.hugetlb=1';

function glibcAtLeast(major: number, minor: number): boolean {
  const header = (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)
    ?.header;
  const m = /^(\d+)\.(\d+)/.exec(header?.glibcVersionRuntime ?? '');
  return !!m && (Number(m[1]) > major || (Number(m[1]) === major && Number(m[2]) >= minor));
}

function wanted(command: string | undefined): boolean {
  if (process.platform !== 'linux' || !command || !HEAVY.has(command)) return false;
  const env = process.env;
  if (env['CSC_DEMAND_HUGE_PAGES'] === '0' || (env['GLIBC_TUNABLES'] ?? '').includes('hugetlb')) return false;
  try {
    // "always" needs no advice; "never" ignores it.
    if (!readFileSync('/sys/kernel/mm/transparent_hugepage/enabled', 'utf8').includes('[madvise]'))
      return false;
  } catch {
    return false;
  }
  return glibcAtLeast(2, 35);
}

/** Relaunch this CLI with huge pages advised (see the file comment), or null when not. */
export function relaunchWithHugePages(argv: string[]): Promise<number> | null {
  if (!wanted(argv[0])) return null;
  const tunables = process.env['GLIBC_TUNABLES'];
  const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, ...argv], {
    stdio: 'inherit',
    env: { ...process.env, GLIBC_TUNABLES: tunables ? `${tunables}:${SETTING}` : SETTING },
  });
  // Ctrl-C reaches the child from the terminal itself; a signal sent to this process alone is passed on.
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  const onInt = forward('SIGINT');
  const onTerm = forward('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  return new Promise((resolve) => {
    child.on('error', (e) => {
      process.stderr.write(`csc-demand: could not start the command's process: ${e.message}\n`);
      resolve(1);
    });
    child.on('exit', (code, signal) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(code ?? (signal ? 128 + (signal === 'SIGINT' ? 2 : 15) : 1));
    });
  });
}
