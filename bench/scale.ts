// The whole thing at national scale (3.6 million assessments): what a user waits for, beside R in the same run.
// - `csc-demand analyse` with pupils on 1M assessments (and 3.6M with BENCH_FULL=1): wall, CPU
//   (user + sys) and peak RSS of the built CLI (dist/cli.js, through /usr/bin/time), and R's
//   read.csv merely reading the same two files. Goals: 1M at most half R's read and under 1 GB;
//   3.6M under 15 s and 2 GB.
// - `csc-demand km --json` (by 12 groups) and `cox --json` on 1M rows with continuous times against
//   R's survfit + survdiff and coxph on the same file (R's reading not counted; ours is).
// - Chromium (puppeteer, /usr/bin/chromium): a page with the demand chart in view and the
//   re-referral curve and attainment table below the fold, on the synthetic council: time until the
//   chart in view is complete, until all three are, the tab's memory (its renderer: page + workers),
//   and the longest main-thread task (PerformanceObserver 'longtask'). 3.6M with BENCH_FULL=1.
// Sizes: BENCH_SCALE_N overrides the assessments count (a quick check of the bench itself);
// BENCH_SCALE_PARTS=browser (or cli, survival, comma-separated) runs only those parts.
// The machine is shared: CPU seconds are the fairer figure; the load average is printed first.
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { random } from '../src/math/random.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist/cli.js');
// BENCH_SCALE_DIR: where the generated files go (national-scale files are large).
const work = process.env.BENCH_SCALE_DIR ?? join(tmpdir(), 'csc-scale-bench');
const hasTime = existsSync('/usr/bin/time');
const hasR = spawnSync('Rscript', ['--version'], { stdio: 'ignore' }).status === 0;

interface Run {
  wall: number;
  cpu: number;
  rssMb: number;
  /** Bytes the command wrote to stdout. */
  bytes: number;
  ok: boolean;
}

/**
 * A command's wall and CPU seconds and peak RSS (GNU time). Its stdout goes to a file, as a user's
 * would: read through a pipe by this process, Node's writes would queue in the child's memory.
 */
function timed(cmd: string, args: string[]): Run {
  const outFile = join(work, 'stdout.tmp');
  const fd = openSync(outFile, 'w');
  const t0 = process.hrtime.bigint();
  const stdio: ['ignore', number, 'pipe'] = ['ignore', fd, 'pipe'];
  const r = hasTime
    ? spawnSync('/usr/bin/time', ['-f', '@@TIME %e %U %S %M', cmd, ...args], { encoding: 'utf8', stdio })
    : spawnSync(cmd, args, { encoding: 'utf8', stdio });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  closeSync(fd);
  const bytes = statSync(outFile).size;
  const m = /@@TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr ?? '');
  const ok = r.status === 0;
  if (!ok) console.log(`  ${cmd} failed: ${(r.stderr ?? '').trim().split('\n').slice(-2).join(' / ')}`);
  return m
    ? { wall: Number(m[1]), cpu: Number(m[2]) + Number(m[3]), rssMb: Number(m[4]) / 1024, bytes, ok }
    : { wall, cpu: NaN, rssMb: NaN, bytes, ok };
}

const fmt = (r: Run): string =>
  `${r.wall.toFixed(1)} s (CPU ${r.cpu.toFixed(1)} s), peak ${r.rssMb >= 1024 ? `${(r.rssMb / 1024).toFixed(2)} GB` : `${r.rssMb.toFixed(0)} MB`}`;

function council(n: number): string {
  const dir = join(work, `council-${n}`);
  if (!existsSync(join(dir, 'pupils.csv'))) {
    const r = timed(process.execPath, [
      cli,
      'synth',
      '--assessments',
      String(n),
      '--seed',
      '2024',
      '--out',
      dir,
    ]);
    console.log(`synthetic council of ${n.toLocaleString('en-GB')} assessments written in ${fmt(r)}`);
  }
  return dir;
}

function episodes(n: number): string {
  const file = join(work, `episodes-${n}.csv`);
  if (existsSync(file)) return file;
  const rng = random(16);
  const parts: string[] = ['time,event,category,age,length,prior,decile\n'];
  for (let i = 0; i < n; i++) {
    const g = rng.int(12);
    const age = Math.round(rng.next() * 170) / 10;
    const len = Math.round((4.5 + 0.8 * rng.normal()) * 100) / 100;
    const prior = Math.min(rng.int(4) + rng.int(3), 5);
    const dec = 1 + rng.int(10);
    const lp =
      -0.4 + (0.8 * g) / 11 - 0.03 * (age - 8.5) + 0.1 * (len - 4.5) + 0.15 * prior - 0.03 * (dec - 5.5);
    const t = -Math.log(1 - rng.next()) / ((-Math.log(0.7) / 365) * Math.exp(lp));
    const c = Math.min(rng.next() * 1.25 * 2191, 2191);
    const cat = `c${String(g + 1).padStart(2, '0')}`;
    parts.push(`${Math.min(t, c).toFixed(4)},${t <= c ? 1 : 0},${cat},${age},${len},${prior},${dec}\n`);
  }
  writeFileSync(file, parts.join(''));
  return file;
}

const R_READ = `t <- system.time({a <- read.csv(commandArgs(TRUE)[1]); p <- read.csv(commandArgs(TRUE)[2])})
cat(t[["elapsed"]], t[["user.self"]] + t[["sys.self"]], "\\n")`;

const R_SURVIVAL = `suppressMessages(library(survival))
d <- read.csv(commandArgs(TRUE)[1], colClasses = c("numeric", "numeric", "factor", rep("numeric", 4)))
cpu <- function(t) t[["user.self"]] + t[["sys.self"]]
km <- system.time({f <- survfit(Surv(time, event) ~ category, data = d); s <- survdiff(Surv(time, event) ~ category, data = d)})
cx <- system.time(m <- coxph(Surv(time, event) ~ category + age + length + prior + decile, data = d))
cat(km[["elapsed"]], cpu(km), cx[["elapsed"]], cpu(cx), "\\n")`;

function cliFigures(n: number): void {
  const dir = council(n);
  const a = join(dir, 'assessments.csv');
  const p = join(dir, 'pupils.csv');
  const ours = timed(process.execPath, [
    cli,
    'analyse',
    '--assessments',
    a,
    '--pupils',
    p,
    '--json',
    '--generated-at',
    '2026-01-01T00:00:00Z',
  ]);
  console.log(`csc-demand analyse, ${n.toLocaleString('en-GB')} assessments with pupils: ${fmt(ours)}`);
  if (!hasR) return;
  const r = spawnSync('Rscript', ['-e', R_READ, a, p], { encoding: 'utf8' });
  const [wall, cpu] = r.stdout.trim().split(/\s+/).map(Number);
  console.log(
    `  R read.csv of the two files: ${wall!.toFixed(1)} s (CPU ${cpu!.toFixed(1)} s); ours / R read = ` +
      `${(ours.wall / wall!).toFixed(2)} (CPU ${(ours.cpu / cpu!).toFixed(2)}); goal <= 0.5`,
  );
}

function survivalFigures(n: number): void {
  const file = episodes(n);
  const common = ['--input', file, '--time', 'time', '--event', 'event'];
  const km = timed(process.execPath, [cli, 'km', ...common, '--group', 'category', '--json']);
  const cox = timed(process.execPath, [
    cli,
    'cox',
    ...common,
    '--covariates',
    'age,length,prior,decile',
    '--factors',
    'category',
    '--json',
  ]);
  console.log(
    `km --json by 12 groups, ${n.toLocaleString('en-GB')} rows, continuous times: ${fmt(km)}, ${(km.bytes / 1e6).toFixed(0)} MB written`,
  );
  console.log(`cox --json, 15 terms: ${fmt(cox)}`);
  if (!hasR) return;
  const r = spawnSync('Rscript', ['-e', R_SURVIVAL, file], { encoding: 'utf8' });
  const [kmWall, kmCpu, coxWall, coxCpu] = r.stdout.trim().split(/\s+/).map(Number);
  console.log(
    `  R survfit + survdiff ${kmWall!.toFixed(1)} s (CPU ${kmCpu!.toFixed(1)} s): ours (reading and JSON included) / R = ` +
      `${(km.wall / kmWall!).toFixed(2)} (CPU ${(km.cpu / kmCpu!).toFixed(2)}); goal <= 1`,
  );
  console.log(
    `  R coxph ${coxWall!.toFixed(1)} s (CPU ${coxCpu!.toFixed(1)} s): ours / R = ` +
      `${(cox.wall / coxWall!).toFixed(2)} (CPU ${(cox.cpu / coxCpu!).toFixed(2)}); goal <= 1`,
  );
}

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.csv': 'text/csv',
  '.json': 'application/json',
};

function serve(dataDir: string): Promise<{ server: Server; url: string }> {
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title>
<script>window.__long = 0; window.__done = {};
new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long = Math.max(window.__long, e.duration); }).observe({ type: 'longtask', buffered: true });
addEventListener('csc-analysis-complete', (e) => { window.__done[e.target.id] = performance.now(); });
addEventListener('csc-analysis-error', (e) => { window.__done[e.target.id] = -1; });</script>
<script type="module" src="/dist/csc-demand-widgets.js"></script></head><body>
<demand-category-chart id="demand" src="/data/assessments.csv" model="national"></demand-category-chart>
<div style="height: 3000px"></div>
<rereferral-curve id="rereferral" src="/data/assessments.csv" group="category"></rereferral-curve>
<attainment-gap-table id="attainment" src="/data/assessments.csv" pupils-src="/data/pupils.csv" key-stage="4" outcome="attainment8"></attainment-gap-table>
</body></html>`;
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(page);
      return;
    }
    const file = path.startsWith('/data/') ? join(dataDir, path.slice(6)) : join(root, path);
    if (!file.startsWith(root) && !file.startsWith(dataDir)) return void res.writeHead(404).end();
    try {
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'content-length': statSync(file).size,
      });
      res.end(readFileSync(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({
        server,
        url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`,
      });
    }),
  );
}

/**
 * Resident memory of the browser's renderer processes, in MB: `tab`, the page's own renderer (the
 * page and its dedicated workers run in one process; at this scale it is the largest by far), and
 * `all`, every renderer. Chromium also keeps renderers the page did not ask for (puppeteer's first
 * about:blank tab, a spare renderer): about 300 MB of RSS at idle on these machines, counted in
 * `all` only.
 */
function rendererMb(browserPid: number): { tab: number; all: number } {
  let total = 0;
  let largest = 0;
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const ppid = Number(/PPid:\s+(\d+)/.exec(readFileSync(`/proc/${name}/status`, 'utf8'))?.[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // gone already
    }
  }
  const visit = (pid: number): void => {
    for (const c of children.get(pid) ?? []) {
      try {
        if (readFileSync(`/proc/${c}/cmdline`, 'utf8').includes('--type=renderer')) {
          const mb =
            Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${c}/status`, 'utf8'))?.[1] ?? 0) / 1024;
          total += mb;
          largest = Math.max(largest, mb);
        }
      } catch {
        // gone already
      }
      visit(c);
    }
  };
  visit(browserPid);
  return { tab: largest, all: total };
}

/**
 * The page's main-thread tasks in a Chrome trace: the renderer thread that ran the page's scripts
 * (served from `url`), each RunTask's wall (`dur`) and thread CPU (`tdur`) time, in ms.
 */
function mainThreadTasks(
  trace: Uint8Array | undefined,
  url: string,
): { maxWall: number; maxCpu: number; over50Wall: number; over50Cpu: number } {
  interface TraceEvent {
    name: string;
    ph: string;
    pid: number;
    tid: number;
    dur?: number;
    tdur?: number;
    args?: { data?: { url?: string } };
  }
  const events = trace
    ? (JSON.parse(Buffer.from(trace).toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents
    : [];
  const calls = new Map<string, number>();
  for (const e of events)
    if (e.name === 'FunctionCall' && String(e.args?.data?.url ?? '').startsWith(url))
      calls.set(`${e.pid}:${e.tid}`, (calls.get(`${e.pid}:${e.tid}`) ?? 0) + 1);
  const main = [...calls].sort((a, b) => b[1] - a[1])[0]?.[0];
  const tasks = events.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X' && e.name === 'RunTask');
  const wall = tasks.map((t) => (t.dur ?? 0) / 1000);
  const cpu = tasks.map((t) => (t.tdur ?? 0) / 1000);
  return {
    maxWall: Math.max(0, ...wall),
    maxCpu: Math.max(0, ...cpu),
    over50Wall: wall.filter((d) => d > 50).length,
    over50Cpu: cpu.filter((d) => d > 50).length,
  };
}

async function browserFigures(n: number): Promise<void> {
  if (!existsSync('/usr/bin/chromium'))
    return void console.log('Chromium: /usr/bin/chromium not found, skipped');
  const dir = council(n);
  const puppeteer = (await import('puppeteer-core')).default;
  const { server, url } = await serve(dir);
  const browser = await puppeteer.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--headless=new',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    let peak = 0;
    let peakAll = 0;
    const sampler = setInterval(() => {
      const m = rendererMb(browser.process()!.pid!);
      peak = Math.max(peak, m.tab);
      peakAll = Math.max(peakAll, m.all);
    }, 250);
    // A trace of the page's main thread: each task's CPU time beside its wall time (on a shared
    // machine a task's wall time grows with the load; its thread's CPU time much less).
    await page.tracing.start({
      categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'],
    });
    await page.goto(url);
    await page.waitForFunction(
      () => Object.keys((window as unknown as { __done: object }).__done).length === 3,
      {
        timeout: 600_000,
        polling: 200,
      },
    );
    clearInterval(sampler);
    await new Promise((resolve) => setTimeout(resolve, 2000)); // the chart in view draws
    const tasks = mainThreadTasks(await page.tracing.stop(), url);
    const { done, long } = await page.evaluate(() => {
      const w = window as unknown as { __done: Record<string, number>; __long: number };
      return { done: w.__done, long: w.__long };
    });
    const s = (ms: number | undefined) =>
      ms === undefined || ms < 0 ? 'failed' : `${(ms / 1000).toFixed(1)} s`;
    console.log(
      `Chromium, ${n.toLocaleString('en-GB')} assessments with pupils: chart in view (demand) ${s(done.demand)} (goal <= 8 s); ` +
        `re-referral ${s(done.rereferral)}, attainment ${s(done.attainment)}; all three ${s(Math.max(...Object.values(done)))} (goal <= 20 s)`,
    );
    console.log(
      `  tab memory (the page's renderer: page + workers) peak ${peak.toFixed(0)} MB (goal < 1536); every renderer ${peakAll.toFixed(0)} MB; ` +
        `longest main-thread task ${long.toFixed(0)} ms (goal <= 50)`,
    );
    console.log(
      `  main-thread tasks (trace): ${tasks.over50Wall} over 50 ms of wall time (longest ${tasks.maxWall.toFixed(0)} ms), ` +
        `${tasks.over50Cpu} over 50 ms of the thread's CPU time (longest ${tasks.maxCpu.toFixed(0)} ms)`,
    );
  } finally {
    await browser.close();
    server.close();
  }
}

export async function bench(): Promise<void> {
  if (!existsSync(cli)) return void console.log('dist/cli.js missing: run `npm run build` first');
  mkdirSync(work, { recursive: true });
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on this machine; files in ${work}`,
  );
  const small = Number(process.env.BENCH_SCALE_N ?? 1_000_000);
  const full = process.env.BENCH_FULL ? [3_600_000] : [];
  // BENCH_SCALE_PARTS: some of cli,survival,browser (default all), to measure one part alone.
  const parts = (process.env.BENCH_SCALE_PARTS ?? 'cli,survival,browser').split(',');
  if (parts.includes('cli')) for (const n of [small, ...full]) cliFigures(n);
  if (parts.includes('survival')) survivalFigures(small);
  if (parts.includes('browser')) await browserFigures(full[0] ?? small);
}
