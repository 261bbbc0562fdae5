// Kaplan-Meier and the log-rank test from (group, time, event, count) rows equal the rows' own
// (kaplanMeierGroups): worked by hand on a small case, and on seeded data with heavy ties.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kaplanMeierGroups } from '../../../src/survival/kaplan-meier-groups.js';
import { random } from '../../../src/math/random.js';
import { kaplanMeierFromCounts } from '../../../src/survival/kaplan-meier-counts.js';

test('worked by hand: 3 events and 2 censored at time 1 of 10 at risk', () => {
  // Group a: 10 at risk; at time 1, 3 events and 2 censored: S = 7/10; at time 2, 5 at risk, 1 event: S = 0.7 * 4/5.
  const r = kaplanMeierFromCounts([1, 1, 2, 3], [1, 0, 1, 0], ['a', 'a', 'a', 'a'], [3, 2, 1, 4]);
  const t = r.groups[0]!.table;
  assert.deepEqual(Array.from(t.time), [1, 2, 3]);
  assert.deepEqual(Array.from(t.nRisk), [10, 5, 4]);
  assert.deepEqual(Array.from(t.nEvent), [3, 1, 0]);
  assert.deepEqual(Array.from(t.nCensor), [2, 0, 4]);
  assert.ok(Math.abs(t.surv[1]! - 0.56) < 1e-15);
});

test('curves, standard errors, intervals and the log-rank test equal the rows’', () => {
  const rng = random(7);
  const time: number[] = [];
  const event: number[] = [];
  const group: (string | null)[] = [];
  for (let i = 0; i < 4000; i++) {
    const g = Math.floor(rng.next() * 4);
    time.push(Math.ceil(-Math.log(rng.next()) * (10 + 3 * g)));
    event.push(rng.next() < 0.7 ? 1 : 0);
    group.push(rng.next() < 0.02 ? null : `g${g}`);
  }
  const key = (i: number) => JSON.stringify([group[i], time[i], event[i]]);
  const at = new Map<string, number>();
  const agg = {
    time: [] as number[],
    event: [] as number[],
    group: [] as (string | null)[],
    n: [] as number[],
  };
  for (let i = 0; i < time.length; i++) {
    const k = at.get(key(i));
    if (k !== undefined) agg.n[k]!++;
    else {
      at.set(key(i), agg.n.length);
      agg.time.push(time[i]!);
      agg.event.push(event[i]!);
      agg.group.push(group[i]!);
      agg.n.push(1);
    }
  }
  assert.ok(agg.n.length < 1000);
  const rows = kaplanMeierGroups(time, event, group, { confType: 'log-log' });
  const counts = kaplanMeierFromCounts(agg.time, agg.event, agg.group, agg.n, { confType: 'log-log' });
  assert.equal(counts.missingGroup, rows.missingGroup);
  assert.deepEqual(
    counts.groups.map((g) => g.level),
    rows.groups.map((g) => g.level),
  );
  counts.groups.forEach((g, k) => {
    const r = rows.groups[k]!;
    for (const f of ['time', 'nRisk', 'nEvent', 'nCensor'] as const)
      assert.deepEqual(Array.from(g.table[f]), Array.from(r.table[f]), f);
    for (const f of ['surv', 'stdErr', 'lower', 'upper', 'cumhaz'] as const)
      g.table[f].forEach((v, j) => {
        const want = r.table[f][j]!;
        assert.ok(Math.abs(v - want) < 1e-12 || (Number.isNaN(v) && Number.isNaN(want)), `${f} ${j}`);
      });
  });
  assert.ok(Math.abs(counts.logRank.chisq - rows.logRank.chisq) < 1e-9);
  assert.equal(counts.logRank.df, rows.logRank.df);
});
