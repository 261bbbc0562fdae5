// Runs every Node test (core unit tests, R reference checks, CLI tests and the print test, which
// needs the built kit) with node:test and tsx.
// Node 20's --test takes no globs, so the files are listed here. TZ is fixed: tests never depend on
// the machine's time zone.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.test.ts') ? [p] : [];
  });
}
const filter = process.argv[2];
// tests/workers: the worker client's pure parts (its queue), which need no browser; tests/print: the
// built demo printed to PDF; tests/analyst: the analyst page and the embed page in Chromium and Firefox
// (both need `npm run build` first).
const files = ['tests/src', 'tests/cli', 'tests/workers', 'tests/print', 'tests/analyst']
  .flatMap(walk)
  .filter((f) => !filter || f.includes(filter));
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], {
  stdio: 'inherit',
  env: { ...process.env, TZ: 'Europe/London' },
});
process.exit(r.status ?? 1);
