// The SQL route at national scale (`npm run bench -- sql`; needs `npm run build` and @duckdb/node-api):
// - 3.6 million synthetic assessments (and their pupils): `analyse` of every section on the CSV rows against `analyse --engine duckdb` on the same council
//   in Parquet (the sections the aggregates publish; the second pass included),
//   wall, CPU (user + sys) and peak RSS of each CLI run (GNU time), and whether the two summaries
//   agree (counts exactly, other figures to 1e-9);
// - 30 million assessments: the 3.6 million Parquet rows repeated (child ids made distinct) to
//   30 million in one Parquet file by DuckDB (the pupils repeated alike), then `analyse --engine
//   duckdb` on them, within the
//   machine's memory. The files live in BENCH_SQL_DIR (default /tmp/sql-data) and are deleted after.
// BENCH_SQL_N overrides 3.6 million and BENCH_SQL_BIG 30 million (a quick check of the bench itself).
// The machine is shared: CPU seconds are the fairer figure.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDuckDB, sqlString } from '../src/sql/duckdb.js';
import { withoutCox } from '../tests/cli/summary-diff.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist/cli.js');
const work = process.env.BENCH_SQL_DIR ?? '/tmp/sql-data';
const N = Number(process.env.BENCH_SQL_N ?? 3_600_000);
const BIG = Number(process.env.BENCH_SQL_BIG ?? 30_000_000);
const stamp = '2024-07-01T00:00:00Z';
// Every section; the survival sections' hazard ratios come only from rows (they adjust for continuous
// covariates), so the comparison sets them aside as the SQL tests do (tests/cli/summary-diff.ts).
const SECTIONS = 'demand,rereferral,repeatPlans,careReentry,attainment,pathways';

interface Run {
  wall: number;
  cpu: number;
  rssMb: number;
  ok: boolean;
}

function timed(args: string[]): Run {
  const err = join(work, 'time.txt');
  const fd = openSync(err, 'w');
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-v', process.execPath, cli, ...args], {
    stdio: ['ignore', 'ignore', fd],
  });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  closeSync(fd);
  const text = readFileSync(err, 'utf8');
  const get = (label: string) => Number(new RegExp(`${label}: ([\\d.]+)`).exec(text)?.[1] ?? NaN);
  const ok = r.status === 0;
  if (!ok) console.log(`  failed: ${text.trim().split('\n').slice(0, 3).join(' / ')}`);
  return {
    wall,
    cpu: get('User time \\(seconds\\)') + get('System time \\(seconds\\)'),
    rssMb: get('Maximum resident set size \\(kbytes\\)') / 1024,
    ok,
  };
}

const fmt = (r: Run): string =>
  `${r.wall.toFixed(1)} s (CPU ${r.cpu.toFixed(1)} s), peak RSS ${r.rssMb >= 1024 ? `${(r.rssMb / 1024).toFixed(2)} GB` : `${r.rssMb.toFixed(0)} MB`}`;

/** Figures where two summaries differ (counts exactly, other numbers to 1e-9). */
function differ(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number')
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)) ? 0 : 1;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length !== b.length ? 1 : a.reduce((s: number, x, i) => s + differ(x, b[i]), 0);
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    let s = 0;
    for (const k of keys) s += differ((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]);
    return s;
  }
  return a === b ? 0 : 1;
}

const mb = (path: string): string => `${(statSync(path).size / 1e6).toFixed(0)} MB`;

export async function bench(): Promise<void> {
  if (!existsSync(cli)) {
    console.log('  dist/cli.js missing: run `npm run build` first');
    return;
  }
  try {
    await (await openDuckDB()).close();
  } catch (e) {
    console.log(`  skipped: ${(e as Error).message}`);
    return;
  }
  mkdirSync(work, { recursive: true });
  try {
    const csvDir = join(work, 'csv');
    const pqDir = join(work, 'parquet');
    const s1 = timed(['synth', '--assessments', String(N), '--seed', '1', '--out', csvDir]);
    const s2 = timed([
      'synth',
      '--assessments',
      String(N),
      '--seed',
      '1',
      '--format',
      'parquet',
      '--out',
      pqDir,
    ]);
    const csv = join(csvDir, 'assessments.csv');
    const pq = join(pqDir, 'assessments.parquet');
    console.log(
      `  ${N.toLocaleString('en-GB')} assessments: CSV ${mb(csv)} (synth ${fmt(s1)}); Parquet ${mb(pq)} (synth + DuckDB ${fmt(s2)})`,
    );
    const rowsOut = join(work, 'rows.json');
    const duckOut = join(work, 'duckdb.json');
    const rows = timed([
      'analyse',
      '--assessments',
      csv,
      '--pupils',
      join(csvDir, 'pupils.csv'),
      '--sections',
      SECTIONS,
      '--generated-at',
      stamp,
      '--out',
      rowsOut,
    ]);
    console.log(`  analyse --sections ${SECTIONS} on the CSV rows: ${fmt(rows)}`);
    const duck = timed([
      'analyse',
      '--engine',
      'duckdb',
      '--assessments',
      pq,
      '--pupils',
      join(pqDir, 'pupils.parquet'),
      '--sections',
      SECTIONS,
      '--generated-at',
      stamp,
      '--out',
      duckOut,
    ]);
    console.log(`  analyse --engine duckdb on the Parquet file:          ${fmt(duck)}`);
    if (rows.ok && duck.ok) {
      // The file name the pathways result gives (the rows' CSV, DuckDB's Parquet) is not a figure.
      const read = (f: string) => {
        const s = withoutCox(JSON.parse(readFileSync(f, 'utf8')) as Record<string, unknown>) as {
          pathways?: { file?: unknown } | null;
        };
        if (s.pathways) s.pathways.file = null;
        return s;
      };
      const d = differ(read(rowsOut), read(duckOut));
      console.log(
        `  the two summaries: ${d === 0 ? 'equal (every figure but the hazard ratios, which need rows; floats to 1e-9)' : `${d} figures differ`}`,
      );
    }
    rmSync(csvDir, { recursive: true, force: true });

    const big = join(work, 'big.parquet');
    const bigPupils = join(work, 'big-pupils.parquet');
    const copies = Math.ceil(BIG / N);
    const t0 = process.hrtime.bigint();
    const db = await openDuckDB({ threads: '2', memory_limit: '8GB', temp_directory: join(work, 'spill') });
    try {
      await db.all(
        `COPY (SELECT * REPLACE (child_id || '-' || CAST(k AS VARCHAR) AS child_id) FROM read_parquet(${sqlString(pq)}), range(${copies}) AS r(k) LIMIT ${BIG}) TO ${sqlString(big)} (FORMAT parquet)`,
      );
      // The pupils alike: each copy's pupils belong to that copy's children.
      const pupils = `read_parquet(${sqlString(join(pqDir, 'pupils.parquet'))})`;
      await db.all(
        `COPY (SELECT * REPLACE (child_id || '-' || CAST(k AS VARCHAR) AS child_id) FROM ${pupils}, range(${copies}) AS r(k) LIMIT CAST((SELECT COUNT(*) FROM ${pupils}) * ${BIG / N} AS BIGINT)) TO ${sqlString(bigPupils)} (FORMAT parquet)`,
      );
    } finally {
      db.close();
    }
    const made = Number(process.hrtime.bigint() - t0) / 1e9;
    console.log(
      `  ${BIG.toLocaleString('en-GB')} assessments written to Parquet by DuckDB (${copies} copies cut to size): ${mb(big)}, pupils ${mb(bigPupils)}, in ${made.toFixed(1)} s`,
    );
    const bigRun = timed([
      'analyse',
      '--engine',
      'duckdb',
      '--assessments',
      big,
      '--pupils',
      bigPupils,
      '--sections',
      SECTIONS,
      '--generated-at',
      stamp,
      '--out',
      join(work, 'big.json'),
    ]);
    console.log(`  analyse --engine duckdb on ${BIG.toLocaleString('en-GB')}:            ${fmt(bigRun)}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
