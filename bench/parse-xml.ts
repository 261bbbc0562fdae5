// `npm run bench -- parse-xml`: the CIN census return (XML) read path against the CSV path on the
// same council: the synthetic council (src/synth/) written once as a return (`synth --format
// cin-xml`, src/synth/cin-xml.ts) and as assessments.csv, each then loaded in a fresh process (so
// each peak memory is its own) and timed. Goal: the return at no less than half the CSV
// path's rows per second, in bounded memory (the reader holds one <Child> at a time).
// - Size: CSC_BENCH_XML_ROWS assessments (default 3,600,000: a national return of about 3.5 GB; on a
//   crowded machine 360,000, about 340 MB, gives a ratio a few points higher); files in $CSC_BENCH_DIR.
// - Figures (Node 20, 2-core machine shared with other engineers' jobs, so CPU time, user + system,
//   is the measure; each file read three times, alternately, each from the page cache (warm); the
//   median run by CPU time reported). 3.6 million assessments, CSC_BENCH_DIR=/tmp/s5-xml.
//   Round 3 on the quiet machine (load 1.1-1.4, nothing else running), two runs of the bench: CSV
//   4.48 and 4.52 s CPU (4.18, 4.21 s wall), the return 8.78 and 9.06 s (7.75, 7.86 s wall): 51% and
//   50% (49.9%) per CPU second, 54% per wall second in both, 55% and 53% by whole-process CPU; peak
//   RSS 576-586 MB (CSV 598-607 MB). The goal of half is met, on the line by CPU.
//   Round 3 (cin-record.ts: a <Child> read whole, see below), two runs of the bench, both at load
//   8-10 (the machine shared with two other engineers' builds and tests):
//   CSV 5.26-6.81 s (median 5.52), the return 10.97-12.88 s (median 11.38): 49% (53% by
//   /usr/bin/time's whole-process CPU); then CSV 7.05-7.79 s (median 7.38), the return 13.18-14.10 s
//   (median 13.59): 54% (57%). Peak RSS by /usr/bin/time 587-600 MB for the return, 600-601 MB for
//   the CSV. So the goal of 50% is met in one run of two and the margin aimed at (55%) is NOT: on
//   this machine the ratio moves by five points from run to run.
//   Round 2: at load 7.5-8.6, CSV 324 MB in 4.77-4.83 s CPU, the return 3,361 MB (979 bytes per
//   assessment against 94) in 10.38-10.68 s: 46% (50% by /usr/bin/time's whole-process CPU); at load
//   8-10, 45%. Round 1: 44% (load 13-17: CSV 6.85-7.24 s, the return 16.19-17.22 s). Peak RSS by
//   /usr/bin/time about 590 MB for the return, 600 MB for the CSV in every round (one <Child> held at
//   a time: memory is the columns').
// - Round 3: where round 2's time went (profile at 3.6 million): the tokenizer a quarter, the CIN
//   structure (cin-xml-sink.ts, cin-child.ts) an eighth, rows into the columns a fifth (cin-fast-row.ts,
//   the CSV path's own work), the finishing shared with the CSV (ids, levels, factor bits, the columns'
//   first touch) the rest. So the tokenizer hands each <Child> to cin-record.ts, which reads it whole
//   into the child without an event per tag: what follows each event (a value's end tag, white space
//   and every tag up to the next value's start tag, `</ReferralNFA>\n      </CINdetails>\n
//   <CINdetails>\n        <CINreferralDate>`) is learnt once and then compared in place eight bytes at
//   a time, its structural events replayed; a value's text scanned and copied to the child four bytes
//   at a time; anything unusual declines and the general way reads the child (so every message is as
//   before). Rows take the child's and an episode's ranges once (cin-rows.ts). On 360,000 assessments
//   in memory (tokenizer and structure only, the least of 4-8 runs in each of several processes):
//   0.37-0.41 s -> 0.25-0.29 s. At 3.6 million the return's own reading is about 2.3-3 s of CPU in
//   the whole-<Child> read (half of it comparing the learnt runs' words), the kernel's copy of 3.4 GB
//   from the page cache 0.3-0.4 s, the rest what the CSV path does too (rows into the columns, the
//   finishing), which a crowded machine slows for both: in single runs of each at load 8-12 the
//   ratio moved between 49% and 53%.
//   Tried and did not help: a fixed count of word compares per tag (10% slower, round 2); a
//   byte-at-a-time reader of the <Child> (slower than round 2's tokenizer: a byte loop costs 0.35 s
//   per 352 MB here, eight-byte words 0.09 s). What might: WebAssembly (SIMD) for the comparisons;
//   rows written straight from the chunk without the copy into the child; a quieter machine for
//   the measure.
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  statSync,
  writeSync,
} from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTable } from '../src/data/load.js';
import { fileChunks } from '../src/cli/file-chunks.js';
import { runSynth } from '../src/synth/engine.js';
import { assessmentChunker } from '../src/synth/csv.js';
import { CinXmlWriter } from '../src/synth/cin-xml.js';

const ROWS = Number(process.env.CSC_BENCH_XML_ROWS ?? 3_600_000);
const DIR = process.env.CSC_BENCH_DIR ?? '/tmp/csc-bench';
const REPEAT = Number(process.env.CSC_BENCH_XML_REPEAT ?? 3);
const XML = join(DIR, `cin-return-${ROWS}.xml`);
const CSV = join(DIR, `cin-assessments-${ROWS}.csv`);
const mb = (x: number): string => `${(x / 2 ** 20).toFixed(0)} MB`;

function generate(): void {
  mkdirSync(DIR, { recursive: true });
  const fx = openSync(XML + '.part', 'w');
  const fc = openSync(CSV + '.part', 'w');
  const xml = new CinXmlWriter((t) => writeSync(fx, t), {}, 1 << 20);
  const csv = assessmentChunker((t) => writeSync(fc, t), 1 << 20);
  runSynth(
    'bench',
    { assessments: ROWS, seed: 2014 },
    {
      assessment: (row) => {
        xml.add(row);
        csv.add(row);
      },
      pupil: () => {},
    },
  );
  xml.finish();
  csv.flush();
  closeSync(fx);
  closeSync(fc);
  renameSync(XML + '.part', XML);
  renameSync(CSV + '.part', CSV);
}

/** In a child process: load `path`, print one JSON line of rows, times and peak memory. */
async function child(path: string): Promise<void> {
  // The return's reader is imported lazily by loadTable (load.ts). Under tsx that import transpiles
  // about fifteen files (0.1-0.2 s of CPU) that the CSV path, loaded with load.ts, never pays, and
  // the CLI's built JavaScript pays as a file read: so it is loaded before the clock starts.
  await import('../src/data/load-cin.js');
  let peak = process.memoryUsage.rss();
  // memoryUsage.rss() alone: memoryUsage() also walks the heap, which cost the longer run more.
  // At most one sample per 5 ms from the progress calls: a call a chunk is ten times as many for the
  // return as for the CSV (ten times the bytes), and each rss() reads /proc (about 0.3 s of the
  // return's CPU at national scale, measured in a profile: a cost of the bench, not of the reader).
  let last = 0;
  const sample = (): void => {
    peak = Math.max(peak, process.memoryUsage.rss());
  };
  const progress = (): void => {
    const now = performance.now();
    if (now - last < 5) return;
    last = now;
    sample();
  };
  const timer = setInterval(sample, 20);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  // Read as the CLI reads a file (src/cli/load-files.ts).
  const r = await loadTable(fileChunks(path), {
    fileName: path,
    totalBytes: statSync(path).size,
    onProgress: progress,
  });
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  sample();
  clearInterval(timer);
  console.log(JSON.stringify({ rows: r.rowsKept, wall, cpu: (c.user + c.system) / 1e6, peak }));
}

interface Run {
  rows: number;
  wall: number;
  /** CPU seconds (user + system) of the load, measured inside the process. */
  cpu: number;
  peak: number;
  /** From /usr/bin/time -v, when there: the whole process's CPU seconds and peak RSS (bytes). */
  processCpu?: number;
  processPeak?: number;
}

/**
 * Read `path` once through, so the timed read finds it in the page cache: a file read cold costs the
 * system the disk's work too (reading the 3.5 GB return with dd: 1.8 s of system time cold, 0.34 s
 * from the cache), which falls ten times as heavily on the return as on the CSV and depends on what
 * else the machine has read since; the bench measures the readers.
 */
function warm(path: string): void {
  const fd = openSync(path, 'r');
  const buf = new Uint8Array(1 << 20);
  while (readSync(fd, buf, 0, buf.length, null) > 0);
  closeSync(fd);
}

function run(path: string): Run {
  warm(path);
  const self = fileURLToPath(import.meta.url);
  const node = [process.execPath, '--import', 'tsx', self, '--child', path];
  // GNU time gives the kernel's own account of peak memory (the sampling above can miss a peak).
  const timed = existsSync('/usr/bin/time');
  const r = timed
    ? spawnSync('/usr/bin/time', ['-v', ...node], { encoding: 'utf8' })
    : spawnSync(node[0]!, node.slice(1), { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`bench child failed: ${r.stderr}`);
  const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as Run;
  if (timed) {
    const field = (name: string): number => Number(new RegExp(`${name}: ([0-9.]+)`).exec(r.stderr)?.[1]);
    out.processCpu = field('User time \\(seconds\\)') + field('System time \\(seconds\\)');
    out.processPeak = field('Maximum resident set size \\(kbytes\\)') * 1024;
  }
  return out;
}

export async function bench(): Promise<void> {
  if (!existsSync(XML) || !existsSync(CSV)) {
    const t = performance.now();
    generate();
    console.log(`wrote ${XML} and ${CSV} in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  }
  // Each file read REPEAT times, alternately, each run's figures its own; the median by CPU time is
  // reported (on a shared machine one run can be slowed by another job), the peak the highest seen.
  const csvRuns: Run[] = [];
  const xmlRuns: Run[] = [];
  for (let k = 0; k < REPEAT; k++) {
    csvRuns.push(run(CSV));
    xmlRuns.push(run(XML));
  }
  const median = (runs: Run[]): Run => {
    const sorted = [...runs].sort((a, b) => a.cpu - b.cpu);
    const m = { ...sorted[(sorted.length - 1) >> 1]! };
    m.peak = Math.max(...runs.map((r) => r.peak));
    if (m.processPeak !== undefined) m.processPeak = Math.max(...runs.map((r) => r.processPeak ?? 0));
    return m;
  };
  const csv = median(csvRuns);
  const xml = median(xmlRuns);
  console.log(
    `CPU seconds of each run: CSV ${csvRuns.map((r) => r.cpu.toFixed(2)).join(', ')}; XML ${xmlRuns.map((r) => r.cpu.toFixed(2)).join(', ')}`,
  );
  const rate = (r: Run, t: number): string => `${(r.rows / t / 1e6).toFixed(3)} M rows/s`;
  const line = (name: string, path: string, r: Run): string =>
    `${name}: ${r.rows.toLocaleString('en-GB')} assessments from ${mb(statSync(path).size)}: ` +
    `${r.cpu.toFixed(2)} s CPU = ${rate(r, r.cpu)} per CPU second; ${r.wall.toFixed(2)} s wall = ${rate(r, r.wall)}; ` +
    `peak RSS ${mb(r.peak)}` +
    (r.processPeak
      ? ` (whole process by /usr/bin/time -v: ${r.processCpu!.toFixed(2)} s CPU with start-up, peak RSS ${mb(r.processPeak)})`
      : '');
  console.log(line('CSV (assessments.csv)', CSV, csv));
  console.log(line('CIN census return (XML)', XML, xml));
  const byCpu = xml.rows / xml.cpu / (csv.rows / csv.cpu);
  const byWall = xml.rows / xml.wall / (csv.rows / csv.wall);
  const pct = (x: number): string => `${(100 * x).toFixed(0)}%`;
  console.log(
    `the return reads at ${pct(byCpu)} of the CSV path's rows per CPU second (goal >= 50%: ${byCpu >= 0.5 ? 'met' : 'NOT met'}), ` +
      `${pct(byWall)} per wall second` +
      (xml.processCpu !== undefined && csv.processCpu !== undefined
        ? `, ${pct(csv.processCpu / xml.processCpu)} by /usr/bin/time's whole-process CPU (start-up included)`
        : '') +
      `; peak RSS ${mb(Math.max(xml.peak, xml.processPeak ?? 0))} (CSV ${mb(Math.max(csv.peak, csv.processPeak ?? 0))}); ` +
      `${(statSync(XML).size / xml.rows).toFixed(0)} bytes per assessment against ${(statSync(CSV).size / csv.rows).toFixed(0)}`,
  );
}

if (process.argv[2] === '--child') await child(process.argv[3]!);
