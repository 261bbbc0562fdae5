// `csc-demand km` end to end: the built CLI (dist/cli.js; `npm run build` first) on R's lung and
// veteran data (../shared/reference/survival/), checked against survfit and survdiff.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { csc } from './run-cli.js';

const refDir = fileURLToPath(new URL('../fixtures/reference/survival/', import.meta.url));
const lung = join(refDir, 'lung.csv');
const veteran = join(refDir, 'veteran.csv');
const expected = (name: string) => JSON.parse(readFileSync(join(refDir, `${name}_expected.json`), 'utf8'));

/** Element by element within `abs`; R's NA is null and Inf "Infinity" on both sides. */
function same(
  label: string,
  ours: (number | string | null)[],
  want: (number | string | null)[],
  abs: number,
) {
  assert.equal(ours.length, want.length, `${label}: length`);
  want.forEach((w, i) => {
    const o = ours[i];
    if (typeof w !== 'number' || typeof o !== 'number') assert.equal(o, w, `${label}[${i}]`);
    else assert.ok(Math.abs(o - w) <= abs, `${label}[${i}]: ${o} vs ${w}`);
  });
}

test('km --json on lung by sex (R status coding 1/2) reproduces survfit tables and survdiff', () => {
  const r = csc(
    'km',
    '--input',
    lung,
    '--time',
    'time',
    '--event',
    'status',
    '--group',
    'sex',
    '--conf-type',
    'log',
    '--at',
    '365',
    '--json',
  );
  assert.equal(r.code, 0, r.err);
  const doc = JSON.parse(r.out);
  const ref = expected('lung');
  assert.equal(doc.eventCoding, '1/2');
  assert.equal(doc.n, 228);
  assert.deepEqual(doc.excluded, {});
  for (const g of doc.groups) {
    const want = ref.km_by_sex.conf_type_log.tables[`sex=${g.group}`];
    same('time', g.table.time, want.time, 0);
    same('n.risk', g.table.nRisk, want['n.risk'], 0);
    same('n.event', g.table.nEvent, want['n.event'], 0);
    same('n.censor', g.table.nCensor, want['n.censor'], 0);
    for (const [ours, theirs] of [
      ['surv', 'surv'],
      ['stdErrCumHaz', 'std.err'],
      ['lower', 'lower'],
      ['upper', 'upper'],
      ['cumhaz', 'cumhaz'],
    ]) {
      same(`sex=${g.group} ${theirs}`, g.table[ours], want[theirs], 1e-10);
    }
    // stdErr is the SE of S itself: survfit's std.err times S.
    same(
      'SE of S',
      g.table.stdErr,
      want.surv.map((s: number, i: number) => s * want['std.err'][i]),
      1e-10,
    );
    const m = ref.km_by_sex.conf_type_log.median_and_counts[`sex=${g.group}`];
    assert.deepEqual(
      [g.median.estimate, g.median.lower, g.median.upper],
      [m.median, m['0.95LCL'], m['0.95UCL']],
    );
    const ci = ref.cumulative_incidence_by_sex.conf_type_log.table;
    const k = ci.stratum.indexOf(`sex=${g.group}`);
    same(
      'cuminc 365',
      [g.at[0].cumInc, g.at[0].cumIncLower, g.at[0].cumIncUpper],
      [ci.cuminc[k], ci.cuminc_lower[k], ci.cuminc_upper[k]],
      1e-10,
    );
  }
  const lr = ref.logrank_by_sex.logrank_rho0;
  assert.ok(Math.abs(doc.logrank.chisq / lr.chisq - 1) < 1e-8);
  assert.equal(doc.logrank.df, 1);
  assert.ok(Math.abs(doc.logrank.p / lr.p - 1) < 1e-8);
});

test('km --json on veteran overall (log-log, the default): NA as null and an infinite SE as "Infinity"', () => {
  const r = csc('km', '--input', veteran, '--time', 'time', '--event', 'status', '--json');
  assert.equal(r.code, 0, r.err);
  const doc = JSON.parse(r.out);
  const want = expected('veteran').km_overall['conf_type_log-log'].tables.all;
  assert.equal(doc.eventCoding, '0/1');
  assert.equal(doc.confType, 'log-log');
  assert.equal(doc.logrank, null);
  const t = doc.groups[0].table;
  same('surv', t.surv, want.surv, 1e-10);
  same('std.err', t.stdErrCumHaz, want['std.err'], 1e-10);
  same('lower', t.lower, want.lower, 1e-10);
  same('upper', t.upper, want.upper, 1e-10);
  assert.equal(t.stdErrCumHaz.at(-1), 'Infinity');
  assert.equal(t.lower.at(-1), null);
});

test('km reads TRUE/FALSE events and drops rows with a missing time, counting them', () => {
  const dir = mkdtempSync(join(tmpdir(), 'csc-km-'));
  try {
    const file = join(dir, 'episodes.csv');
    writeFileSync(file, 'days,rereferred,area\n10,TRUE,a\n20,FALSE,b\n,TRUE,a\n30,TRUE,b\n40,FALSE,NA\n');
    const r = csc(
      'km',
      '--input',
      file,
      '--time',
      'days',
      '--event',
      'rereferred',
      '--group',
      'area',
      '--json',
    );
    assert.equal(r.code, 0, r.err);
    const doc = JSON.parse(r.out);
    assert.equal(doc.eventCoding, 'TRUE/FALSE');
    assert.deepEqual(doc.excluded, { missing_days: 1, missing_area: 1 });
    assert.deepEqual(
      doc.groups.map((g: { group: string; n: number }) => [g.group, g.n]),
      [
        ['a', 1],
        ['b', 2],
      ],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('km prints a summary with medians and the log-rank test', () => {
  const r = csc('km', '--input', lung, '--time', 'time', '--event', 'status', '--group', 'sex');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /event coded 1\/2/);
  assert.match(r.out, /sex=1\s+138\s+112\s+270/);
  assert.match(r.out, /Log-rank test: chi-square 10\.3267 on 1 df/);
});

test('km: an unknown interval type is bad usage (exit 2); an event code of 3 is an error naming the line', () => {
  const bad = csc('km', '--input', lung, '--time', 'time', '--event', 'status', '--conf-type', 'logit');
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--conf-type: expected log, log-log or plain/);
  const dir = mkdtempSync(join(tmpdir(), 'csc-km-'));
  try {
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'time,event\n1,1\n2,3\n');
    const r = csc('km', '--input', file, '--time', 'time', '--event', 'event');
    assert.equal(r.code, 1);
    assert.match(r.err, /bad\.csv line 3, column event: '3' is not an event code/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
