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
const pick = (dirs) => dirs.flatMap(walk).filter((f) => !filter || f.includes(filter));
// The files that drive browsers over the demo (print, analyst, embed) run one at a time after the
// rest: each runs the demo's analyses in its page, and two of them beside the unit tests on a 2-core
// machine slowed the pages enough for an element's stall timer to fire.
const runs = [
  [pick(['tests/src', 'tests/cli', 'tests/workers']), 2],
  [pick(['tests/print', 'tests/analyst']), 1],
];
let status = 0;
for (const [files, concurrency] of runs) {
  if (!files.length) continue;
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...files],
    { stdio: 'inherit', env: { ...process.env, TZ: 'Europe/London' } },
  );
  status ||= r.status ?? 1;
}
process.exit(status);
