import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NATIONAL_SCHEME, validateScheme, type Scheme } from '../../../src/domain/scheme.js';
import { CIN_FACTORS } from '../../../src/domain/cin-codes.js';
import { random } from '../../../src/math/random.js';

const copy = (): Scheme => JSON.parse(JSON.stringify(NATIONAL_SCHEME)) as Scheme;

test('the national scheme has the 12 published categories with their shares', () => {
  const s = validateScheme(NATIONAL_SCHEME);
  assert.equal(s.categories.length, 12);
  const published = Object.fromEntries(s.categories.map((c) => [c.id, Math.round(c.publishedShare! * 100)]));
  assert.deepEqual(published, {
    'domestic-abuse': 20,
    'parental-mental-health': 19,
    other: 13,
    disability: 7,
    'risks-outside-home': 7,
    'complex-domestic-abuse': 7,
    'child-mental-health': 6,
    'physical-abuse': 6,
    neglect: 4,
    'sexual-abuse': 3,
    'another-person': 3,
    'risks-in-and-outside-home': 2,
  });
  // Normalised: 20 / 97 for domestic abuse; the shares sum to 1.
  assert.ok(Math.abs(s.categories[0]!.share - 20 / 97) < 1e-12);
  assert.ok(Math.abs(s.categories.reduce((a, c) => a + c.share, 0) - 1) < 1e-12);
});

test('says its profiles are approximate, and covers every current factor code but 21', () => {
  assert.match(NATIONAL_SCHEME.note, /approximate profiles; replace with the published template/i);
  const current = CIN_FACTORS.filter((f) => f.until === undefined && f.code !== '21').map((f) => f.code);
  for (const c of NATIONAL_SCHEME.categories) {
    assert.deepEqual(Object.keys(c.profile).sort(), [...current].sort(), c.id);
    assert.ok(c.description.length > 20, c.id);
  }
  assert.equal(NATIONAL_SCHEME.categories.find((c) => c.id === 'other')!.profile['20']! >= 0.9, true);
});

test('every two categories differ by at least 0.4 in the probability of some code', () => {
  const cats = NATIONAL_SCHEME.categories;
  for (const a of cats) {
    for (const b of cats) {
      if (a === b) continue;
      const gap = Math.max(
        ...Object.keys(a.profile).map((code) => Math.abs(a.profile[code]! - b.profile[code]!)),
      );
      assert.ok(gap >= 0.4, `${a.id} and ${b.id} differ by at most ${gap}`);
    }
  }
});

test('the categories are distinguishable: with the true profiles, 94% of simulated assessments classify correctly', () => {
  // Bayes-rule classification with the scheme's own shares and profiles (local independence), on
  // 20,000 assessments drawn from it (redrawn when no factor came up, as the generator does): the
  // ceiling for any latent class fit, so it must leave room for estimation error above the 90% target.
  const cats = NATIONAL_SCHEME.categories;
  const items = Object.keys(cats[0]!.profile);
  const logP = cats.map((c) => items.map((i) => Math.log(c.profile[i]!)));
  const logQ = cats.map((c) => items.map((i) => Math.log(1 - c.profile[i]!)));
  const rng = random(11);
  let right = 0;
  const n = 20000;
  for (let r = 0; r < n; r++) {
    const k = rng.choice(cats.map((c) => c.share));
    let x: boolean[];
    do x = items.map((i) => rng.next() < cats[k]!.profile[i]!);
    while (!x.some(Boolean));
    let best = 0;
    let bestLl = -Infinity;
    cats.forEach((c, j) => {
      let ll = Math.log(c.share);
      for (let i = 0; i < items.length; i++) ll += x[i] ? logP[j]![i]! : logQ[j]![i]!;
      if (ll > bestLl) [best, bestLl] = [j, ll];
    });
    if (best === k) right++;
  }
  assert.ok(right / n >= 0.94, `accuracy ${right / n}`);
});

test('accepts a scheme as JSON text (a local fit exported last year), normalising codes and shares', () => {
  const local = {
    version: 'Anytown 2023-24 local fit',
    categories: [
      { id: 'home', name: 'Risks at home', share: 0.605, profile: { '03b': 0.9, f_4b: 0.2 } },
      { id: 'away', name: 'Risks away from home', share: 0.4, profile: { '3B': 0.05, '4B': 0.1 } },
    ],
  };
  const v = validateScheme(JSON.stringify(local));
  assert.deepEqual(v.categories[0]!.profile, { '3B': 0.9, '4B': 0.2 });
  assert.ok(Math.abs(v.categories[0]!.share - 0.605 / 1.005) < 1e-12);
  assert.equal(v.source, '');
  assert.equal(v.categories[1]!.description, '');
});

test('rejects what a scheme file must not hold, naming the field', () => {
  const cases: [string, (s: Scheme) => unknown, RegExp][] = [
    [
      'share above 1',
      (s) => (s.categories[2]!.share = 1.5),
      /invalid categories\[2\]\.share; expected a number from 0 to 1, got 1\.5/,
    ],
    [
      'unknown code',
      (s) => (s.categories[1]!.profile['99Z'] = 0.1),
      /profile code; expected a factor code .* got '99Z'/,
    ],
    [
      'duplicate id',
      (s) => (s.categories[3]!.id = 'other'),
      /invalid categories\[3\]\.id; expected ids that differ/,
    ],
    ['id not a slug', (s) => (s.categories[0]!.id = 'Domestic abuse'), /expected a slug/],
    [
      'probability out of range',
      (s) => (s.categories[0]!.profile['3B'] = -0.1),
      /profile\['3B'\]; expected a number from 0 to 1/,
    ],
    [
      'missing code',
      (s) => delete s.categories[5]!.profile['16A'],
      /profile; expected the same factor codes as every other category, got '16A'/,
    ],
    [
      'shares not summing to 1',
      (s) => (s.categories[0]!.share = 0.5),
      /invalid shares; expected shares summing to 1/,
    ],
    [
      'no version',
      (s) => delete (s as Partial<Scheme>).version,
      /invalid version; expected a non-empty string/,
    ],
    ['no categories', (s) => (s.categories = []), /invalid categories; expected a non-empty array/],
  ];
  for (const [what, mutate, message] of cases) {
    const s = copy();
    mutate(s);
    assert.throws(() => validateScheme(s), message, what);
  }
  assert.throws(() => validateScheme('{not json'), /validateScheme: invalid JSON/);
  assert.throws(() => validateScheme(null), /validateScheme: invalid scheme; expected an object/);
});
