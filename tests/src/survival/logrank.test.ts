import { test } from 'node:test';
import assert from 'node:assert/strict';
import { logRank } from '../../../src/survival/logrank.js';
import { kaplanMeierGroups } from '../../../src/survival/kaplan-meier-groups.js';
import { kaplanMeier } from '../../../src/survival/kaplan-meier.js';
import { random } from '../../../src/math/random.js';
import { closeAbs, closeRel, expected, table } from './reference.js';

// R reference: survdiff(rho = 0) chi-square to 1e-8 relative (what R prints, with margin); O, E and V to 1e-10 relative.
for (const c of [
  { data: 'lung', by: 'sex', key: 'logrank_by_sex', event: (s: number) => (s === 2 ? 1 : 0) },
  { data: 'veteran', by: 'trt', key: 'logrank_by_trt', event: (s: number) => s },
] as const) {
  test(`${c.data}: log-rank by ${c.by} matches survdiff`, async () => {
    const t = await table(c.data);
    const r = expected(c.data)[c.key].logrank_rho0;
    const time = t.numeric('time');
    const event = Array.from(t.numeric('status'), c.event);
    const lr = logRank(time, event, t.numeric(c.by));
    closeRel(lr.chisq, r.chisq, 1e-8, 'chisq');
    assert.equal(lr.df, r.df);
    closeRel(lr.p, r.p, 1e-8, 'p');
    assert.deepEqual(
      lr.groups.map((g) => `${c.by}=${g.level}`),
      r.groups,
    );
    lr.groups.forEach((g, k) => {
      assert.equal(g.n, r.n[k]);
      assert.equal(g.observed, r.observed[k]);
      closeRel(g.expected, r.expected[k], 1e-10, `expected[${k}]`);
      lr.variance[k].forEach((v, j) => closeRel(v, r.var[k][j], 1e-10, `var[${k}][${j}]`));
    });
    // The grouped curves give the same test from the same counts.
    const km = kaplanMeierGroups(time, event, t.numeric(c.by));
    assert.equal(km.logRank.chisq, lr.chisq);
  });
}

test('veteran: log-rank across the four cell types (3 df) matches survdiff', async () => {
  // survdiff(Surv(time, status) ~ celltype, data = veteran), survival 3.5.3, R 4.2.2, run on this
  // machine (not in the shared fixtures). R drops squamous (its first level), we drop adeno (first
  // in sorted order): the chi-square does not depend on which group is dropped.
  const t = await table('veteran');
  const lr = logRank(t.numeric('time'), t.numeric('status'), t.text('celltype'));
  closeRel(lr.chisq, 25.403700345785357, 1e-8, 'chisq');
  assert.equal(lr.df, 3);
  closeRel(lr.p, 1.2712459390060946e-5, 1e-7, 'p');
  const byLevel = Object.fromEntries(lr.groups.map((g) => [g.level, g]));
  const want = {
    squamous: [31, 47.654677672475373],
    smallcell: [45, 30.102079326814831],
    adeno: [26, 15.693764614360491],
    large: [26, 34.549478386349314],
  };
  for (const [level, [o, e]] of Object.entries(want)) {
    assert.equal(byLevel[level].observed, o);
    closeRel(byLevel[level].expected, e, 1e-12, `${level} expected`);
  }
});

test('a hand-worked two-group test with tied event times', () => {
  // Group a: times 1, 3 (events), 4 (censored); group b: 2, 3 (events), 5 (event).
  // t=1: n=6 (3 a), d=1: E_a = 1/2,  V = 1*5/5 * 1/2*1/2 = 1/4
  // t=2: n=5 (2 a), d=1: E_a = 2/5,  V = 1 * 2/5 * 3/5 = 6/25
  // t=3: n=4 (2 a), d=2: E_a = 1,    V = 2*2/3 * 1/2 * 1/2 = 1/3
  // t=5: n=1 (0 a), d=1: E_a = 0,    V = 0
  const lr = logRank([4, 1, 2, 3, 3, 5], [0, 1, 1, 1, 1, 1], ['a', 'a', 'b', 'a', 'b', 'b']);
  const ea = 1 / 2 + 2 / 5 + 1;
  const v = 1 / 4 + 6 / 25 + 1 / 3;
  closeRel(lr.groups[0].expected, ea, 1e-15, 'E_a');
  closeRel(lr.groups[1].expected, 5 - ea, 1e-15, 'E_b');
  closeAbs(lr.variance.flat(), [v, -v, -v, v], 1e-15, 'V');
  closeRel(lr.chisq, (2 - ea) ** 2 / v, 1e-14, 'chisq');
});

test('one group only: no test, a warning, not a crash', () => {
  const lr = logRank([1, 2, 3], [1, 0, 1], ['x', 'x', 'x']);
  assert.equal(lr.df, 0);
  assert.ok(Number.isNaN(lr.p));
  assert.equal(lr.warnings[0].code, 'no-test');
});

test('many distinct times and groups (the row-walk path): same curves and test as the definition', () => {
  // 5 groups x 14,000 distinct times exceeds the grid limit, so counts are gathered by walking rows.
  const rng = random(99);
  const n = 14000;
  const time = Array.from({ length: n }, (_, i) => i / 7 + rng.next() / 100);
  const event = time.map(() => (rng.next() < 0.6 ? 1 : 0));
  const group = time.map(() => rng.int(5));
  const lr = logRank(time, event, group);
  // The definition, swept directly over the rows sorted by time.
  const idx = time.map((_, i) => i).sort((a, b) => time[a] - time[b]);
  const atRisk = [0, 0, 0, 0, 0];
  for (const g of group) atRisk[g]++;
  const o = [0, 0, 0, 0, 0];
  const e = [0, 0, 0, 0, 0];
  const v = Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
  for (let k = 0; k < n;) {
    let j = k;
    const d = [0, 0, 0, 0, 0];
    const leave = [0, 0, 0, 0, 0];
    while (j < n && time[idx[j]] === time[idx[k]]) {
      d[group[idx[j]]] += event[idx[j]];
      leave[group[idx[j]]]++;
      j++;
    }
    const dt = d.reduce((s, x) => s + x, 0);
    const nt = atRisk.reduce((s, x) => s + x, 0);
    if (dt > 0) {
      for (let g = 0; g < 5; g++) {
        o[g] += d[g];
        e[g] += (dt * atRisk[g]) / nt;
        for (let h = 0; h < 5; h++) {
          if (nt > 1)
            v[g][h] +=
              ((dt * (nt - dt)) / (nt - 1)) * (atRisk[g] / nt) * ((g === h ? 1 : 0) - atRisk[h] / nt);
        }
      }
    }
    for (let g = 0; g < 5; g++) atRisk[g] -= leave[g];
    k = j;
  }
  lr.groups.forEach((g, k) => {
    assert.equal(g.observed, o[k]);
    closeRel(g.expected, e[k], 1e-12, `E[${k}]`);
  });
  closeAbs(lr.variance.flat(), v.flat(), 1e-9, 'V');
  // And each group's curve equals the curve of that group alone.
  const km = kaplanMeierGroups(time, event, group);
  for (const g of km.groups) {
    const rows = group.map((x, i) => (String(x) === g.level ? i : -1)).filter((i) => i >= 0);
    const alone = kaplanMeier(
      rows.map((i) => time[i]),
      rows.map((i) => event[i]),
    );
    assert.deepEqual(Array.from(g.table.surv), Array.from(alone.table.surv));
    assert.deepEqual(Array.from(g.table.nRisk), Array.from(alone.table.nRisk));
  }
});
