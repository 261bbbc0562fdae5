// The CLI's relaunch with huge pages advised (src/cli/huge-pages.ts), seen from outside as a user
// runs it: while `csc-demand analyse` works, its process has one child, the same command, whose
// environment carries GLIBC_TUNABLES=glibc.malloc.hugetlb=1; with CSC_DEMAND_HUGE_PAGES=0 it has
// none. Both give the same summary. On a machine where the relaunch does not apply (not Linux,
// huge pages not in madvise mode, glibc before 2.35) the test says so and skips.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from './run-cli.js';
import { synthesise } from '../../src/synth/synth.js';

function applies(): string | null {
  if (process.platform !== 'linux') return 'not Linux';
  try {
    if (!readFileSync('/sys/kernel/mm/transparent_hugepage/enabled', 'utf8').includes('[madvise]'))
      return 'transparent huge pages are not in madvise mode here';
  } catch {
    return 'no transparent huge pages here';
  }
  const header = (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } }).header;
  const m = /^(\d+)\.(\d+)/.exec(header?.glibcVersionRuntime ?? '');
  if (!m || Number(m[1]) * 1000 + Number(m[2]) < 2035) return 'glibc before 2.35';
  return null;
}

/** The children of `pid` with their GLIBC_TUNABLES, read from /proc. */
function children(pid: number): { pid: number; tunables: string | null }[] {
  const out: { pid: number; tunables: string | null }[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const ppid = Number(/PPid:\s+(\d+)/.exec(readFileSync(`/proc/${name}/status`, 'utf8'))?.[1]);
      if (ppid !== pid) continue;
      const env = readFileSync(`/proc/${name}/environ`, 'utf8').split('\0');
      const t = env.find((e) => e.startsWith('GLIBC_TUNABLES='));
      out.push({ pid: Number(name), tunables: t ? t.slice('GLIBC_TUNABLES='.length) : null });
    } catch {
      // gone already
    }
  }
  return out;
}

/** Run `analyse` and watch its children until it exits. */
async function watched(env: NodeJS.ProcessEnv, out: string) {
  const dir = mkdtempSync(join(tmpdir(), 'csc-huge-'));
  const council = synthesise({ assessments: 3000, seed: 5 });
  writeFileSync(join(dir, 'a.csv'), council.assessmentsCsv);
  writeFileSync(join(dir, 'p.csv'), council.pupilsCsv);
  const rest = { ...process.env };
  delete rest['GLIBC_TUNABLES'];
  delete rest['CSC_DEMAND_HUGE_PAGES'];
  const child = spawn(
    process.execPath,
    [cli, 'analyse', '--assessments', join(dir, 'a.csv'), '--pupils', join(dir, 'p.csv')].concat([
      '--generated-at',
      '2024-07-01T10:00:00.000Z',
      '--out',
      out,
    ]),
    { env: { ...rest, ...env }, stdio: 'ignore' },
  );
  const seen = new Map<number, string | null>();
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let done = false;
  void exit.then(() => (done = true));
  while (!done) {
    for (const c of children(child.pid!)) seen.set(c.pid, c.tunables);
    await new Promise((r) => setTimeout(r, 5));
  }
  return { code: await exit, seen: [...seen.values()] };
}

test('analyse relaunches itself once with huge pages advised, and not when told not to; the summary is the same', async (t) => {
  assert.ok(existsSync(cli), 'dist/cli.js is missing: run `npm run build` before the CLI tests');
  const why = applies();
  if (why) return void t.skip(`the relaunch does not apply: ${why}`);
  const dir = mkdtempSync(join(tmpdir(), 'csc-huge-out-'));
  const on = await watched({}, join(dir, 'on.json'));
  assert.equal(on.code, 0);
  assert.deepEqual(on.seen, ['glibc.malloc.hugetlb=1'], 'one child, with the setting');
  const off = await watched({ CSC_DEMAND_HUGE_PAGES: '0' }, join(dir, 'off.json'));
  assert.equal(off.code, 0);
  assert.deepEqual(off.seen, [], 'no child');
  assert.equal(readFileSync(join(dir, 'on.json'), 'utf8'), readFileSync(join(dir, 'off.json'), 'utf8'));
});
