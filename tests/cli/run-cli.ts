// Running the built CLI (dist/cli.js) as a user runs it, for the command tests: a child process,
// its exit code and both streams. `npm run build` must come first; saying so beats an ENOENT.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

/** `csc-demand ...args`, synchronously: { code, out, err }. */
export function csc(...args: string[]): { code: number | null; out: string; err: string } {
  assert.ok(existsSync(cli), 'dist/cli.js is missing: run `npm run build` before the CLI tests');
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Relative closeness, with the label and both values in the failure message. */
export function close(label: string, actual: number, want: number, tol: number): void {
  assert.ok(Math.abs(actual - want) <= tol * Math.abs(want), `${label}: ${actual} vs ${want}`);
}
