// R's timefix (aeqSurv) worked by hand: which values merge, into what, and when an interval
// collapses. The R comparison of whole fits is in extensions.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { timefix, TIMEFIX_TOLERANCE } from '../../../src/survival/timefix.js';
import { logRank } from '../../../src/survival/logrank.js';
import { kaplanMeierGroups } from '../../../src/survival/kaplan-meier-groups.js';

test('0.1 + 0.2 and 0.3 become one time, the smaller of the two; distinct times stay', () => {
  const r = timefix([0.1 + 0.2, 0.3, 0.5, 1]);
  assert.deepEqual(Array.from(r.time), [0.3, 0.3, 0.5, 1]);
  assert.equal(r.changed, 1);
  assert.equal(TIMEFIX_TOLERANCE, Math.sqrt(Number.EPSILON));
});

test('the relative rule: neighbours within tol of the mean |time| merge, and chains follow R', () => {
  // Mean of the distinct values about 1e9: 1e9 and 1e9 + 1 differ by 1e-9 relative: tied.
  const r = timefix([1e9, 1e9 + 1, 2e9]);
  assert.deepEqual(Array.from(r.time), [1e9, 1e9, 2e9]);
  // A chain: a, a + 0.9 tol, a + 1.8 tol all become a (each step within tol, the ends are not).
  const a = 0.25;
  const step = 0.9 * TIMEFIX_TOLERANCE;
  const chain = timefix([a, a + step, a + 2 * step, 1]);
  assert.deepEqual(Array.from(chain.time).slice(0, 3), [a, a, a]);
});

test('whole-number times are returned as they are (no sort)', () => {
  const days = [5, 3, 5, 700];
  const r = timefix(days);
  assert.equal(r.time, days);
  assert.equal(r.changed, 0);
});

test('an interval whose start and stop merge is an error, as R; start times merge too', () => {
  assert.throws(() => timefix([0.3, 2.5], [0.1 + 0.2, 1]), /effective length 0/);
  const r = timefix([1.5, 0.1 + 0.2], [0.3, 0]);
  assert.deepEqual(Array.from(r.start!), [0.3, 0]);
  assert.deepEqual(Array.from(r.time), [1.5, 0.3]);
});

test('log-rank and grouped KM apply timefix by default and can turn it off', () => {
  const time = [0.1 + 0.2, 0.3, 0.7, 1.1];
  const event = [1, 1, 1, 0];
  const group = ['a', 'b', 'a', 'b'];
  const on = kaplanMeierGroups(time, event, group);
  const off = kaplanMeierGroups(time, event, group, { timefix: false });
  // With timefix the two first events are tied at 0.3: at that time 4 at risk, 2 events.
  assert.equal(on.groups[1]!.table.time[0], 0.3);
  assert.equal(on.groups[0]!.table.time[0], 0.3);
  assert.equal(off.groups[0]!.table.time[0], 0.1 + 0.2);
  assert.notEqual(logRank(time, event, group).chisq, logRank(time, event, group, { timefix: false }).chisq);
  assert.throws(
    () => kaplanMeierGroups(time, event, group, { weights: [1, 1, 1, 1] }),
    /call kaplanMeier for each group/,
  );
});
