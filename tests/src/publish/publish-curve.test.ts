import { test } from 'node:test';
import assert from 'node:assert/strict';
import { curveMonths, publishCurve } from '../../../src/publish/publish-curve.js';
import type { LifeTable } from '../../../src/publish/summary-life-tables.js';
import type { RereferralCurve } from '../../../src/analyses/rereferral-types.js';

// A life table from re-referrals and censorings in each month [m, m + 1), months 0 .. last, and
// what happens after the last month (the tail).
function table(events: number[], censored: number[], tail: { events: number; censored: number }): LifeTable {
  const E = events.reduce((a, b) => a + b, 0) + tail.events;
  const C = censored.reduce((a, b) => a + b, 0) + tail.censored;
  const t: LifeTable = {
    level: 'g',
    n: E + C,
    events: E,
    censored: C,
    nRisk: [],
    eventsBefore: [],
    censoredBefore: [],
    estimate: [],
    lower: [],
    upper: [],
  };
  let e = 0;
  let c = 0;
  for (let m = 0; m <= events.length; m++) {
    t.eventsBefore.push(e);
    t.censoredBefore.push(c);
    t.nRisk.push(E + C - e - c);
    t.estimate.push(e / (E + C));
    t.lower.push(e / (E + C) / 2);
    t.upper.push(Math.min(1, (e / (E + C)) * 1.5));
    e += events[m] ?? 0;
    c += censored[m] ?? 0;
  }
  return t;
}

// Months 0..13 of follow-up (the table runs to month 14), worked by hand below.
const events = [8, 2, 4, 0, 7, 0, 0, 0, 0, 0, 0, 0, 3, 9];
const censored = [0, 0, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

test('months are merged where a step would show 1 to 5 re-referrals or censorings (worked by hand)', () => {
  // Year 12 first: 21 re-referrals and 6 censored before it, 19 and 14 after: kept. Inside the first
  // year: month 1 (8 re-referred); month 2 would show 2, so 2 merges into 3 (6); month 4 (6
  // censored); 5 (7 re-referred); 6-11 (nothing happens: 0 is shown). After 12: month 13 would show
  // 3, merged into 14 (12); after 14, 7 re-referred and 14 censored remain: fine.
  const t = table(events, censored, { events: 7, censored: 14 });
  assert.deepEqual(curveMonths(t, 5), [0, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14]);
  // With only 3 re-referrals after month 14 they could be read off the group's total: 14 goes too.
  const short = table(events, censored, { events: 3, censored: 14 });
  assert.deepEqual(curveMonths(short, 5), [0, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  // A threshold of 10: months 1 and 2 (8, then 10 in all) merge into 3 (14). The 6 censored in
  // month 3 never gather more than 10 with later censorings, so no later month can be shown (year
  // 12 fails on them too) and after month 3 comes only the tail (26 re-referred, 20 censored).
  assert.deepEqual(curveMonths(t, 10), [0, 3]);
});

test('a curve stops where 5 or fewer episodes are still followed', () => {
  // 12 episodes: 6 re-referred in month 0, one censored in month 1, then 5 left: cut at month 2.
  const t = table([6, 0, 0], [0, 1, 0], { events: 0, censored: 5 });
  assert.deepEqual(t.nRisk, [12, 6, 5, 5]);
  // Month 1 (6 re-referred, 6 left) would leave 0 re-referred and 6 censored after it: kept.
  assert.deepEqual(curveMonths(t, 5), [0, 1]);
  assert.deepEqual(curveMonths(table([2], [0], { events: 0, censored: 3 }), 5), []);
});

const curve = (t: LifeTable): RereferralCurve => ({
  level: 'g',
  label: 'Group',
  n: t.n,
  events: t.events,
  censored: t.censored,
  months: [0, 0.5, 14],
  estimate: [0, 0.1, 0.2],
  lower: [0, 0.05, 0.1],
  upper: [0, 0.15, 0.3],
  thinned: false,
  lastMonths: 14.2,
  at: {
    months12: {
      months: 12,
      estimate: t.estimate[12]!,
      lower: t.lower[12]!,
      upper: t.upper[12]!,
      nRisk: t.nRisk[12]!,
    },
    years6: { months: 72, estimate: null, lower: null, upper: null, nRisk: 0 },
  },
  risk: [
    { months: 0, nRisk: t.nRisk[0]! },
    { months: 12, nRisk: t.nRisk[12]! },
  ],
});

test('the published curve carries the at-risk and event counts of its points; 12 months where the grid has it', () => {
  const t = table(events, censored, { events: 7, censored: 14 });
  const p = publishCurve(curve(t), t, { n: t.n, events: t.events, censored: t.censored }, { threshold: 5 });
  assert.deepEqual(p.months, [0, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14]);
  assert.deepEqual(p.nRisk, [60, 52, 46, 40, 33, 33, 33, 33, 33, 33, 33, 33, 21]);
  assert.deepEqual(p.nEvent, [0, 8, 6, 0, 7, 0, 0, 0, 0, 0, 0, 0, 12]);
  assert.equal(p.estimate[12], t.estimate[14]);
  assert.deepEqual(p.at.months12, { ...curve(t).at.months12, nRisk: 33 });
  assert.deepEqual(p.at.years6, { months: 72, estimate: null, lower: null, upper: null, nRisk: 0 });
  assert.deepEqual(p.risk, [
    { months: 0, nRisk: 60 },
    { months: 12, nRisk: 33 },
  ]);
  assert.equal(p.lastMonths, 14);
  assert.equal(p.suppressed, false);
});

test('a group with a suppressed total is withheld; the pooled curve beside groups shows no counts', () => {
  const t = table(events, censored, { events: 7, censored: 14 });
  const hidden = publishCurve(curve(t), t, { n: t.n, events: 'c', censored: 'c' }, { threshold: 5 });
  assert.equal(hidden.suppressed, true);
  assert.deepEqual([hidden.months, hidden.estimate, hidden.nRisk], [[], [], []]);
  assert.deepEqual(hidden.at.months12, { months: 12, estimate: null, lower: null, upper: null, nRisk: 'c' });
  assert.deepEqual(
    hidden.risk.map((r) => r.nRisk),
    ['c', 'c'],
  );
  const pooled = publishCurve(
    curve(t),
    t,
    { n: t.n, events: t.events, censored: t.censored },
    { withCounts: false },
  );
  assert.equal(pooled.months.length, 13);
  assert.ok(pooled.nRisk.every((v) => v === 'c'));
  assert.deepEqual(pooled.nEvent.slice(0, 2), [0, 'c']);
  assert.ok(pooled.nEvent.slice(1).every((v) => v === 'c'));
  assert.equal(pooled.at.months12.nRisk, 'c');
  assert.equal(pooled.at.months12.estimate, t.estimate[12]);
});
