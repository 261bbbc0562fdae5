// Spells found by a counting sort on child (rereferral-spells.ts) against the plain definition, a map
// keyed by (child, start) filled row by row, on shuffled rows with a spell repeated on several rows,
// ends recorded on some of them only, equal assessment dates and rows with no child id.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MISSING_DAY, type AssessmentData } from '../../../src/data/types.js';
import { spellFollowUp } from '../../../src/analyses/rereferral-spells.js';

function reference(data: AssessmentData): { child: number; start: number; end: number; row: number }[] {
  const byKey = new Map<string, number>();
  const spells: { child: number; start: number; end: number; row: number }[] = [];
  for (let i = 0; i < data.n; i++) {
    const start = data.cppStart[i]!;
    if (start === MISSING_DAY) continue;
    const child = data.childId.codes[i]!;
    const end = data.cppEnd[i]!;
    const at = byKey.get(`${child}:${start}`);
    if (at === undefined) {
      byKey.set(`${child}:${start}`, spells.length);
      spells.push({ child, start, end, row: i });
    } else {
      const s = spells[at]!;
      if (data.assessmentDate[i]! >= data.assessmentDate[s.row]!) s.row = i;
      if (end !== MISSING_DAY && (s.end === MISSING_DAY || end > s.end)) s.end = end;
    }
  }
  return spells.sort((a, b) => a.child - b.child || a.start - b.start);
}

test('spells are the distinct (child, start) of the rows, each with its latest end and latest row', () => {
  let seed = 7;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const n = 3000;
  const pick = (k: number) => Math.floor(next() * k);
  const data = {
    n,
    // Code -1: no child id (its rows are one "child", as the map's key `-1:start` made them).
    childId: { codes: Int32Array.from({ length: n }, () => pick(300) - 1), levels: [] },
    cppStart: Int32Array.from({ length: n }, () => (next() < 0.2 ? MISSING_DAY : 18000 + 30 * pick(20))),
    cppEnd: Int32Array.from({ length: n }, () => (next() < 0.4 ? MISSING_DAY : 18600 + pick(900))),
    careStart: new Int32Array(n).fill(MISSING_DAY),
    careEnd: new Int32Array(n).fill(MISSING_DAY),
    assessmentDate: Int32Array.from({ length: n }, () => 17000 + pick(40)),
    closureReason: { codes: new Int32Array(n).fill(-1), levels: [] },
    dateOfBirth: new Int32Array(n).fill(14000),
    age: new Float64Array(n).fill(NaN),
    referralDate: new Int32Array(n).fill(17000),
  } as unknown as AssessmentData;
  const want = reference(data);
  const { ep } = spellFollowUp(data, 'cpp', 20000);
  assert.ok(want.length > 1000 && want.length < 2400, `${want.length} spells: some repeated on rows`);
  assert.ok(want.some((s) => s.child === -1));
  assert.deepEqual(
    Array.from({ length: ep.n }, (_, e) => ({
      child: ep.child[e],
      start: ep.referralDate[e],
      end: ep.closureDate[e],
      row: ep.latestAssessment[e],
    })),
    want,
  );
});
