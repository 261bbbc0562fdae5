// The Postgres dialect run on a real Postgres: a throwaway cluster in a temporary folder (Debian's
// postgresql binaries: initdb, then pg_ctl on a free port, trust authentication on localhost only),
// the synthetic council loaded into a table with the CIN census's column names, the printed view and
// queries run as printed (pass 1, then pass 2 as `sql --aggregates` prints it with pass 1's categories
// written in), the results saved as CSV, and `analyse --aggregates` on them compared with `analyse`
// on the council's CSV rows: the demand, re-referral, repeat-plan and re-entry sections. Skipped, saying why, where no Postgres binaries exist. initdb
// refuses to run as root: as root the cluster is run as the `postgres` user Debian's package makes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { main } from '../../src/cli.js';
import { CENSUS_NAMES } from '../../src/sql/census-view.js';
import type { SqlScript } from '../../src/sql/script.js';
import { differences, SURVIVAL, withoutCox } from './summary-diff.js';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

function postgresBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb')));
  versions.sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0]!, 'bin') : null;
}

function postgresUid(): { uid: number; gid: number } | null {
  const r = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const g = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  return r.status === 0 && g.status === 0 ? { uid: Number(r.stdout), gid: Number(g.stdout) } : null;
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

const bin = postgresBin();
const isRoot = process.getuid?.() === 0;
const pgUser = isRoot ? postgresUid() : null;
const skip = !bin
  ? 'no Postgres binaries (/usr/lib/postgresql/*/bin/initdb): apt-get install postgresql'
  : isRoot && !pgUser
    ? 'running as root and there is no postgres user to run the cluster as'
    : false;
if (skip) console.log(`# skipping the Postgres run: ${skip}`);

function run(cmd: string, args: string[]): void {
  const full = isRoot
    ? (['runuser', ['-u', 'postgres', '--', cmd, ...args]] as const)
    : ([cmd, args] as const);
  const r = spawnSync(full[0], full[1], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr || r.stdout}`);
}

const csvValue = (v: unknown): string =>
  v === null || v === undefined ? '' : `"${String(v).replace(/"/g, '""')}"`;

test(
  'the Postgres dialect, run on Postgres over CIN census names, gives the rows’ summary',
  { skip },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'csc-pg-'));
    chmodSync(dir, 0o755);
    const data = join(dir, 'cluster');
    mkdirSync(data);
    if (pgUser) chownSync(data, pgUser.uid, pgUser.gid);
    const port = await freePort();
    const ctl = join(bin!, 'pg_ctl');
    const { default: pg } = await import('pg');
    pg.types.setTypeParser(1082, (v: string) => v); // DATE as written, not a JS Date in local time
    run(join(bin!, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'kit', '--no-sync', '-E', 'UTF8']);
    run(ctl, [
      '-D',
      data,
      '-w',
      '-l',
      join(data, 'log'),
      '-o',
      `-p ${port} -k ${data} -c listen_addresses=127.0.0.1 -c fsync=off`,
      'start',
    ]);
    const client = new pg.Client({ host: '127.0.0.1', port, user: 'kit', database: 'postgres' });
    try {
      await client.connect();
      assert.equal((await cli('synth', '--assessments', '2500', '--seed', '11', '--out', dir)).code, 0);
      const csvText = readFileSync(join(dir, 'assessments.csv'), 'utf8');
      const rows = Papa.parse<Record<string, string>>(csvText, { header: true, skipEmptyLines: true }).data;
      const kitToCensus = new Map(CENSUS_NAMES.map(([c, k]) => [k, c]));
      const columns = [...kitToCensus.keys()];
      const isDate = (k: string) => /_date$|^date_of_birth$/.test(k);
      await client.query(
        `CREATE TABLE cin_census (${columns.map((k) => `"${kitToCensus.get(k)}" ${isDate(k) ? 'DATE' : 'TEXT'}`).join(', ')})`,
      );
      for (let i = 0; i < rows.length; i += 500) {
        const batch = rows.slice(i, i + 500);
        const values: unknown[] = [];
        const tuples = batch.map(
          (r) => `(${columns.map((k) => `$${values.push(r[k] === '' ? null : r[k]!)}`).join(', ')})`,
        );
        await client.query(
          `INSERT INTO cin_census (${columns.map((k) => `"${kitToCensus.get(k)}"`).join(', ')}) VALUES ${tuples.join(', ')}`,
          values,
        );
      }
      const printed = await cli(
        'sql',
        '--dialect',
        'postgres',
        '--table',
        'assessments',
        '--census-table',
        'cin_census',
        '--json',
      );
      const script = JSON.parse(printed.out) as SqlScript;
      await client.query(script.view);
      const aggregates = join(dir, 'aggregates');
      mkdirSync(aggregates);
      const save = async (q: { name: string; sql: string }) => {
        const r = await client.query(q.sql);
        const names = r.fields.map((f) => f.name);
        const lines = [
          names.join(','),
          ...r.rows.map((row: Record<string, unknown>) => names.map((n) => csvValue(row[n])).join(',')),
        ];
        writeFileSync(join(aggregates, `${q.name}.csv`), lines.join('\n') + '\n');
      };
      for (const q of script.queries.filter((x) => x.pass === 1)) await save(q);
      // Pass 2, with the categories fitted on pass 1 written in (VALUES ... AS m (...)).
      const second = await cli(
        'sql',
        '--dialect',
        'postgres',
        '--table',
        'assessments',
        '--aggregates',
        aggregates,
        '--json',
      );
      assert.equal(second.code, 0, second.err);
      // The survival queries (attainment and pathways read pupils and a decile the census lacks).
      for (const q of (JSON.parse(second.out) as SqlScript).queries.filter(
        (x) => x.pass === 2 && (SURVIVAL as readonly string[]).includes(x.name),
      ))
        await save(q);
      const stamp = '2024-07-01T10:00:00.000Z';
      const fromRows = await cli(
        'analyse',
        '--assessments',
        join(dir, 'assessments.csv'),
        '--sections',
        ['demand', ...SURVIVAL].join(','),
        '--generated-at',
        stamp,
        '--json',
      );
      const fromPg = await cli('analyse', '--aggregates', aggregates, '--generated-at', stamp, '--json');
      assert.equal(fromPg.code, 0, fromPg.err);
      const a = JSON.parse(fromRows.out) as {
        demand: { categories: { count: number; share: number }[]; years: unknown; characteristics: unknown };
      };
      const b = JSON.parse(fromPg.out) as typeof a;
      assert.deepEqual(b.demand.years, a.demand.years);
      assert.deepEqual(
        b.demand.categories.map((c) => c.count),
        a.demand.categories.map((c) => c.count),
      );
      b.demand.categories.forEach((c, k) =>
        assert.ok(Math.abs(c.share - a.demand.categories[k]!.share) < 1e-12),
      );
      // The whole summary, counts exactly, floats to 1e-9 (the hazard ratios need the rows).
      const rowsSummary = JSON.parse(fromRows.out) as Record<string, unknown>;
      for (const section of SURVIVAL) assert.ok((rowsSummary[section] as { n: number }).n > 50, section);
      assert.deepEqual(differences(withoutCox(JSON.parse(fromPg.out)), withoutCox(rowsSummary)), []);
    } finally {
      await client.end().catch(() => {});
      try {
        run(ctl, ['-D', data, '-m', 'immediate', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  },
);
