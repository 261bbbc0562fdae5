import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupCounts } from '../../../src/survival/group-counts.js';
import { fixedTimeRanks } from '../../../src/survival/fixed-time-ranks.js';
import { random } from '../../../src/math/random.js';

const plain = (c: ReturnType<typeof groupCounts>) => ({
  times: Array.from(c.times),
  missing: c.missing,
  byGroup: c.byGroup.map((g) => ({
    rank: Array.from(g.rank),
    events: Array.from(g.events),
    censored: Array.from(g.censored),
  })),
});

test('a hand-worked case: rows with no group are left out of the times and the counts', () => {
  // Times 5 and 9 belong only to rows without a group: the kept rows' distinct times are 2, 4, 7.
  const time = [4, 5, 2, 7, 9, 4];
  const status = Uint8Array.of(1, 1, 0, 1, 0, 0);
  const codes = Int32Array.of(0, -1, 1, 0, -1, 1);
  const expected = {
    times: [2, 4, 7],
    missing: 2,
    byGroup: [
      { rank: [1, 2], events: [1, 1], censored: [0, 0] },
      { rank: [0, 1], events: [0, 0], censored: [1, 1] },
    ],
  };
  assert.deepEqual(plain(groupCounts(time, status, codes, 2)), expected);
  // The same from the ranking of every row (what kaplanMeierGroups passes).
  assert.deepEqual(plain(groupCounts(time, status, codes, 2, fixedTimeRanks(time, true))), expected);
});

test('with groups missing, counts from the ranking already made equal counts ranked afresh', () => {
  const rng = random(5);
  for (const continuous of [false, true]) {
    const n = 2000;
    const time = Array.from({ length: n }, () => (continuous ? rng.next() * 50 : rng.int(300)));
    const status = Uint8Array.from({ length: n }, () => (rng.next() < 0.4 ? 1 : 0));
    const codes = Int32Array.from({ length: n }, () => rng.int(4) - 1);
    const ranked = fixedTimeRanks(time, false);
    assert.deepEqual(
      plain(groupCounts(time, status, codes, 3, ranked)),
      plain(groupCounts(time, status, codes, 3)),
    );
  }
});
