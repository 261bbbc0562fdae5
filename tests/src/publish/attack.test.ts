import { test } from 'node:test';
import assert from 'node:assert/strict';
import { synthesise } from '../../../src/synth/synth.js';
import { loadAssessments, loadPupils } from '../../../src/data/load.js';
import { buildSummary } from '../../../src/publish/summary.js';
import { validateSummary } from '../../../src/publish/validate-summary.js';
import type { Summary } from '../../../src/publish/summary-types.js';
import { attack } from './attack-model.js';
import { tightenBounds } from '../../../src/publish/bound-solver.js';

// An attack on published summaries, as an outside adversary would make it: every linear relation between the
// published figures (attack-model.ts, written from what they mean, not from the publishing code),
// integer bounds on each `c` (bound-solver.ts), n x mean of a 0/1 outcome, and profile x category
// count, on small synthetic councils, a large one whose extract starts part-way through a financial
// year, and councils whose referrals have one assessment each. No count from 1 to the threshold may
// come back. Before the whole-summary disclosure pass, these councils gave back year totals (from
// the eras of code introduction), the no-factor count (from the re-referral episodes), pupils
// reaching the KS2 expected standard (n x mean) and the factor codes of tiny categories.

/** The first assessment of each referral (child and referral date) only, as a CSV. */
function onePerReferral(csv: string): string {
  const lines = csv.split('\n');
  const head = lines[0]!.split(',');
  const child = head.indexOf('child_id');
  const referral = head.indexOf('referral_date');
  const seen = new Set<string>();
  const kept = lines.slice(1).filter((line) => {
    if (!line) return false;
    const f = line.split(',');
    const key = `${f[child]}|${f[referral]}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return [lines[0], ...kept].join('\n') + '\n';
}

async function council(
  assessments: number,
  seed: number,
  { start, one = false, threshold = 5 }: { start?: string; one?: boolean; threshold?: number } = {},
): Promise<Summary> {
  const s = synthesise({ assessments, seed, ...(start ? { start } : {}) });
  const csv = one ? onePerReferral(s.assessmentsCsv) : s.assessmentsCsv;
  const a = await loadAssessments(csv, { fileName: 'assessments.csv' });
  const p = await loadPupils(s.pupilsCsv, { fileName: 'pupils.csv' });
  return buildSummary({ assessments: a.data, pupils: p.data }, { threshold, generatedAt: null });
}

const councils: { assessments: number; seed: number; start?: string; one?: boolean; threshold?: number }[] = [
  ...[60, 100, 150].flatMap((assessments) => [1, 2, 3].map((seed) => ({ assessments, seed }))),
  { assessments: 3000, seed: 7, start: '2015-03-01' },
  { assessments: 60, seed: 4, one: true },
  { assessments: 100, seed: 5, one: true },
  { assessments: 150, seed: 1, one: true },
  { assessments: 400, seed: 8, one: true, threshold: 10 },
];

for (const c of councils) {
  const what = `${c.assessments} assessments, seed ${c.seed}${c.start ? `, from ${c.start}` : ''}${c.one ? ', one assessment per referral' : ''}${c.threshold ? `, threshold ${c.threshold}` : ''}`;
  test(`no count from 1 to the threshold comes back from a council of ${what}`, async () => {
    const summary = await council(c.assessments, c.seed, c);
    assert.deepEqual(validateSummary(JSON.parse(JSON.stringify(summary))).errors, []);
    const found = attack(summary, { oneAssessmentPerReferral: c.one === true });
    assert.deepEqual(found, [], `recovered: ${JSON.stringify(found)}`);
  });
}

test('the solver pins a suppressed year from an era of code introduction (312 - 307 = 5), worked by hand', () => {
  // Variables: missing 22A rows (312, published), 2014-15 (c), 2015-16 (307), 2016-17 (c), and
  // classified (c); the era: missing = 2014-15 + 2015-16; the years sum to classified.
  const { lo, hi } = tightenBounds({
    lo: [312, 0, 307, 0, 0],
    hi: [312, Infinity, 307, Infinity, Infinity],
    equations: [
      {
        terms: [
          [0, 1],
          [1, -1],
          [2, -1],
        ],
        rhs: 0,
        why: 'era',
      },
      {
        terms: [
          [1, 1],
          [2, 1],
          [3, 1],
          [4, -1],
        ],
        rhs: 0,
        why: 'years',
      },
    ],
  });
  assert.deepEqual([lo[1], hi[1]], [5, 5]);
  // The later year and classified stay free: one equation, two unknowns.
  assert.equal(hi[3], Infinity);
});

test('the solver bounds a cell through non-negativity, and says when the equations contradict', () => {
  // a + b = 7 and a + c = 2: a, c in 0..2, b in 5..7.
  const { lo, hi } = tightenBounds({
    lo: [0, 0, 0],
    hi: [Infinity, Infinity, Infinity],
    equations: [
      {
        terms: [
          [0, 1],
          [1, 1],
        ],
        rhs: 7,
        why: 'one',
      },
      {
        terms: [
          [0, 1],
          [2, 1],
        ],
        rhs: 2,
        why: 'two',
      },
    ],
  });
  assert.deepEqual(
    [lo, hi],
    [
      [0, 5, 0],
      [2, 7, 2],
    ],
  );
  assert.throws(
    () =>
      tightenBounds({
        lo: [3, 0],
        hi: [3, Infinity],
        equations: [
          {
            terms: [
              [0, 1],
              [1, 1],
            ],
            rhs: 2,
            why: 'too few',
          },
        ],
      }),
    /contradiction/,
  );
});

test('the attack finds each kind of leak when a summary has one (so the tests above can fail)', async () => {
  const summary = await council(150, 1, { one: true });
  // (The cross-section leak, demand.n against rereferral.episodes.total, is the councils' tests above.)
  const copy = (): Summary => JSON.parse(JSON.stringify(summary));

  // n x mean of the KS2 expected standard: a row of 8 pupils with mean 0.5 gives 4.
  const ks2 = copy();
  const table = ks2.attainment.find((a) => a.outcome.scale === 'proportion')!;
  const row = table.rows.find((x) => x.kind === 'category')!;
  Object.assign(row, { n: 8, mean: 0.5 });
  assert.ok(attack(ks2).some((f) => f.how === 'n x mean' && f.value === 4));

  // A profile shown for a suppressed category.
  const profile = copy();
  const k = profile.demand!.categories.findIndex((c) => c.count === 'c');
  if (k >= 0) {
    profile.demand!.profiles.probabilities[k] = profile.demand!.profiles.items.map(() => 0.99);
    assert.ok(attack(profile).some((f) => f.how === 'profile of a suppressed category'));
  }
  // A profile cell resting on 2 assessments: P = 2 / the category's count.
  const cell = copy();
  const big = cell.demand!.categories.findIndex((c) => typeof c.count === 'number' && c.count > 0);
  cell.demand!.profiles.probabilities[big]![0] = 2 / (cell.demand!.categories[big]!.count as number);
  assert.ok(attack(cell).some((f) => f.how === 'profile x count' && f.value === 2));
});
